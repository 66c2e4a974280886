/** Preview a table or view, or run a query the engineer writes; profile a table's columns in one query. */
import * as l10n from '@vscode/l10n';
import { OperationError } from '../backends/errors';
import type { Backend, Progress, QueryColumn, QueryResult, QueryStats, Row } from '../backends/types';
import { convertRows } from '../backends/values';
import { formatGlueType } from '../glue/glue-type';
import { preview as previewDuck, profileDuckdb } from '../sql/duckdb-sql';
import { previewAthena, profileAthena } from '../sql/athena-sql';
import type { SpecContext } from './spec-context';
import { checkAthenaQuery } from '../sql/check-query';
import { SqlSafetyError } from '../sql/identifiers';

export interface PreviewReport {
  sql: string;
  columns: QueryColumn[];
  rows: Row[];
  stats: QueryStats;
  /** Reads the next page, when there is one. */
  more?: () => Promise<PreviewReport>;
}

function toReport(sql: string, r: QueryResult): PreviewReport {
  const report: PreviewReport = { sql, columns: r.columns, rows: convertRows(r.columns, r.rows), stats: r.stats };
  const more = r.more;
  if (more) report.more = async () => toReport(sql, await more());
  return report;
}

export async function preview(
  backend: Backend,
  target: { database: string; table: string } | { sql: string },
  options: { limit?: number; signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<PreviewReport> {
  const limit = options.limit ?? 100;
  let sql: string;
  if ('sql' in target) {
    // A query the engineer typed runs only where it cannot write: locally on the read-only connection
    // (the engine refuses writes, files, network and extensions), on Athena once Trino's grammar reads it
    // as one query that only reads.
    sql = target.sql.replace(/;\s*$/, '');
    if (backend.dialect === 'athena') {
      try {
        checkAthenaQuery(sql);
      } catch (err) {
        if (err instanceof SqlSafetyError) throw new OperationError('unsafe-sql', err.message);
        throw err;
      }
    } else if (!backend.readOnly) {
      throw new OperationError('unsafe-sql', l10n.t('A typed query runs only on a read-only connection. Nothing was run.'));
    }
  } else {
    sql = backend.dialect === 'duckdb' ? previewDuck(target.database, target.table, limit) : previewAthena(target.database, target.table, limit);
  }
  // Past one Athena page, the result's CSV in S3 is one request instead of one per 1,000 rows.
  const viaS3 = backend.dialect === 'athena' && limit > 1000;
  const r = await backend.query(sql, {
    ...(viaS3 ? { all: 's3' as const, maxRows: limit } : { pageSize: limit }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (viaS3) r.rows = r.rows.slice(0, limit);
  return toReport(sql, r);
}

export interface ColumnProfile {
  name: string;
  type: string;
  nulls: number;
  distinct: number;
  min: string | null;
  max: string | null;
  top: string[];
}

export interface ProfileReport {
  table: string;
  rows: number;
  columns: ColumnProfile[];
  stats: QueryStats;
}

export async function profile(ctx: SpecContext, backend: Backend, options: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {}): Promise<ProfileReport> {
  const columns = ctx.plan.columns.map((c) => ({ name: c.name, type: formatGlueType(c.stored) }));
  const sql = backend.dialect === 'duckdb' ? profileDuckdb(ctx.plan, columns) : profileAthena(ctx.plan, columns);
  const r = await backend.query(sql, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const row = r.rows[0] ?? {};
  const top = (v: unknown): string[] => {
    if (Array.isArray(v)) return v.map(String);
    if (typeof v === 'string' && v.startsWith('[')) {
      try {
        return (JSON.parse(v) as unknown[]).map(String);
      } catch {
        return [];
      }
    }
    return [];
  };
  return {
    table: `${ctx.plan.database}.${ctx.plan.table}`,
    rows: Number(row.rows ?? 0),
    columns: columns.map((c, i) => ({
      ...c,
      nulls: Number(row[`c${i}_nulls`] ?? 0),
      distinct: Number(row[`c${i}_distinct`] ?? 0),
      min: (row[`c${i}_min`] as string | null) ?? null,
      max: (row[`c${i}_max`] as string | null) ?? null,
      top: top(row[`c${i}_top`]),
    })),
    stats: r.stats,
  };
}
