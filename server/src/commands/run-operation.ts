/**
 * One operation on one spec, as the CLI and the language server run it: open the environment's
 * backend, run, record history, close. Failures come back as OperationError with a message that says
 * what to do.
 */
import * as l10n from '@vscode/l10n';
import { asOperationError, OperationError } from '../backends/errors';
import type { Progress } from '../backends/types';
import { describeChanges } from '../ops/plan-changes';
import { deploy, planDeploy, type DeployPlan } from '../ops/deploy';
import { historyFile, recordHistory } from '../ops/history';
import { runLoad, saltFor, type LoadReport } from '../ops/load';
import { saveRejected } from '../ops/rejected';
import { openBackend, openQueryEngine } from '../ops/open-backend';
import { preview, profile, type PreviewReport, type ProfileReport } from '../ops/preview';
import { reconcile, type ReconcileReport } from '../ops/reconcile';
import { loadSpec, resolveEnvironment } from '../ops/spec-context';
import { openWorkspace, type Workspace } from '../workspace/workspace';
import type { Confirmation } from '../ops/confirm';
import { recordQuery, type QueryHistoryEntry, type QueryOutcome } from '../ops/query-history';

export type OperationName = 'plan' | 'deploy' | 'load' | 'reconcile' | 'preview' | 'profile';

