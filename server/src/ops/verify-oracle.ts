/**
 * Verify against Oracle: the source side computed in Oracle (sql/oracle-verify-sql.ts) and run through
 * node-oracledb on the live connection of tablespec.yaml. The session's number characters are fixed first
 * (`.` decimal, `,` group), so that TO_NUMBER and TO_CHAR read and write numbers as the extract does,
 * whatever the database's defaults; dates carry their own formats and NLS_DATE_LANGUAGE.
 */
import * as l10n from '@vscode/l10n';
import { OperationError } from '../backends/errors';
import type { Row } from '../backends/types';
import type { OracleSession } from '../backends/oracle/live-oracle';
import { parseOracleType } from '../oracle/parse-oracle-type';
import { oracleSourceSide, type OracleFamily } from '../sql/oracle-verify-sql';
import type { VerifySide } from '../sql/verify-sql';
import { specExtractConfig } from './extract';
import type { SpecContext } from './spec-context';
import type { SideEngine } from './verify';

function familyOf(oracleType: string | undefined): OracleFamily {
  const family = parseOracleType(oracleType ?? '').type?.family;
  if (family === 'number' || family === 'binary_float' || family === 'binary_double') return 'number';
  if (family === 'date' || family === 'timestamp') return family;
  return family === undefined ? 'other' : 'text';
}

/** The Oracle source side of a spec: the extract's query with the spec's rules in Oracle SQL. */
export function oracleSide(ctx: SpecContext, salt: string | undefined): { side: VerifySide; object: string } {
  const extract = specExtractConfig(ctx);
  const families = new Map(ctx.model.columns.filter((c) => c.name).map((c) => [c.name!, familyOf(c.oracle?.canonical)]));
  const object = extract.query.replace(/^.* FROM /s, '');
  return { side: oracleSourceSide(ctx.plan, extract.query, families, salt === undefined ? [] : [salt]), object };
}

/** Statements the session runs before verify's queries: numbers read and written with `.` as the decimal character. */
export const oracleSessionSetup = [`ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,'`];

/**
 * An Oracle session as one side of verify: each query's `?`-free SQL is run with the salt bound by name
 * (`:salt`, only when the SQL names it); rows come back with their aliases as keys, numbers as numbers.
 */
export async function oracleEngine(session: OracleSession, description: string): Promise<SideEngine & { close(): Promise<void> }> {
  const run = session.query?.bind(session);
  if (!run) throw new OperationError('failed', l10n.t('This Oracle session cannot run queries.'));
  for (const s of oracleSessionSetup) await run(s);
  return {
    dialect: 'oracle',
    description,
    async query(sql, options = {}) {
      if (options.signal?.aborted) throw new OperationError('cancelled', l10n.t('verify was cancelled.'));
      const binds = /:salt\b/.test(sql) ? { salt: options.params?.[0] ?? '' } : {};
      const rows = (await run(sql, binds)) as Row[];
      return { rows, stats: {} };
    },
    close: () => session.close(),
  };
}
