/** Reconcile: count the table's rows (per partition where it has some) and compare with what was expected. */
import type { Backend, Row } from '../backends/types';
import { countRows } from '../sql/duckdb-sql';
import { countRowsAthena } from '../sql/athena-sql';
import type { SpecContext } from './spec-context';

export interface ReconcileReport {
  table: string;
  expected: number | null;
  /** Where the expected count came from. */
  expectedFrom: 'user' | 'staging' | 'source.row_count' | 'none';
  actual: number;
  matched: boolean | null;
  partitions: { partition: Record<string, unknown>; rows: number }[];
}

export async function reconcile(ctx: SpecContext, backend: Backend, expected: { count?: number; from?: ReconcileReport['expectedFrom'] } = {}, signal?: AbortSignal): Promise<ReconcileReport> {
  const sql = backend.dialect === 'duckdb' ? countRows(ctx.plan) : countRowsAthena(ctx.plan);
  const result = await backend.query(sql, signal ? { signal } : {});
  // Every page: a table with more partitions than one page of results holds (1,000 on Athena) is counted whole.
  const rows = [...result.rows];
  for (let page = result; page.more; ) {
    page = await page.more();
    rows.push(...page.rows);
  }
  const partitions = ctx.plan.partitionBy.length ? rows.map((r: Row) => ({ partition: Object.fromEntries(ctx.plan.partitionBy.map((p) => [p, r[p]])), rows: Number(r.row_count) })) : [];
  const actual = ctx.plan.partitionBy.length ? partitions.reduce((a, p) => a + p.rows, 0) : Number(rows[0]?.row_count ?? 0);
  let count: number | null = expected.count ?? null;
  let from: ReconcileReport['expectedFrom'] = expected.count !== undefined ? (expected.from ?? 'user') : 'none';
  if (count === null && ctx.plan.expectedRows !== undefined) {
    count = ctx.plan.expectedRows;
    from = 'source.row_count';
  }
  return { table: `${ctx.plan.database}.${ctx.plan.table}`, expected: count, expectedFrom: from, actual, matched: count === null ? null : count === actual, partitions };
}
