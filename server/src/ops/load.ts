/**
 * Load: move the staged extract into the table by the spec's mode, applying cleansing, conversions
 * and hashing in the engine, then retention and purge; count what did not convert; reconcile.
 */
import * as l10n from '@vscode/l10n';
import type { Backend, LoadOutcome, Loader, Progress } from '../backends/types';
import { OperationError } from '../backends/errors';
import type { SpecContext } from './spec-context';
import { requireConfirmation, type Confirmation } from './confirm';
import { reconcile, type ReconcileReport } from './reconcile';

export interface LoadOptions {
  confirmation?: Confirmation;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** The salt of `sha256`; from TABLESPEC_HASH_SALT or the editor's secret storage. */
  salt?: string;
  /** Names the batch of an append; by default the extract's content hash (local) or object ETags (S3). */
  batchId?: string;
}

/** What a load did: the backend's account, and the count after it compared with what it should be. */
export interface LoadReport extends LoadOutcome {
  reconcile?: ReconcileReport;
}

export { rejectedRows, rejectedRowsLimit, type RejectedRows } from '../backends/rejected-rows';

export type { Loader };

/** What a load will destroy, for the confirmation. */
export function loadDestroys(ctx: SpecContext): string[] {
  const p = ctx.plan;
  const out: string[] = [];
  if (p.mode === 'overwrite') out.push(l10n.t('replace every row of {0}', `${p.database}.${p.table}`));
  if (p.retention) out.push(l10n.t('delete partitions older than {0}', `${p.retention.n}${p.retention.unit}`));
  for (const purge of p.purges) {
    const age = `${purge.after.n}${purge.after.unit}`;
    out.push(
      purge.action === 'delete_row'
        ? l10n.t('delete rows whose {0} is older than {1} (purge of {2})', purge.basis, age, purge.column)
        : l10n.t('null {0} where {1} is older than {2}', purge.column, purge.basis, age),
    );
  }
  return out;
}

/** An overwrite with nothing staged would empty the table: only when the engineer says so. */
export function requireRowsForOverwrite(ctx: SpecContext, staged: number, confirmation: Confirmation = {}): void {
  if (ctx.plan.mode !== 'overwrite' || staged > 0 || confirmation.emptyTable) return;
  const what = l10n.t('The extract {0} has no rows: this overwrite would leave {1} empty.', ctx.plan.staging.location, `${ctx.plan.database}.${ctx.plan.table}`);
  throw new OperationError('needs-confirmation', `${what}\n${l10n.t('Confirm an empty table with --allow-empty.')}`, undefined, { prompt: what, emptyTable: true });
}

export function saltFor(ctx: SpecContext, given: string | undefined): string | undefined {
  if (!ctx.plan.columns.some((c) => c.encrypt === 'sha256')) return undefined;
  const salt = given ?? process.env.TABLESPEC_HASH_SALT;
  // An unsalted hash of a 13-digit RRN is reversed by brute force in minutes: refuse.
  if (!salt || salt.length < 16)
    throw new OperationError(
      'needs-salt',
      l10n.t("Hashed columns need a salt of at least 16 characters: set TABLESPEC_HASH_SALT (or store it in the editor's secret storage). It never goes into a file."),
    );
  return salt;
}

/** What the table should hold after the load, when that is known: an overwrite holds what was staged, less what was deleted on purpose. */
export function expectedAfterLoad(report: LoadOutcome): { count: number; from: 'staging' } | Record<string, never> {
  return report.mode === 'overwrite' && !report.skipped ? { count: report.staged - report.deletedOnPurpose, from: 'staging' } : {};
}

/**
 * Confirms, loads with the environment's loader (which asks before an overwrite would empty the table), then
 * counts the table and compares the count with what the load should have left.
 */
export async function runLoad(ctx: SpecContext, on: { loader: Loader; backend: Backend }, options: LoadOptions): Promise<LoadReport> {
  requireConfirmation(ctx.environment, ctx.plan.table, loadDestroys(ctx), options.confirmation);
  const salt = saltFor(ctx, options.salt);
  const started = performance.now();
  const { confirmation, ...rest } = options;
  const outcome = await on.loader.load(ctx, { ...rest, ...(salt === undefined ? {} : { salt }), beforeWrite: (staged) => requireRowsForOverwrite(ctx, staged, confirmation) });
  options.onProgress?.({ message: l10n.t('Counting rows') });
  const report: LoadReport = { ...outcome, reconcile: await reconcile(ctx, on.backend, expectedAfterLoad(outcome), options.signal) };
  report.elapsedMs = performance.now() - started;
  return report;
}
