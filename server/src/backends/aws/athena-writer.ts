/**
 * Deploy on AWS. Iceberg tables are created by Athena DDL (the way Athena accepts them), Parquet
 * tables by Glue CreateTable; then the spec's parameters are written with Glue UpdateTable at the
 * version just read, so that a concurrent change fails instead of being overwritten.
 */
import * as l10n from '@vscode/l10n';
import type { Table } from '@aws-sdk/client-glue';
import { OperationError, throwIfAborted } from '../errors';
import type { Backend, TableWriter } from '../types';
import type { Change, DeployPlan } from '../../sql/table-changes';
import type { NormalizedTable } from '../../sql/normalized-table';
import { createIcebergTable, createViewAthena } from '../../sql/athena-sql';
import { ident, qualified } from '../../sql/identifiers';
import { hiveType } from '../../sql/engine-types';
import type { createGlueCatalog } from './glue-catalog';

type Catalog = ReturnType<typeof createGlueCatalog>;

/** Keeps what Athena and Iceberg put in the table (metadata_location, SerDe …) and sets the spec's part. */
export function merged(current: Table, desired: Table): Table {
  return {
    ...current,
    Description: desired.Description,
    Parameters: { ...(current.Parameters ?? {}), ...(desired.Parameters ?? {}) },
    StorageDescriptor: { ...(current.StorageDescriptor ?? {}), Columns: desired.StorageDescriptor?.Columns ?? [] },
    PartitionKeys: current.Parameters?.table_type === 'ICEBERG' ? (current.PartitionKeys ?? []) : (desired.PartitionKeys ?? []),
  };
}

/**
 * The Athena statements a deploy runs for the table itself, each with the change it makes: CREATE TABLE for a
 * new Iceberg table (a new Parquet table is a Glue CreateTable), ALTER TABLE for each change of an Iceberg
 * table. The plan shows these same statements.
 */
export function athenaTableStatements(p: NormalizedTable, plan: DeployPlan): { sql: string; change?: Change }[] {
  if (!plan.current) return p.format === 'iceberg' && p.location ? [{ sql: createIcebergTable(p), ...(plan.changes[0] ? { change: plan.changes[0] } : {}) }] : [];
  if (plan.current.Parameters?.table_type !== 'ICEBERG') return [];
  // Iceberg evolves its schema through Athena; Glue follows.
  const t = qualified(p.database, p.table, 'ddl');
  const out: { sql: string; change: Change }[] = [];
  for (const ch of plan.changes) {
    const column = p.columns.find((c) => c.name === ch.target.split('.')[2]);
    if (ch.kind === 'add-column' && column) out.push({ sql: `ALTER TABLE ${t} ADD COLUMNS (${ident(column.name, 'column', 'ddl')} ${hiveType(column.stored)})`, change: ch });
    if (ch.kind === 'drop-column') out.push({ sql: `ALTER TABLE ${t} DROP COLUMN ${ident(ch.target.split('.')[2]!, 'column', 'ddl')}`, change: ch });
    if (ch.kind === 'retype-column' && column)
      out.push({ sql: `ALTER TABLE ${t} CHANGE COLUMN ${ident(column.name, 'column', 'ddl')} ${ident(column.name, 'column', 'ddl')} ${hiveType(column.stored)}`, change: ch });
  }
  return out;
}

export function athenaWriter(backend: Backend, catalog: Catalog): TableWriter {
  return {
    async apply(ctx, plan, signal, onProgress) {
      const p = ctx.plan;
      const run = async (sql: string) => {
        throwIfAborted(signal, 'The deploy');
        onProgress?.({ message: sql.slice(0, 120) });
        await backend.query(sql, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
      };
      // Every view's statement is built (its condition checked) before any statement runs.
      const views = p.views.map((v) => createViewAthena(p, v));
      const rewrites = plan.changes.filter((c) => c.safety === 'rewrite');
      if (rewrites.length) {
        throw new OperationError(
          'needs-confirmation',
          `${l10n.t('These changes need the data rewritten, which deploy does not do on AWS:')}\n${rewrites.map((c) => `  - ${c.kind} ${c.target}: ${c.detail}`).join('\n')}\n${l10n.t('Create the table anew under another name (or drop it), deploy, and load again.')}`,
        );
      }
      if (!plan.current && !p.location) throw new OperationError('invalid-spec', l10n.t('The table needs `storage.location` or an environment `warehouse` pattern.'));
      if (!plan.current && p.format !== 'iceberg') await catalog.createTable(plan.desired);
      for (const s of athenaTableStatements(p, plan)) await run(s.sql);
      // Parameters, comments and columns as the spec says, at the version just read.
      const now = await catalog.getTable(p.database, p.table, signal);
      if (!now) throw new OperationError('failed', l10n.t('{0} is not in Glue after the deploy.', `${p.database}.${p.table}`));
      if (plan.current && now.VersionId !== plan.current.VersionId && plan.current.Parameters?.table_type !== 'ICEBERG') {
        throw new OperationError(
          'conflict',
          l10n.t('{0} was changed by someone else since the plan (version {1}, now {2}). Plan again.', `${p.database}.${p.table}`, String(plan.current.VersionId), String(now.VersionId)),
        );
      }
      await catalog.updateTable(merged(now, plan.desired), now.VersionId);
      for (const sql of views) await run(sql);
    },
  };
}
