/**
 * The load on Athena: the work runs in Athena, not on the engineer's machine. An external staging
 * table over the raw extract (every column a string), a one-row salt table when columns are hashed,
 * one scan to count values that do not convert, then the write by mode, retention and purge; the
 * staging and salt tables are dropped at the end, and the salt's file deleted.
 */
import * as l10n from '@vscode/l10n';
import { createHash, randomBytes } from 'node:crypto';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Environment } from '../../config/workspace-config';
import { OperationError, throwIfAborted } from '../errors';
import type { Backend, LoadOutcome, Loader, Progress } from '../types';
import { rejectedRows, rejectedRowsLimit } from '../rejected-rows';
import { isPersonal } from '../../sql/shared-sql';
import {
  countAffected,
  countSaltRows,
  createSaltTable,
  createStagingTable,
  dropSaltTable,
  dropStagingTable,
  failureCounts,
  rejectedSampleAthena,
  hashes,
  overwriteSwap,
  purgedSnapshotAgeSeconds,
  purgesAthena,
  retentionAthena,
  swapBack,
  swapLocation,
  swapNames,
  writeRows,
} from '../../sql/athena-sql';
import { countRowsAthena } from '../../sql/athena-sql';
import { desiredTable } from '../../sql/glue-table';
import { mapAwsError } from './aws-errors';
import { merged } from './athena-writer';
import type { createGlueCatalog } from './glue-catalog';

type Catalog = ReturnType<typeof createGlueCatalog>;

function splitS3(location: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!m) throw new OperationError('invalid-spec', l10n.t('{0} is not an S3 location.', location));
  return { bucket: m[1]!, key: m[2]! };
}

/** A batch's identity on S3: the keys and ETags of the extract's objects. */
async function s3BatchId(s3: S3Client, location: string, profile?: string): Promise<string> {
  const { bucket, key } = splitS3(location);
  const hash = createHash('sha256');
  let token: string | undefined;
  try {
    do {
      const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, ...(token ? { ContinuationToken: token } : {}) }));
      for (const o of out.Contents ?? []) hash.update(`${o.Key}:${o.ETag}\n`);
      token = out.NextContinuationToken;
    } while (token);
  } catch (err) {
    throw mapAwsError(err, profile, l10n.t('Listing {0}', location));
  }
  return hash.digest('hex');
}

const num = (v: unknown) => Number(v ?? 0);
const slash = (s: string) => (s.endsWith('/') ? s : `${s}/`);

type Plan = Parameters<typeof createStagingTable>[0];

/** Where the salt's file goes for one run (`id`), or undefined when no column is hashed; refuses what cannot hash. */
function saltKeyFor(plan: Plan, env: Environment, salt: string | undefined, id: string): { bucket: string; key: string } | undefined {
  if (!hashes(plan)) return undefined;
  if (!salt) throw new OperationError('needs-salt', l10n.t('Hashed columns need a salt.'));
  if (!env.saltLocation)
    throw new OperationError(
      'invalid-spec',
      l10n.t(
        'Hashed columns on Athena need `salt_location` in environment `{0}`: an S3 prefix only the loading role can read. The salt is written there for the load and deleted after it; it never goes into a query.',
        env.name,
      ),
    );
  return splitS3(`${slash(env.saltLocation)}${plan.database}/${plan.table}/${id}/salt.csv`);
}

/** The salt's file: the hex of its UTF-8 bytes, so that no character of it can meet a delimiter or a line break. */
const saltFile = (salt: string) => `${Buffer.from(salt, 'utf8').toString('hex')}\n`;

/**
 * The one-row salt table over the salt's file, for the load and for verify: the file written, the table
 * created, and checked to hold exactly one row (none would join to no rows, two to every row twice).
 */
