/**
 * Verify's source side in Oracle: the source table read by the extract's own query (the spec's hint, dates
 * written by TO_CHAR as the extract writes them), each column then taken through the spec's cleansing,
 * conversions, type and `sha256` hash by the same definitions the load compiles (compileColumn, in
 * Oracle's dialect), less what retention and `delete_row` purges delete, with `nullify` purges applied.
 * The salt is the bind variable `:salt`, never in the text. The result is a relation with the spec's
 * columns, which verify-sql.ts counts, checksums and samples in Oracle's dialect.
 */
import { compileColumn } from './cleansing-sql';
import { ident } from './identifiers';
import type { Duration, NormalizedTable } from './normalized-table';
import type { VerifySide } from './verify-sql';
import { oracleIdent } from '../oracle/oracle-names';

/** What an Oracle column holds, as far as reading it goes. */
export type OracleFamily = 'number' | 'date' | 'timestamp' | 'text' | 'other';

// Oracle date arithmetic: ADD_MONTHS for months and years (an INTERVAL of months fails on the 31st).
const cutoff = (d: Duration) => (d.unit === 'd' ? `(TRUNC(SYSDATE) - ${Math.floor(d.n)})` : `ADD_MONTHS(TRUNC(SYSDATE), -${Math.floor(d.n) * (d.unit === 'y' ? 12 : 1)})`);
// A row is deleted when the condition is true; a NULL basis deletes nothing (as in the load's DELETE).
const kept = (column: string, d: Duration) => `(${ident(column)} IS NULL OR ${ident(column)} >= ${cutoff(d)})`;

/**
 * The source side. `extractQuery` is the extract's SELECT (oracle/extract-config.ts); `families` tells
 * which of its columns are numbers, which a text extract holds as text (TO_CHAR … 'TM9', the shortest
 * exact form) so that the spec's rules see what the load sees.
 */
export function oracleSourceSide(plan: NormalizedTable, extractQuery: string, families: Map<string, OracleFamily>, params: string[]): VerifySide {
  const text = plan.staging.format !== 'parquet';
  const converted = plan.columns.map((c) => {
    const col = `src.${oracleIdent(c.source)}`;
    const input = text && families.get(c.name) === 'number' ? `TO_CHAR(${col}, 'TM9')` : col;
    return `${compileColumn(input, text ? 'string' : c.inputKind, c.rules, c.target, c.encrypt, 'oracle').expr} AS ${ident(c.name, 'column')}`;
  });
  const conditions: string[] = [];
  if (plan.retention) {
    const dated = plan.partitionBy.find((p) => ['date', 'timestamp'].includes(plan.columns.find((c) => c.name === p)?.stored.kind ?? ''));
    if (dated) conditions.push(kept(dated, plan.retention));
  }
  for (const p of plan.purges) if (p.action === 'delete_row') conditions.push(kept(p.basis, p.after));
  const select = plan.columns.map((c) => {
    const purge = plan.purges.find((p) => p.action === 'nullify' && p.column === c.name);
    return purge ? `CASE WHEN ${kept(purge.basis, purge.after)} THEN ${ident(c.name)} END AS ${ident(c.name)}` : ident(c.name);
  });
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const salted = plan.columns.some((c) => c.encrypt === 'sha256');
  return { relation: `(SELECT ${select.join(', ')} FROM (SELECT ${converted.join(', ')} FROM (${extractQuery}) src) converted${where}) source_side`, params: salted ? params : [], flavor: 'oracle' };
}
