/**
 * Load: move the staged extract into the table by the spec's mode, applying cleansing, conversions
 * and hashing in the engine, then retention and purge; count what did not convert; reconcile.
 */
import * as l10n from '@vscode/l10n';
import type { Progress } from '../backends/types';
import { OperationError } from '../backends/errors';
import type { SpecContext } from './spec-context';
import { requireConfirmation, type Confirmation } from './confirm';
import type { ReconcileReport } from './reconcile';

export interface LoadOptions {
  confirmation?: Confirmation;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** The salt of `sha256`; from TABLESPEC_HASH_SALT or the editor's secret storage. */
  salt?: string;
  /** Names the batch of an append; by default the extract's content hash (local) or object ETags (S3). */
  batchId?: string;
}

export interface LoadReport {
  table: string;
  environment: string;
  mode: 'overwrite' | 'append' | 'upsert';
  staged: number;
  /** Values present in the extract that did not convert, per column: counted, not hidden. */
  failedConversions: Record<string, number>;
  rowsBefore: number;
  rowsAfter: number;
  retentionDeleted: number;
  purged: Record<string, number>;
  /** Rows deleted on purpose by retention and by `delete_row` purges: not missing rows. */
  deletedOnPurpose: number;
  /** An append of a batch already loaded: nothing was written. */
  skipped?: string;
  /** Upsert rows left out because a key was empty or did not convert: they could never match. */
  rejectedKeys?: number;
  /** What went wrong after the table was whole again (a leftover table to drop by hand). */
  warnings?: string[];
  bytesScanned?: number;
  elapsedMs: number;
  reconcile?: ReconcileReport;
  /** Rows of the extract whose values did not convert, when some did not: a bounded sample, personal columns masked. */
  rejected?: RejectedRows;
}

/** The most rows of rejected values a load keeps. */
export const rejectedRowsLimit = 100;

/** A sample of the extract's rows holding a value that did not convert. */
export interface RejectedRows {
  /** The spec's columns, in its order. */
  columns: string[];
  /** Personal columns (pii, encrypt): shown as `<n chars>`, never in clear. */
  masked: string[];
  limit: number;
  /** `row`: the row's number in the extract (the local engine; Athena reads its files in no fixed order). */
  rows: { row?: number; values: Record<string, string | null>; failed: string[] }[];
}

/** The sample's rows from the engine's answer (`row__`, `raw__c` or `len__c`, `failed__c`). */
export function rejectedRows(columns: { name: string; personal: boolean }[], rows: Record<string, unknown>[], limit: number): RejectedRows {
  return {
    columns: columns.map((c) => c.name),
    masked: columns.filter((c) => c.personal).map((c) => c.name),
    limit,
    rows: rows.map((r) => ({
      ...(r.row__ !== undefined && r.row__ !== null ? { row: Number(r.row__) } : {}),
      values: Object.fromEntries(columns.map((c) => {
        const v = c.personal ? r[`len__${c.name}`] : r[`raw__${c.name}`];
        return [c.name, v === null || v === undefined ? null : c.personal ? `<${Number(v)} chars>` : String(v)];
      })),
      // Athena's results are text: its booleans arrive as 'true'.
      failed: columns.filter((c) => r[`failed__${c.name}`] === true || r[`failed__${c.name}`] === 'true').map((c) => c.name),
    })),
  };
}

export interface Loader {
  load(ctx: SpecContext, options: LoadOptions): Promise<LoadReport>;
}

/** What a load will destroy, for the confirmation. */
export function loadDestroys(ctx: SpecContext): string[] {
  const p = ctx.plan;
  const out: string[] = [];
  if (p.mode === 'overwrite') out.push(l10n.t('replace every row of {0}', `${p.database}.${p.table}`));
  if (p.retention) out.push(l10n.t('delete partitions older than {0}', `${p.retention.n}${p.retention.unit}`));
  for (const purge of p.purges) {
    const age = `${purge.after.n}${purge.after.unit}`;
    out.push(purge.action === 'delete_row' ? l10n.t('delete rows whose {0} is older than {1} (purge of {2})', purge.basis, age, purge.column) : l10n.t('null {0} where {1} is older than {2}', purge.column, purge.basis, age));
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
  if (!salt || salt.length < 16) throw new OperationError('invalid-spec', l10n.t("Hashed columns need a salt of at least 16 characters: set TABLESPEC_HASH_SALT (or store it in the editor's secret storage). It never goes into a file."));
  return salt;
}

/** What the table should hold after the load, when that is known: an overwrite holds what was staged, less what was deleted on purpose. */
export function expectedAfterLoad(report: LoadReport): { count: number; from: 'staging' } | Record<string, never> {
  return report.mode === 'overwrite' && !report.skipped ? { count: report.staged - report.deletedOnPurpose, from: 'staging' } : {};
}

export async function runLoad(ctx: SpecContext, loader: Loader, options: LoadOptions): Promise<LoadReport> {
  requireConfirmation(ctx.environment, ctx.plan.table, loadDestroys(ctx), options.confirmation);
  const salt = saltFor(ctx, options.salt);
  return loader.load(ctx, salt === undefined ? options : { ...options, salt });
}