async function stageSalt(
  run: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>,
  s3: S3Client,
  env: Environment,
  plan: Plan,
  salt: string,
  at: { bucket: string; key: string },
): Promise<void> {
  try {
    await s3.send(new PutObjectCommand({ Bucket: at.bucket, Key: at.key, Body: saltFile(salt), ContentType: 'text/csv' }));
  } catch (err) {
    throw mapAwsError(err, env.profile, l10n.t('Writing the salt to {0}', env.saltLocation!));
  }
  await run(dropSaltTable(plan));
  await run(createSaltTable(plan, `s3://${at.bucket}/${at.key.replace(/[^/]+$/, '')}`));
  const saltRows = num((await run(countSaltRows(plan))).rows[0]?.salt_rows);
  if (saltRows !== 1) throw new OperationError('failed', l10n.t('The salt table over {0} holds {1} rows instead of one: nothing was written.', env.saltLocation!, saltRows));
}

/** Drops the salt table and deletes the salt's file; false when the file could not be deleted. */
async function unstageSalt(quietly: (sql: string) => Promise<boolean>, s3: S3Client, plan: Plan, at: { bucket: string; key: string }): Promise<boolean> {
  await quietly(dropSaltTable(plan));
  return s3.send(new DeleteObjectCommand({ Bucket: at.bucket, Key: at.key })).then(
    () => true,
    () => false,
  );
}

