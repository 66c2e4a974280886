/** Deploys to the local engine: DDL and the catalog record in one transaction. */
import * as l10n from '@vscode/l10n';
import { OperationError, throwIfAborted } from '../errors';
import type { TableWriter } from '../types';
import { alterTable, createTable, createView } from '../../sql/duckdb-sql';
import type { LocalBackend } from './duckdb-backend';

export function duckdbWriter(backend: LocalBackend): TableWriter {
  return {
    async apply(ctx, plan, signal, onProgress) {
      const statements = plan.current ? alterTable(ctx.plan, plan.changes) : createTable(ctx.plan);
      const views = ctx.plan.views.map((v) => createView(ctx.plan, v));
      // Each view's condition passed Trino's grammar when its statement was built; DuckDB's own parser reads it too before anything runs.
      const columns = ctx.plan.columns.map((c) => c.name);
      for (const v of ctx.plan.views) if (v.where) await backend.checkPredicate(v.where, ctx.plan.database, ctx.plan.table, columns);
      await backend.transaction(async () => {
        for (const sql of [...statements, ...views]) {
          throwIfAborted(signal, 'The deploy');
          onProgress?.({ message: sql.slice(0, 120) });
          await backend.query(sql, signal ? { signal } : {});
        }
        await backend.putTable(plan.desired, plan.current?.VersionId);
      });
      if (!(await backend.getTable(ctx.plan.database, ctx.plan.table))) throw new OperationError('failed', l10n.t('The table was not recorded after the deploy.'));
    },
  };
}
