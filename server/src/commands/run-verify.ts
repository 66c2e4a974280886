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
import { saltFor } from '../ops/load';
import { athenaExtractSide, type VerifySide } from '../sql/verify-sql';
import { oracleEngine, oracleSide } from '../ops/verify-oracle';
import { connectOracle } from '../backends/oracle/live-oracle';
import { oracleHost, requireHostConfirmation } from '../backends/oracle/oracle-access';
import type { SideEngine } from '../ops/verify';
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
  /** `--yes`: run even when the Athena estimate is above `verify.max_scan_gb`, and connect to the Oracle host of tablespec.yaml. */
  yes?: boolean;
  /** The Oracle password from the editor's secret storage (else the TABLESPEC_ variable of tablespec.yaml). */
  oraclePassword?: string;
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
      warnings.push(
        l10n.t(
          'Warning: the history could not be written ({0}); this was not recorded in {1}: {2}',
          (err as NodeJS.ErrnoException).code ?? (err as Error).message,
          historyFile(ctx.root),
          `verify ${table} (${ctx.environment.name}): ${entry.result}`,
        ),
      );
    }
  };
  const toOracle = req.against === 'oracle';
  const against = req.against && req.against !== 'extract' && !toOracle ? resolveEnvironment(ctx.config, req.against) : undefined;
  if (toOracle && !ctx.config.oracle) throw new OperationError('invalid-spec', l10n.t('--against oracle needs `oracle.connect_string` and `oracle.user` in tablespec.yaml.'));
  if (against?.name === ctx.environment.name) throw new OperationError('invalid-spec', l10n.t('--against names the environment being verified ({0}): name another one, or `extract`.', against.name));
  let other: Backend | undefined;
  let oracle: Awaited<ReturnType<typeof oracleEngine>> | undefined;
  const opened = await openBackend(ctx.root, ctx.environment);
  const { backend } = opened;
  try {
    if (against) other = (await openBackend(ctx.root, against)).backend;
    let oracleSource: { oracle: SideEngine; object: string; side: VerifySide } | undefined;
    if (toOracle) {
      // The host tablespec.yaml names is connected to only once the engineer has said so (--yes, TABLESPEC_ORACLE_HOSTS).
      const target = ctx.config.oracle!;
      requireHostConfirmation(target, req.yes ?? false);
      const source = oracleSide(ctx, saltFor(ctx, req.salt));
      oracle = await oracleEngine(await connectOracle(target, req.oraclePassword), `Oracle ${oracleHost(target.connectString)}`);
      oracleSource = { oracle, ...source };
    }
    const stage = opened.stageForVerify;
    const r = await verify(ctx, backend, {
      ...(oracleSource ? { against: oracleSource } : {}),
      ...(stage ? { stageExtract: async () => ({ side: athenaExtractSide(ctx.plan), ...(await stage(ctx.plan, saltFor(ctx, req.salt), req.signal)) }) } : {}),
      ...(against && other ? { against: { environment: against.name, backend: other } } : {}),
      ...(req.tier ? { tier: req.tier } : {}),
      ...(req.salt ? { salt: req.salt } : {}),
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
      ...(req.bounds ? { bounds: req.bounds } : {}),
      ...(ctx.config.verify?.maxScanGb !== undefined ? { maxScanGb: ctx.config.verify.maxScanGb } : {}),
      ...(req.yes ? { yes: true } : {}),
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
        ...(r.checksums
          ? { checksums: { agree: r.checksums.agree, differingPartitions: r.checksums.partitions.length, differingBuckets: r.checksums.buckets.length, differingRows: r.checksums.differingRows } }
          : {}),
        ...(r.sample ? { sample: { agree: r.sample.agree, compared: r.sample.compared, differingRows: r.sample.differingRows } } : {}),
        // What Athena scanned and what it cost, and what was estimated before: sizes and dollars only.
        ...(r.scans ? { scanned: { bytes: r.scans.bytesScanned, costUsd: r.scans.costUsd, queries: r.scans.queries.length } } : {}),
        ...(r.estimate ? { estimate: { bytes: r.estimate.bytes, costUsd: r.estimate.costUsd, overLimit: r.estimate.overLimit } } : {}),
        ...(r.metadataCounts ? { metadataCounts: r.metadataCounts } : {}),
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
    await oracle?.close().catch(() => undefined);
    await backend.close();
  }
}
