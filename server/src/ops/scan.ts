/**
 * `scan`: personal data in a table's values. Reads a bounded sample of every column (from the staging
 * extract, or from the loaded table), runs the value validators, and says per column what it found, how
 * many sampled values matched, with a masked example, and whether the spec already declares it. The
 * values stay in this process: only counts and masked examples leave it, and nothing is logged.
 */
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { OperationError } from '../backends/errors';
import type { Backend, Progress } from '../backends/types';
import { packPrefix, packSeparator, sampleStagingDuckdb, sampleTableAthena, sampleTableDuckdb } from '../privacy/sample-sql';
import { scanValues, type ValueFinding, type ValueKind } from '../privacy/scan-values';
import { sensitiveKinds, type PiiKind } from '../rules/detect-pii';
import { get, str } from '../document/yaml-node';
import { workspacePath, type SpecContext } from './spec-context';

export interface ScanFinding extends ValueFinding {
  column: string;
  /** Non-empty sampled values of the column. */
  sampled: number;
  /** matched / sampled. */
  share: number;
  /** The spec already says so: `pii` of this kind (or the column is encrypted). */
  declared: boolean;
  /** Whether the law wants this kind encrypted (RRN, passport, licence, foreigner, card, account numbers). */
  sensitive: boolean;
}

export interface ScanReport {
  table: string;
  environment: string;
  /** Where the values came from: the staging extract or the loaded table. */
  from: 'staging' | 'table';
  location: string;
  /** Rows sampled (at most the bound). */
  rows: number;
  /** Columns not scanned, with why (a hashed column holds hashes, not values). */
  skipped: { column: string; reason: string }[];
  findings: ScanFinding[];
}

export interface ScanOptions {
  rows: number;
  from?: 'staging' | 'table';
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** The spec's `pii` kind for a kind found in values: the names are the same. */
const asPii = (k: ValueKind): PiiKind => k;

export async function scan(ctx: SpecContext, backend: Backend, options: ScanOptions): Promise<ScanReport> {
  const { plan } = ctx;
  const table = `${plan.database}.${plan.table}`;
  const local = backend.dialect === 'duckdb';
  const stagingPath = local && !/^s3:\/\//.test(plan.staging.location) ? workspacePath(ctx.root, plan.staging.location) : undefined;
  const from = options.from ?? (stagingPath && existsSync(stagingPath) ? 'staging' : 'table');
  if (from === 'staging') {
    if (!local) throw new OperationError('invalid-spec', l10n.t('On Athena the scan reads the loaded table; the extract on S3 is read by a load. Use `--from table`.'));
    if (!stagingPath)
      throw new OperationError(
        'invalid-spec',
        l10n.t("The local engine reads local files; {0} is on S3. Set `source.staging.location` or the environment's `staging` pattern to a path in the workspace.", plan.staging.location),
      );
    if (!existsSync(stagingPath)) throw new OperationError('not-found', l10n.t('The extract {0} does not exist (looked in {1}).', plan.staging.location, stagingPath));
  } else if (!(await backend.getTable(plan.database, plan.table, options.signal))) {
    throw new OperationError('not-found', l10n.t('{0} is not deployed on {1} and has no extract to scan: load it, or put the extract where `source.staging` says.', table, ctx.environment.name));
  }
  // In the table a hashed column holds hashes: nothing to find, and nothing to show.
  const skipped = from === 'table' ? plan.columns.filter((c) => c.encrypt === 'sha256').map((c) => ({ column: c.name, reason: l10n.t('hashed (sha256)') })) : [];
  const columns = plan.columns.filter((c) => !skipped.some((s) => s.column === c.name)).map((c) => c.name);
  const location = from === 'staging' ? plan.staging.location : table;
  if (!columns.length) return { table, environment: ctx.environment.name, from, location, rows: 0, skipped, findings: [] };

  options.onProgress?.({ message: l10n.t('Sampling {0} rows of {1}', options.rows.toLocaleString('en'), location) });
  const sql =
    from === 'staging' ? sampleStagingDuckdb(plan, stagingPath!, options.rows, columns) : local ? sampleTableDuckdb(plan, options.rows, columns) : sampleTableAthena(plan, options.rows, columns);
  const valuesOf = await sample(backend, sql, options);

  const findings: ScanFinding[] = [];
  for (const [index, name] of columns.entries()) {
    const col = plan.columns.find((c) => c.name === name)!;
    // What the spec says itself (not what the checker guessed from the name).
    const node = ctx.model.columns.find((c) => c.name === name)?.node;
    const written = str(get(node, 'pii'));
    const { values, nulls } = valuesOf.column(name, index);
    const result = scanValues(values, { nulls });
    for (const f of result.findings) {
      const pii = asPii(f.kind);
      findings.push({
        ...f,
        column: name,
        sampled: result.nonEmpty,
        share: result.nonEmpty ? f.matched / result.nonEmpty : 0,
        declared: written === pii || (col.encrypt !== undefined && written !== undefined && written !== 'none'),
        sensitive: sensitiveKinds.has(pii),
      });
    }
  }
  return { table, environment: ctx.environment.name, from, location, rows: valuesOf.rows, skipped, findings };
}

/** Runs the sampling query; the values by column, and the NULLs each column had. */
async function sample(backend: Backend, sql: string, options: ScanOptions): Promise<{ rows: number; column: (name: string, index: number) => { values: unknown[]; nulls: number } }> {
  const run = { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  if (backend.dialect === 'duckdb') {
    // Packed: one row per 65,536 sampled rows, each column's values joined (see sample-sql.ts).
    const groups = (await backend.query(sql, run)).rows;
    const rows = groups.reduce((n, g) => n + Number(g[`${packPrefix}n`] ?? 0), 0);
    return {
      rows,
      column: (_name, i) => {
        const parts: string[][] = [];
        let present = 0;
        for (const g of groups) {
          const count = Number(g[`${packPrefix}n${i}`] ?? 0);
          present += count;
          const text = g[`${packPrefix}v${i}`];
          if (count && typeof text === 'string') parts.push(text.split(packSeparator));
        }
        return { values: parts.length === 1 ? parts[0]! : parts.flat(), nulls: rows - present };
      },
    };
  }
  const r = await backend.query(sql, { all: 's3' as const, ...run });
  const rows = r.rows.slice(0, options.rows);
  return { rows: rows.length, column: (name) => ({ values: rows.map((row) => row[name]), nulls: 0 }) };
}