export interface OperationRequest {
  operation: OperationName;
  file: string;
  environment: string;
  /** The editor's live workspace (unsaved texts, the editor's settings); by default the spec's is opened from disk. */
  workspace?: Workspace;
  confirmation?: Confirmation;
  limit?: number;
  /** For reconcile: the count to compare with (an Oracle count, say). */
  expected?: number;
  batchId?: string;
  salt?: string;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export type OperationResult = (
  | { operation: 'plan' | 'deploy'; result: DeployPlan; text: string }
  | { operation: 'load'; result: LoadReport; text: string }
  | { operation: 'reconcile'; result: ReconcileReport; text: string }
  | { operation: 'preview'; result: PreviewReport; text: string }
  | { operation: 'profile'; result: ProfileReport; text: string }
) & {
  /** The spec's table, `database.table`. */
  table: string;
  /** What went wrong after the operation itself succeeded (the history could not be written): the result stands. */
  warnings?: string[];
};

export { asOperationError };

/** A count of rows as its own plural-aware words: "1 row", "2 rows" (a single form in Korean). */
function rowCount(n: number): string {
  return n === 1 ? l10n.t('1 row') : l10n.t('{0} rows', n);
}

function reconcileText(r: ReconcileReport): string {
  const verdict = r.matched === null ? l10n.t('no expected count') : r.matched ? l10n.t('MATCHED') : l10n.t('MISMATCH');
  const lines = [r.expected !== null ? l10n.t('{0}: {1}, expected {2} ({3}): {4}', r.table, rowCount(r.actual), r.expected, r.expectedFrom, verdict) : `${r.table}: ${rowCount(r.actual)}: ${verdict}`];
  for (const p of r.partitions.slice(0, 50))
    lines.push(
      `  ${Object.entries(p.partition)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}: ${p.rows}`,
    );
  if (r.partitions.length > 50) lines.push(`  ${l10n.t('… {0} more partitions', r.partitions.length - 50)}`);
  return lines.join('\n');
}

function loadText(r: LoadReport): string {
  const lines = [`${r.table} (${r.environment}, ${r.mode}): ${r.skipped ?? l10n.t('{0} staged, {1} → {2}', rowCount(r.staged), r.rowsBefore, rowCount(r.rowsAfter))}`];
  const failed = Object.entries(r.failedConversions);
  if (failed.length) lines.push(`  ${l10n.t('values that did not convert (stored as NULL): {0}', failed.map(([c, n]) => `${c} ${n}`).join(', '))}`);
  if (r.rejectedKeys) lines.push(`  ${l10n.t('rows left out because their key is empty or did not convert: {0}', r.rejectedKeys)}`);
  if (r.retentionDeleted) lines.push(`  ${l10n.t('retention deleted {0}', rowCount(r.retentionDeleted))}`);
  for (const [c, n] of Object.entries(r.purged)) lines.push(`  ${l10n.t('purged {0}: {1}', c, rowCount(n))}`);
  if (r.bytesScanned) lines.push(`  ${l10n.t('scanned {0} GB', (r.bytesScanned / 1024 ** 3).toFixed(2))}`);
  if (r.reconcile) lines.push(reconcileText(r.reconcile).replace(/^/gm, '  '));
  for (const w of r.warnings ?? []) lines.push(`  ! ${w}`);
  return lines.join('\n');
}

function tableText(columns: { name: string }[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ').slice(0, 40);
  const widths = columns.map((c) => Math.max(c.name.length, ...rows.map((r) => cell(r[c.name]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ');
  return [line(columns.map((c) => c.name)), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map((r) => line(columns.map((c) => cell(r[c.name]))))].join('\n');
}

export async function runOperation(req: OperationRequest): Promise<OperationResult> {
  const ctx = loadSpec(req.file, req.environment, req.workspace);
  const table = `${ctx.plan.database}.${ctx.plan.table}`;
  const warnings: string[] = [];
  // The operation's result is what happened to the table: a history that cannot be written (a read-only
  // file, a full disk) is a warning that says what is missing from it, never a failure of a committed load.
  const history = (operation: 'deploy' | 'load' | 'reconcile', entry: Record<string, unknown>) => {
    try {
      recordHistory(ctx.root, { operation, table, environment: ctx.environment.name, result: 'ok', ...entry });
    } catch (err) {
      const what = `${operation} ${table} (${ctx.environment.name}): ${String(entry.result ?? 'ok')}${typeof entry.rows === 'number' ? `, ${entry.rows} rows` : ''}`;
      warnings.push(
        l10n.t('Warning: the history could not be written ({0}); this was not recorded in {1}: {2}', (err as NodeJS.ErrnoException).code ?? (err as Error).message, historyFile(ctx.root), what),
      );
    }
  };
  /** Keeps a load's rejected values beside the history; a sample that cannot be written is a warning, never a failed load. */
  const keepRejected = (root: string, table: string, environment: string, report: LoadReport): string | undefined => {
    try {
      return saveRejected(root, { table, environment, at: new Date().toISOString(), failedConversions: report.failedConversions, ...report.rejected! });
    } catch (err) {
      warnings.push(l10n.t('Warning: the rejected values could not be kept ({0}).', (err as NodeJS.ErrnoException).code ?? (err as Error).message));
      return undefined;
    }
  };
  const withWarnings = (r: OperationResult): OperationResult => (warnings.length ? { ...r, warnings: [...warnings], text: `${r.text}\n${warnings.join('\n')}` } : r);
  const failedWithWarnings = (e: OperationError): OperationError => (warnings.length ? new OperationError(e.kind, `${e.message}\n${warnings.join('\n')}`, e.detail, e.ask, e.command) : e);
  const { backend, writer, loader } = await openBackend(ctx.root, ctx.environment);
  const opts = { ...(req.signal ? { signal: req.signal } : {}), ...(req.onProgress ? { onProgress: req.onProgress } : {}) };
  try {
    switch (req.operation) {
      case 'plan': {
        const plan = await planDeploy(ctx, backend, req.signal);
        return { table, operation: 'plan', result: plan, text: `${l10n.t('Plan for {0} on {1}:', table, ctx.environment.name)}\n${describeChanges(plan.changes)}` };
      }
      case 'deploy': {
        try {
          const plan = await deploy(ctx, backend, writer, req.confirmation ?? {}, opts);
          history('deploy', { changes: plan.changes.map((c) => `${c.kind} ${c.target}`) });
          return withWarnings({ table, operation: 'deploy', result: plan, text: `${l10n.t('Deployed {0} on {1}:', table, ctx.environment.name)}\n${describeChanges(plan.changes)}` });
        } catch (err) {
          const e = asOperationError(err);
          if (e.kind !== 'needs-confirmation') history('deploy', { result: e.kind === 'cancelled' ? 'cancelled' : 'failed', error: e.message });
          throw failedWithWarnings(e);
        }
      }
      case 'load': {
        // Refused for want of a salt, nothing was loaded: not a load for the history.
        saltFor(ctx, req.salt);
        try {
          const report = await runLoad(
            ctx,
            { loader, backend },
            { ...opts, ...(req.confirmation ? { confirmation: req.confirmation } : {}), ...(req.salt ? { salt: req.salt } : {}), ...(req.batchId ? { batchId: req.batchId } : {}) },
          );
          const rejectedSample = report.rejected && keepRejected(ctx.root, table, ctx.environment.name, report);
          history('load', {
            result: report.skipped ? 'skipped' : 'ok',
            rows: report.rowsAfter,
            ...(report.bytesScanned ? { bytesScanned: report.bytesScanned } : {}),
            detail: { staged: report.staged, failedConversions: report.failedConversions, mode: report.mode, matched: report.reconcile?.matched, ...(rejectedSample ? { rejectedSample } : {}) },
          });
          return withWarnings({ table, operation: 'load', result: report, text: loadText(report) });
        } catch (err) {
          const e = asOperationError(err);
          if (e.kind !== 'needs-confirmation') history('load', { result: e.kind === 'cancelled' ? 'cancelled' : 'failed', error: e.message, ...(e.detail ? { detail: { engine: e.detail } } : {}) });
          throw failedWithWarnings(e);
        }
      }
      case 'reconcile': {
        const r = await reconcile(ctx, backend, req.expected !== undefined ? { count: req.expected } : {}, req.signal);
        history('reconcile', { result: r.matched === false ? 'failed' : 'ok', rows: r.actual, detail: { expected: r.expected, matched: r.matched } });
        return withWarnings({ table, operation: 'reconcile', result: r, text: reconcileText(r) });
      }
      case 'preview': {
        const r = await preview(backend, { database: ctx.plan.database, table: ctx.plan.table }, { limit: req.limit ?? 20, ...opts });
        return {
          table,
          operation: 'preview',
          result: r,
          text: `${tableText(r.columns, r.rows)}\n${r.stats.bytesScanned !== undefined ? l10n.t('({0}, {1} ms, {2} bytes scanned, ${3})', rowCount(r.rows.length), r.stats.elapsedMs.toFixed(0), r.stats.bytesScanned, (r.stats.costUsd ?? 0).toFixed(4)) : `(${rowCount(r.rows.length)}, ${r.stats.elapsedMs.toFixed(0)} ms)`}`,
        };
      }
      case 'profile': {
        const r = await profile(ctx, backend, opts);
        const rows = r.columns.map((c) => ({ column: c.name, type: c.type, nulls: c.nulls, distinct: c.distinct, min: c.min, max: c.max, top: c.top.join(', ') }));
        return {
          table,
          operation: 'profile',
          result: r,
          text: `${r.table}: ${rowCount(r.rows)}\n${tableText(
            ['column', 'type', 'nulls', 'distinct', 'min', 'max', 'top'].map((name) => ({ name })),
            rows,
          )}`,
        };
      }
    }
  } finally {
    await backend.close();
  }
}

/** A query the engineer writes, on an environment of the workspace (no spec needed). */
export async function runQuery(root: string | Workspace, environment: string, sql: string, limit: number, signal?: AbortSignal): Promise<PreviewReport> {
  const workspace = typeof root === 'string' ? openWorkspace(root) : root;
  const env = resolveEnvironment(workspace.config, environment);
  const backend = await openQueryEngine(workspace.root, env);
  try {
    return await preview(backend, { sql }, { limit, ...(signal ? { signal } : {}) });
  } finally {
    await backend.close();
  }
}

/**
 * A query from the editor (a `.sql` file, a selection): run through the same read-only path as any typed query,
 * and kept in the workspace's query history whatever its end. A history that cannot be written does not
 * fail a query that ran.
 */
export async function runRecordedQuery(
  workspace: string | Workspace,
  environment: string,
  sql: string,
  limit: number,
  options: { source?: string; signal?: AbortSignal } = {},
): Promise<{ report: PreviewReport; entry?: QueryHistoryEntry }> {
  const root = typeof workspace === 'string' ? workspace : workspace.root;
  const record = (entry: Omit<QueryHistoryEntry, 'id' | 'at' | 'environment' | 'sql'>) => {
    try {
      return recordQuery(root, { environment, sql: sql.trim(), ...(options.source ? { source: options.source } : {}), ...entry });
    } catch {
      return undefined;
    }
  };
  try {
    const report = await runQuery(workspace, environment, sql, limit, options.signal);
    const s = report.stats;
    const entry = record({
      result: 'ok',
      rows: report.rows.length,
      elapsedMs: Math.round(s.elapsedMs),
      ...(s.bytesScanned !== undefined ? { bytesScanned: s.bytesScanned, costUsd: s.costUsd ?? 0 } : {}),
      ...(s.queryId ? { queryId: s.queryId } : {}),
    });
    return { report, ...(entry ? { entry } : {}) };
  } catch (err) {
    const e = asOperationError(err);
    const outcome: QueryOutcome = e.kind === 'unsafe-sql' ? 'refused' : e.kind === 'cancelled' ? 'cancelled' : e.kind === 'scan-limit' ? 'scan-limit' : 'failed';
    record({ result: outcome, error: e.message });
    throw e;
  }
}

export function previewText(r: PreviewReport): string {
  return `${tableText(r.columns, r.rows)}\n(${rowCount(r.rows.length)}, ${r.stats.elapsedMs.toFixed(0)} ms)`;
}
