/**
 * The local load: stage the extract (cleansing, conversion and hashing in DuckDB), count what did not
 * convert, then write, apply retention and purge in one transaction, so that a load that fails
 * half-way leaves the table as it was.
 */
import * as l10n from '@vscode/l10n';
import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { OperationError, throwIfAborted } from '../errors';
import { explainConversionError, explainCsvError } from './extract-error';
import { maskValue } from './engine-message';
import { checkExtractFile, snapshotExtract, type ExtractSnapshot } from './extract-file';
import type { LoadOutcome, Loader } from '../types';
import { workspacePath } from '../../core/workspace-path';
import { rejectedRows, rejectedRowsLimit } from '../rejected-rows';
import { ident } from '../../sql/identifiers';
import { isPersonal, purgesDuckdb, rejectedSample, retentionDuckdb, stage, stageCounts, stageTable, write } from '../../sql/duckdb-sql';
import type { NormalizedTable } from '../../sql/normalized-table';
import type { LocalBackend } from './duckdb-backend';

/** With a header line, its names must be the extract's columns in the spec's order: a shifted column loads garbage. */
function checkHeader(plan: NormalizedTable, path: string, location: string): void {
  if (plan.staging.format === 'parquet' || !plan.staging.header) return;
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const first =
    buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0] ?? '';
  const names = first.split(plan.staging.delimiter).map((s) => s.trim().replace(/^"|"$/g, '').toUpperCase());
  const want = plan.columns.map((c) => c.source.toUpperCase());
  if (names.length !== want.length || names.some((n2, i) => n2 !== want[i] && n2 !== plan.columns[i]!.name.toUpperCase())) {
    // A file without a header line has a data row here: only what reads as a column name is shown.
    const shown = names.map((n2) => (/^[A-Z_][A-Z0-9_$#]{0,127}$/.test(n2) && !/^\d/.test(n2) ? n2 : maskValue(n2)));
    throw new OperationError(
      'invalid-spec',
      l10n.t("The header of {0} does not match the spec's columns.\n  extract: {1}\n  spec:    {2}\nThe extract's columns must come in the spec's order.", location, shown.join(', '), want.join(', ')),
    );
  }
}

const num = (v: unknown) => Number(v ?? 0);

export function duckdbLoader(backend: LocalBackend): Loader {
  return {
    async load(ctx, options) {
      const { plan } = ctx;
      const { signal, onProgress } = options;
      const started = performance.now();
      const run = (sql: string, params: string[] = []) => backend.query(sql, { params, ...(signal ? { signal } : {}) });
      const table = `${plan.database}.${plan.table}`;

      if (!(await backend.getTable(plan.database, plan.table))) throw new OperationError('not-found', l10n.t('{0} is not deployed on {1}: deploy it first.', table, ctx.environment.name));
      if (/^s3:\/\//.test(plan.staging.location))
        throw new OperationError(
          'invalid-spec',
          l10n.t("The local engine reads local files; {0} is on S3. Set `source.staging.location` or the environment's `staging` pattern to a path in the workspace.", plan.staging.location),
        );
      const original = workspacePath(ctx.root, plan.staging.location);
      checkExtractFile(plan.staging.location, original);
      // An unpartitioned append is recorded in the ledger by the extract's hash: read a copy made while
      // hashing, so that a file replaced during the load cannot put another file's hash in the ledger.
      const snapshot: ExtractSnapshot | undefined =
        plan.mode === 'append' && !plan.partitionBy.length && !options.batchId ? await snapshotExtract(plan.staging.location, original, join(ctx.root, '.tablespec')) : undefined;
      try {
        return await loadFrom(snapshot?.path ?? original, options.batchId ?? snapshot?.hash);
      } finally {
        snapshot?.remove();
      }

      async function loadFrom(path: string, batchId: string | undefined): Promise<LoadOutcome> {
        checkHeader(plan, path, plan.staging.location);

        onProgress?.({ message: l10n.t('Staging {0}', plan.staging.location) });
        const staged = stage(plan, path);
        try {
          await run(
            staged.sql,
            staged.params.map(() => options.salt!),
          );
        } catch (err) {
          const said = err instanceof OperationError ? (err.detail ?? err.message) : '';
          const explained = said ? ((await explainCsvError(said, plan, plan.staging.location, path)) ?? explainConversionError(said, plan, plan.staging.location)) : undefined;
          if (explained) throw new OperationError('invalid-spec', explained, (err as OperationError).detail);
          throw err;
        }
        const counts = (await run(stageCounts(staged.failureColumns))).rows[0]!;
        const failedConversions: Record<string, number> = {};
        for (const c of staged.failureColumns) {
          const n = num(counts[`failed__${c}`]);
          if (n > 0) failedConversions[c] = n;
        }
        const report: LoadOutcome = {
          table,
          environment: ctx.environment.name,
          mode: plan.mode,
          staged: num(counts.staged),
          failedConversions,
          rowsBefore: 0,
          rowsAfter: 0,
          retentionDeleted: 0,
          purged: {},
          deletedOnPurpose: 0,
          elapsedMs: 0,
        };
        if (Object.keys(failedConversions).length) {
          // What did not convert, shown: a bounded sample of the extract's rows, personal columns by their length only.
          const sample = await run(rejectedSample(plan, path, rejectedRowsLimit));
          report.rejected = rejectedRows(
            plan.columns.map((c) => ({ name: c.name, personal: isPersonal(c) })),
            sample.rows,
            rejectedRowsLimit,
          );
        }

        if (plan.mode === 'upsert' && plan.keys.length) {
          const nullKey = plan.keys.map((k) => `${ident(k)} IS NULL`).join(' OR ');
          report.rejectedKeys = num((await run(`SELECT count(*) AS n FROM ${ident(stageTable)} WHERE ${nullKey}`)).rows[0]!.n);
        }
        options.beforeWrite?.(report.staged);

        if (batchId && (await backend.batchLoaded(plan.database, plan.table, batchId))) {
          report.skipped = l10n.t('batch {0} was already appended; nothing was written', batchId.slice(0, 12));
        } else {
          throwIfAborted(signal, 'The load');
          const countSql = `SELECT count(*) AS n FROM ${ident(plan.database)}.${ident(plan.table)}`;
          await backend.transaction(async () => {
            report.rowsBefore = num((await run(countSql)).rows[0]!.n);
            onProgress?.({ message: l10n.t('Writing {0} rows ({1})', report.staged, plan.mode) });
            for (const sql of write(plan)) await run(sql);
            const keep = retentionDuckdb(plan);
            if (keep) {
              onProgress?.({ message: l10n.t('Deleting partitions past the retention') });
              report.retentionDeleted = num((await run(keep)).rows[0]?.Count);
              report.deletedOnPurpose += report.retentionDeleted;
            }
            for (const p of purgesDuckdb(plan)) {
              onProgress?.({ message: l10n.t('Purging {0}', p.column) });
              report.purged[p.column] = num((await run(p.sql)).rows[0]?.Count);
              if (p.deletes) report.deletedOnPurpose += report.purged[p.column]!;
            }
            if (batchId) await backend.recordBatch(plan.database, plan.table, batchId, report.staged);
            report.rowsAfter = num((await run(countSql)).rows[0]!.n);
          });
        }
        await run(`DROP TABLE IF EXISTS ${ident(stageTable)}`);
        report.elapsedMs = performance.now() - started;
        return report;
      }
    },
  };
}
