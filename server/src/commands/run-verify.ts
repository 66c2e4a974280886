/**
 * Verify on one spec, as the CLI and the language server run it: open the environment's backend, compare,
 * record the run in the history (counts and verdicts only, never a value), close.
 */
import * as l10n from '@vscode/l10n';
import type { Progress } from '../backends/types';
import { historyFile, recordHistory } from '../ops/history';
import { openBackend } from '../ops/open-backend';
import { loadSpec, resolveEnvironment } from '../ops/spec-context';
import type { Workspace } from '../workspace/workspace';
import { OperationError } from '../backends/errors';
import type { Backend } from '../backends/types';
import { verify, type Tier, type VerifyBounds, type VerifyReport } from '../ops/verify';
import { verifyText } from '../ops/verify-text';
import { asOperationError } from './run-operation';

export interface VerifyRequest {
  file: string;
  environment: string;
  /** The editor's live workspace (unsaved texts, the editor's settings); by default the spec's is opened from disk. */
  workspace?: Workspace;
  tier?: Tier;
  /** `extract` (default), or the name of another environment of tablespec.yaml. */
  against?: string;
  salt?: string;
  seed?: number;
  bounds?: Partial<VerifyBounds>;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export async function runVerify(req: VerifyRequest): Promise<{ result: VerifyReport; text: string; warnings?: string[] }> {
  const ctx = loadSpec(req.file, req.environment, req.workspace);
  const table = `${ctx.plan.database}.${ctx.plan.table}`;
  const warnings: string[] = [];
  const history = (entry: { result: 'ok' | 'failed' | 'cancelled'; rows?: number; detail?: Record<string, unknown>; error?: string }) => {
    try {
      recordHistory(ctx.root, { operation: 'verify', table, environment: ctx.environment.name, ...entry });
    } catch (err) {
      warnings.push(l10n.t('Warning: the history could not be written ({0}); this was not recorded in {1}: {2}', (err as NodeJS.ErrnoException).code ?? (err as Error).message, historyFile(ctx.root), `verify ${table} (${ctx.environment.name}): ${entry.result}`));
    }
  };
  const against = req.against && req.against !== 'extract' ? resolveEnvironment(ctx.config, req.against) : undefined;
  if (against?.name === ctx.environment.name) throw new OperationError('invalid-spec', l10n.t('--against names the environment being verified ({0}): name another one, or `extract`.', against.name));
  let other: Backend | undefined;
  const { backend } = await openBackend(ctx.root, ctx.environment);
  try {
    if (against) other = (await openBackend(ctx.root, against)).backend;
    const r = await verify(ctx, backend, {
      ...(against && other ? { against: { environment: against.name, backend: other } } : {}),
      ...(req.tier ? { tier: req.tier } : {}),
      ...(req.salt ? { salt: req.salt } : {}),
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
      ...(req.bounds ? { bounds: req.bounds } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    });
    // Counts and verdicts only: a differing row's key or value never goes into the history.
    history({
      result: r.agree ? 'ok' : 'failed',
      rows: r.counts.target,
      detail: {
        against: r.against,
        tier: r.tier,
        agree: r.agree,
        counts: { agree: r.counts.agree, source: r.counts.source, target: r.counts.target, differingPartitions: r.counts.differing.length },
        ...(r.checksums ? { checksums: { agree: r.checksums.agree, differingPartitions: r.checksums.partitions.length, differingBuckets: r.checksums.buckets.length, differingRows: r.checksums.differingRows } } : {}),
        ...(r.sample ? { sample: { agree: r.sample.agree, compared: r.sample.compared, differingRows: r.sample.differingRows } } : {}),
      },
    });
    const text = verifyText(r);
    return warnings.length ? { result: r, text: `${text}\n${warnings.join('\n')}`, warnings } : { result: r, text };
  } catch (err) {
    const e = asOperationError(err);
    history({ result: e.kind === 'cancelled' ? 'cancelled' : 'failed', error: e.message });
    throw e;
  } finally {
    await other?.close();
    await backend.close();
  }
}