export function athenaLoader(backend: Backend, catalog: Catalog, s3: S3Client, env: Environment): Loader {
  return {
    async load(ctx, options) {
      const { plan } = ctx;
      const { signal } = options;
      const started = performance.now();
      let bytes = 0;
      const progress = (p: Progress) => options.onProgress?.(p);
      // No statement takes a parameter: the salt is read from its table (Athena keeps parameters in its history).
      const run = async (sql: string) => {
        throwIfAborted(signal, 'The load');
        const r = await backend.query(sql, { ...(signal ? { signal } : {}), onProgress: progress });
        bytes += r.stats.bytesScanned ?? 0;
        return r;
      };
      const quietly = (sql: string) =>
        backend.query(sql, {}).then(
          () => true,
          () => false,
        );
      const table = `${plan.database}.${plan.table}`;
      const current = await catalog.getTable(plan.database, plan.table, signal);
      if (!current) throw new OperationError('not-found', l10n.t('{0} is not deployed on {1}: deploy it first.', table, env.name));
      if (!/^s3:\/\//.test(plan.staging.location)) throw new OperationError('invalid-spec', l10n.t('Athena reads extracts from S3; {0} is not an S3 location.', plan.staging.location));
      if (plan.staging.format !== 'parquet' && !/^utf-?8$/i.test(plan.staging.encoding)) {
        // OpenCSVSerDe reads UTF-8 only ("OpenCSVSerDe for processing CSV").
        throw new OperationError(
          'invalid-spec',
          l10n.t(
            'Athena reads CSV extracts as UTF-8 only; {0} is {1}. Convert it before the upload (iconv -f {1} -t UTF-8), or extract as UTF-8, and remove `source.staging.encoding`.',
            plan.staging.location,
            plan.staging.encoding,
          ),
        );
      }
      const iceberg = (current.Parameters?.table_type ?? '').toUpperCase() === 'ICEBERG';
      const needsIceberg = plan.mode === 'upsert' || plan.mode === 'overwrite' || (plan.mode === 'append' && plan.partitionBy.length > 0) || !!plan.retention || plan.purges.length > 0;
      if (!iceberg && needsIceberg)
        throw new OperationError(
          'invalid-spec',
          l10n.t(
            '{0} is not an Iceberg table: Athena runs MERGE, DELETE, UPDATE, RENAME and VACUUM only on Iceberg tables. Use `storage.format: iceberg` (the checker says which part of the spec needs it).',
            table,
          ),
        );
      const loadId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
      const saltKey = saltKeyFor(plan, env, options.salt, loadId);

      progress({ message: l10n.t('Creating the staging table over {0}', plan.staging.location) });
      await run(dropStagingTable(plan));
      await run(createStagingTable(plan));
      const report: LoadOutcome = {
        table,
        environment: env.name,
        mode: plan.mode,
        staged: 0,
        failedConversions: {},
        rowsBefore: 0,
        rowsAfter: 0,
        retentionDeleted: 0,
        purged: {},
        deletedOnPurpose: 0,
        elapsedMs: 0,
      };
      const warnings: string[] = [];
      try {
        if (saltKey) await stageSalt(run, s3, env, plan, options.salt!, saltKey);
        const counts = failureCounts(plan);
        const c = (await run(counts.sql)).rows[0] ?? {};
        report.staged = num(c.staged);
        for (const col of counts.columns) if (num(c[`failed__${col}`]) > 0) report.failedConversions[col] = num(c[`failed__${col}`]);
        if (c.rejected_keys !== undefined) report.rejectedKeys = num(c.rejected_keys);
        if (Object.keys(report.failedConversions).length) {
          // What did not convert, shown: a bounded sample of the staged rows, personal columns by their length only.
          const sample = await run(rejectedSampleAthena(plan, rejectedRowsLimit));
          report.rejected = rejectedRows(
            plan.columns.map((col) => ({ name: col.name, personal: isPersonal(col) })),
            sample.rows,
            rejectedRowsLimit,
          );
        }
        report.rowsBefore = num((await run(countRowsAthena({ ...plan, partitionBy: [] }))).rows[0]?.row_count);

        const batches = (current.Parameters?.['tablespec.batches'] ?? '').split(',').filter(Boolean);
        const batchId = plan.mode === 'append' && !plan.partitionBy.length ? (options.batchId ?? (await s3BatchId(s3, plan.staging.location, env.profile))) : undefined;
        if (batchId && batches.includes(batchId.slice(0, 16))) {
          report.skipped = l10n.t('batch {0} was already appended; nothing was written', batchId.slice(0, 12));
        } else {
          progress({ message: l10n.t('Writing {0} rows ({1})', report.staged, plan.mode) });
          if (plan.mode === 'overwrite') {
            options.beforeWrite?.(report.staged);
            await swap(loadId, current.StorageDescriptor?.Location);
          } else {
            for (const s of writeRows(plan)) await run(s.sql);
          }
          const keep = retentionAthena(plan);
          if (keep) {
            progress({ message: l10n.t('Deleting partitions past the retention') });
            // Athena returns no count for a DELETE: the rows are counted first, in the same state.
            report.retentionDeleted = num((await run(countAffected(keep))).rows[0]?.n);
            await run(keep);
            report.deletedOnPurpose += report.retentionDeleted;
          }
          for (const p of purgesAthena(plan)) {
            progress({ message: p.column ? l10n.t('Purging {0}', p.column) : l10n.t('Expiring old snapshots (VACUUM)') });
            if (p.column) {
              const n = num((await run(countAffected(p.sql))).rows[0]?.n);
              report.purged[p.column] = n;
              if (p.deletes) report.deletedOnPurpose += n;
            }
            // VACUUM expires snapshots older than the table's age: the purge's own predecessor must be older.
            if (p.sql.startsWith('VACUUM')) await new Promise((resolve) => setTimeout(resolve, (purgedSnapshotAgeSeconds + 1) * 1000));
            await run(p.sql);
          }
        }
        // Athena rewrites the Glue table on every Iceberg commit: the spec's comments and pii/encrypt
        // markers are written again, with the batch just appended.
        await reapplyGlue(batchId && !report.skipped ? [batchId.slice(0, 16), ...batches].slice(0, 20).join(',') : undefined);
        report.rowsAfter = num((await run(countRowsAthena({ ...plan, partitionBy: [] }))).rows[0]?.row_count);
      } finally {
        await quietly(dropStagingTable(plan));
        if (saltKey) {
          const deleted = await unstageSalt(quietly, s3, plan, saltKey);
          if (!deleted) warnings.push(l10n.t('The salt file s3://{0}/{1} could not be deleted: delete it by hand.', saltKey.bucket, saltKey.key));
        }
      }
      report.bytesScanned = bytes;
      if (warnings.length) report.warnings = warnings;
      report.elapsedMs = performance.now() - started;
      return report;

      /**
       * Overwrite by swap. Each step either succeeds or is undone, so that a failure leaves the old
       * table whole (before the new one has its name) or the new one (after).
       */
      async function swap(id: string, currentLocation: string | undefined): Promise<void> {
        if (!plan.location) throw new OperationError('invalid-spec', l10n.t('The table needs `storage.location` or an environment `warehouse` pattern.'));
        const fresh = swapLocation(plan.location, id);
        if (currentLocation && slash(fresh).startsWith(slash(currentLocation))) {
          throw new OperationError('failed', l10n.t('The new location {0} is under the current table location {1}: dropping the old table would delete the new rows.', fresh, currentLocation));
        }
        const [create, aside, rename, dropOld] = overwriteSwap(plan, id);
        const [back, dropFresh] = swapBack(plan, id);
        const names = swapNames(plan, id);
        try {
          await run(create!.sql);
        } catch (err) {
          await quietly(dropFresh!.sql);
          throw err;
        }
        try {
          await run(aside!.sql);
        } catch (err) {
          await quietly(dropFresh!.sql);
          throw err;
        }
        try {
          await run(rename!.sql);
        } catch (err) {
          // The old table gets its name back; only then is the new one dropped.
          if (await quietly(back!.sql)) await quietly(dropFresh!.sql);
          else warnings.push(l10n.t('The old rows are in {0}.{1}: rename it to {2}.', plan.database, names.old, plan.table));
          throw err;
        }
        if (!(await quietly(dropOld!.sql))) warnings.push(l10n.t('The replaced table {0}.{1} could not be dropped: drop it by hand.', plan.database, names.old));
      }

      /** The spec's part of the Glue table (description, comments, column parameters, tablespec.*) on what Athena left. */
      async function reapplyGlue(batchList: string | undefined): Promise<void> {
        if (!iceberg && !batchList) return;
        const now = await catalog.getTable(plan.database, plan.table, signal);
        if (!now) return;
        const want = merged(now, desiredTable(plan));
        if (batchList) want.Parameters = { ...(want.Parameters ?? {}), 'tablespec.batches': batchList };
        await catalog.updateTable(want, now.VersionId);
      }
    },
  };
}

/**
 * The extract staged for verify exactly as the load stages it: the load's staging table over the extract
 * and, for hashed columns, the salt written to `salt_location` and read through the one-row salt table
 * (the salt never goes into a query). `close` drops both and deletes the salt's file.
 */
export function stageForVerify(backend: Backend, s3: S3Client, env: Environment) {
  return async (plan: Plan, salt: string | undefined, signal?: AbortSignal): Promise<{ close: () => Promise<void>; bytes: number }> => {
    const run = (sql: string) => backend.query(sql, signal ? { signal } : {});
    const quietly = (sql: string) =>
      backend.query(sql, {}).then(
        () => true,
        () => false,
      );
    if (!/^s3:\/\//.test(plan.staging.location)) throw new OperationError('invalid-spec', l10n.t('Athena reads extracts from S3; {0} is not an S3 location.', plan.staging.location));
    const saltKey = saltKeyFor(plan, env, salt, `verify-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`);
    const close = async () => {
      await quietly(dropStagingTable(plan));
      if (saltKey) await unstageSalt(quietly, s3, plan, saltKey);
    };
    try {
      await run(dropStagingTable(plan));
      await run(createStagingTable(plan));
      if (saltKey) await stageSalt(run, s3, env, plan, salt!, saltKey);
    } catch (err) {
      await close();
      throw err;
    }
    // What a scan of the staging side reads: every object under the extract's location, and the salt's file.
    let bytes = saltKey ? Buffer.byteLength(saltFile(salt!)) : 0;
    const { bucket, key } = splitS3(plan.staging.location);
    let token: string | undefined;
    try {
      do {
        const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, ...(token ? { ContinuationToken: token } : {}) }));
        for (const o of out.Contents ?? []) bytes += o.Size ?? 0;
        token = out.NextContinuationToken;
      } while (token);
    } catch (err) {
      await close();
      throw mapAwsError(err, env.profile, l10n.t('Listing {0}', plan.staging.location));
    }
    return { close, bytes };
  };
}
