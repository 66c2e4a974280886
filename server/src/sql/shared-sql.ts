/** Statements both engines write the same way (Trino's DML and DuckDB agree here). */
import { checkPredicate } from './check-predicate';
import { ident, qualified } from './identifiers';
import type { NormalizedView, NormalizedTable } from './normalized-table';

/** A personal column (`pii` other than `none`, or `encrypt`): its values never leave the engine in clear. */
export const isPersonal = (c: NormalizedTable['columns'][number]) => !!c.encrypt || (!!c.pii && c.pii !== 'none');

/** The longest raw value a rejected-values sample shows; longer ones are cut. */
export const rejectedValueChars = 200;

export function createView(plan: NormalizedTable, view: NormalizedView): string {
  const where = view.where
    ? ` WHERE ${checkPredicate(
        view.where,
        plan.columns.map((c) => c.name),
      )}`
    : '';
  return `CREATE OR REPLACE VIEW ${qualified(plan.database, view.name)} AS SELECT ${view.columns.map((c) => ident(c, 'view column')).join(', ')} FROM ${qualified(plan.database, plan.table)}${where}`;
}

/** The table's rows, per partition when it has partitions. */
export function countRows(plan: NormalizedTable): string {
  const t = qualified(plan.database, plan.table);
  if (!plan.partitionBy.length) return `SELECT count(*) AS row_count FROM ${t}`;
  const parts = plan.partitionBy.map((p) => ident(p)).join(', ');
  return `SELECT ${parts}, count(*) AS row_count FROM ${t} GROUP BY ${parts} ORDER BY ${parts}`;
}

export function preview(database: string, table: string, limit: number): string {
  return `SELECT * FROM ${qualified(database, table)} LIMIT ${Math.max(1, Math.floor(limit))}`;
}
