/**
 * The load on Athena: the work runs in Athena, not on the engineer's machine. An external staging
 * table over the raw extract (every column a string), one scan to count values that do not convert,
 * then the write by mode, retention and purge; the staging table is dropped at the end.
 */
import * as l10n from '@vscode/l10n';
import { createHash, randomBytes } from 'node:crypto';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Environment } from '../../config/workspace-config';
import { OperationError, throwIfAborted } from '../errors';
import type { Backend, Progress } from '../types';
import { expectedAfterLoad, type LoadReport, type Loader } from '../../ops/load';
import { reconcile } from '../../ops/reconcile';
import { createStagingTable, dropStagingTable, failureCounts, overwriteSwap, purgesAthena, retentionAthena, writeRows } from '../../sql/athena-sql';
import { countRowsAthena } from '../../sql/athena-sql';
import { mapAwsError } from './aws-errors';
import type { createGlueCatalog } from './glue-catalog';

type Catalog = ReturnType<typeof createGlueCatalog>;

/** A batch's identity on S3: the keys and ETags of the extract's objects. */
async function s3BatchId(s3: S3Client, location: string, profile?: string): Promise<string> {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!m) throw new OperationError('invalid-spec', l10n.t('{0} is not an S3 location.', location));
  const hash = createHash('sha256');
  let token: string | undefined;
  try {
    do {
      const out = await s3.send(new ListObjectsV2Command({ Bucket: m[1], Prefix: m[2], ...(token ? { ContinuationToken: token } : {}) }));
      for (const o of out.Contents ?? []) hash.update(`${o.Key}:${o.ETag}\n`);
      token = out.NextContinuationToken;
    } while (token);
  } catch (err) {
    throw mapAwsError(err, profile, l10n.t('Listing {0}', location));
  }
  return hash.digest('hex');
}

const num = (v: unknown) => Number(v ?? 0);

export function athenaLoader(backend: Backend, catalog: Catalog, s3: S3Client, env: Environment): Loader {
  return {
    async load(ctx, options) {
      const { plan } = ctx;
      const { signal } = options;
      const started = performance.now();
      let bytes = 0;
      const progress = (p: Progress) => options.onProgress?.(p);
      const run = async (sql: string, params: string[] = []) => {
        throwIfAborted(signal, 'The load');
        const r = await backend.query(sql, { params: params.map(() => options.salt!), ...(signal ? { signal } : {}), onProgress: progress });
        bytes += r.stats.bytesScanned ?? 0;
        return r;
      };
      const table = `${plan.database}.${plan.table}`;
      const current = await catalog.getTable(plan.database, plan.table, signal);
      if (!current) throw new OperationError('not-found', l10n.t('{0} is not deployed on {1}: deploy it first.', table, env.name));
      if (!/^s3:\/\//.test(plan.staging.location)) throw new OperationError('invalid-spec', l10n.t('Athena reads extracts from S3; {0} is not an S3 location.', plan.staging.location));
      if (plan.mode === 'upsert' && current.Parameters?.table_type !== 'ICEBERG') throw new OperationError('invalid-spec', l10n.t('Athena can MERGE only into Iceberg tables.'));

      progress({ message: l10n.t('Creating the staging table over {0}', plan.staging.location) });
      await run(dropStagingTable(plan));
      await run(createStagingTable(plan));
      const report: LoadReport = { table, environment: env.name, mode: plan.mode, staged: 0, failedConversions: {}, rowsBefore: 0, rowsAfter: 0, retentionDeleted: 0, purged: {}, deletedOnPurpose: 0, elapsedMs: 0 };
      try {
        const counts = failureCounts(plan);
        const c = (await run(counts.sql)).rows[0] ?? {};
        report.staged = num(c.staged);
        for (const col of counts.columns) if (num(c[`failed__${col}`]) > 0) report.failedConversions[col] = num(c[`failed__${col}`]);
        report.rowsBefore = num((await run(countRowsAthena({ ...plan, partitionBy: [] }))).rows[0]?.row_count);

        const batches = (current.Parameters?.['tablespec.batches'] ?? '').split(',').filter(Boolean);
        const batchId = plan.mode === 'append' && !plan.partitionBy.length ? options.batchId ?? (await s3BatchId(s3, plan.staging.location, env.profile)) : undefined;
        if (batchId && batches.includes(batchId.slice(0, 16))) {
          report.skipped = l10n.t('batch {0} was already appended; nothing was written', batchId.slice(0, 12));
        } else {
          progress({ message: l10n.t('Writing {0} rows ({1})', report.staged, plan.mode) });
          const statements = plan.mode === 'overwrite' ? overwriteSwap(plan, `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`) : writeRows(plan);
          for (const s of statements) await run(s.sql, s.params);
          const keep = retentionAthena(plan);
          if (keep) await run(keep);
          for (const p of purgesAthena(plan)) {
            progress({ message: p.column ? l10n.t('Purging {0}', p.column) : l10n.t('Expiring old snapshots (VACUUM)') });
            await run(p.sql);
          }
          if (batchId) {
            const now = (await catalog.getTable(plan.database, plan.table, signal))!;
            const kept = [batchId.slice(0, 16), ...batches].slice(0, 20).join(',');
            await catalog.updateTable({ ...now, Parameters: { ...(now.Parameters ?? {}), 'tablespec.batches': kept } }, now.VersionId);
          }
        }
        report.rowsAfter = num((await run(countRowsAthena({ ...plan, partitionBy: [] }))).rows[0]?.row_count);
      } finally {
        await backend.query(dropStagingTable(plan), {}).catch(() => undefined);
      }
      report.reconcile = await reconcile(ctx, backend, expectedAfterLoad(report), signal);
      report.bytesScanned = bytes;
      report.elapsedMs = performance.now() - started;
      return report;
    },
  };
}
