/**
 * Queries on Athena: start, poll until done (reporting state, time and bytes scanned), read results a
 * page at a time (the first row of a SELECT's first page is the header), or read a large result in one
 * go from the query's CSV in S3. Aborting stops the query (StopQueryExecution).
 */
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import {
  GetQueryExecutionCommand,
  GetWorkGroupCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type ColumnInfo,
  type GetQueryResultsCommandOutput,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { OperationError, cancelled } from '../errors';
import type { QueryResult, QueryStats, Row, RunOptions } from '../types';
import { convertValue } from '../values';
import { mapAwsError } from './aws-errors';

export interface AthenaSettings {
  workgroup?: string;
  outputLocation?: string;
  profile?: string;
  /** How long to wait between polls, growing to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** A query Athena marks retryable is started again, this many times at most, waiting `retryMs`, then twice as long. */
  retries?: number;
  retryMs?: number;
}

/** A query that failed with `Status.AthenaError.Retryable` (an Iceberg commit conflict, a transient error). */
class RetryableFailure extends Error {
  constructor(readonly failure: OperationError) {
    super(failure.message);
  }
}

const MB = 1024 * 1024;

/** Athena's price: $5 per TB scanned, each query rounded up to the MB, 10 MB at least. */
export function athenaCost(bytes: number): number {
  const mb = Math.max(10, Math.ceil(bytes / MB));
  return (mb * MB * 5) / 1024 ** 4;
}

/** Bytes as a person reads them: 10.0 MB, 1.50 GB (binary units, as Athena's console shows them). */
function bytesText(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${n.toFixed(n < 10 ? 2 : 1)} ${units[u]}`;
}

/**
 * Athena cancels a query that scans more than its workgroup's BytesScannedCutoffPerQuery, with the reason
 * "Bytes scanned limit was exceeded" ("Configure per-query and per-workgroup data usage controls",
 * https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html).
 */
const scanLimitReason = /bytes scanned limit was exceeded/i;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

function statsOf(q: QueryExecution | undefined, elapsedMs: number): QueryStats {
  const bytes = q?.Statistics?.DataScannedInBytes;
  const stats: QueryStats = { state: q?.Status?.State ?? 'UNKNOWN', elapsedMs: q?.Statistics?.TotalExecutionTimeInMillis ?? elapsedMs };
  if (q?.QueryExecutionId) stats.queryId = q.QueryExecutionId;
  if (bytes !== undefined) {
    stats.bytesScanned = bytes;
    stats.costUsd = athenaCost(bytes);
  }
  return stats;
}

function columnsOf(info: ColumnInfo[] | undefined) {
  return (info ?? []).map((c) => ({ name: c.Name ?? c.Label ?? '', type: c.Type ?? 'varchar' }));
}

export function createAthenaEngine(athena: AthenaClient, s3: S3Client, settings: AthenaSettings) {
  const action = (what: string) => `Athena (${settings.workgroup ?? 'primary'}) ${what}`;

  async function start(sql: string, options: RunOptions): Promise<string> {
    try {
      const out = await athena.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          ClientRequestToken: randomUUID(),
          WorkGroup: settings.workgroup,
          QueryExecutionContext: { Catalog: 'AwsDataCatalog' },
          ...(settings.outputLocation ? { ResultConfiguration: { OutputLocation: settings.outputLocation } } : {}),
          ...(options.params?.length ? { ExecutionParameters: options.params } : {}),
        }),
        options.signal ? { abortSignal: options.signal } : {},
      );
      return out.QueryExecutionId!;
    } catch (err) {
      throw mapAwsError(err, settings.profile, action('StartQueryExecution'));
    }
  }

  /** The workgroup's per-query scan limit, when it has one and may be read (athena:GetWorkGroup). */
  async function scanCutoff(): Promise<number | undefined> {
    try {
      const out = await athena.send(new GetWorkGroupCommand({ WorkGroup: settings.workgroup ?? 'primary' }));
      return out.WorkGroup?.Configuration?.BytesScannedCutoffPerQuery;
    } catch {
      return undefined;
    }
  }

  /** A query Athena itself cancelled for the workgroup's scan limit: said plainly, with the limit and what was billed. */
  async function scanLimitError(id: string, q: QueryExecution): Promise<OperationError> {
    const scanned = q.Statistics?.DataScannedInBytes ?? 0;
    // Athena stops the query at the cutoff, so what it scanned is the limit when the workgroup cannot be read.
    const limit = (await scanCutoff()) ?? scanned;
    const wg = settings.workgroup ?? 'primary';
    return new OperationError(
      'scan-limit',
      l10n.t(
        'Athena cancelled the query: it reads more than workgroup `{0}` allows a query to scan ({1} = {4} bytes, BytesScannedCutoffPerQuery). It scanned {2} before it was stopped, billed ${3}. Narrow it (a condition on a partition column, fewer columns) or run it in a workgroup with a higher limit.',
        wg,
        bytesText(limit),
        bytesText(scanned),
        athenaCost(scanned).toFixed(4),
        limit,
      ),
      `${id}: ${q.Status?.StateChangeReason ?? ''} (limit ${limit} bytes, scanned ${scanned} bytes)`,
    );
  }

  async function stop(id: string): Promise<void> {
    try {
      await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    } catch {
      // already finished: nothing to stop
    }
  }

  /** Polls until the query ends; stops it when the signal aborts. */
  async function wait(id: string, options: RunOptions): Promise<QueryExecution> {
    const started = Date.now();
    let delay = settings.pollMs ?? 250;
    for (;;) {
      if (options.signal?.aborted) {
        await stop(id);
        throw cancelled(l10n.t('The query'));
      }
      let q: QueryExecution | undefined;
      try {
        q = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
      } catch (err) {
        throw mapAwsError(err, settings.profile, action('GetQueryExecution'));
      }
      const state = q?.Status?.State;
      options.onProgress?.({
        message: l10n.t('Athena query {0}', state?.toLowerCase() ?? 'pending'),
        state: state ?? 'UNKNOWN',
        elapsedMs: Date.now() - started,
        ...(q?.Statistics?.DataScannedInBytes !== undefined ? { bytesScanned: q.Statistics.DataScannedInBytes } : {}),
      });
      if (state === 'SUCCEEDED') return q!;
      if (state === 'FAILED') {
        const reason = q?.Status?.StateChangeReason ?? 'no reason given';
        const failure = new OperationError('query-failed', l10n.t('The Athena query failed: {0}', reason), `${id}: ${reason}`);
        // Athena says whether running the query again may succeed ("Athena error catalog": AthenaError.Retryable).
        throw q?.Status?.AthenaError?.Retryable ? new RetryableFailure(failure) : failure;
      }
      if (state === 'CANCELLED') {
        // Cancelled by the workgroup's data usage control, not by anyone here: not a "Cancelled." to shrug off.
        if (!options.signal?.aborted && scanLimitReason.test(q?.Status?.StateChangeReason ?? '')) throw await scanLimitError(id, q!);
        throw cancelled(l10n.t('The Athena query'));
      }
      // QUEUED and RUNNING (RUNNING may go back to QUEUED on a transient error): wait, a little longer each time.
      await sleep(delay, options.signal);
      delay = Math.min(delay * 1.5, settings.maxPollMs ?? 2000);
    }
  }

  /** One page of results; the header row of a SELECT's first page is dropped. */
  async function page(id: string, q: QueryExecution, size: number, token: string | undefined, startedAt: number): Promise<QueryResult> {
    let out: GetQueryResultsCommandOutput;
    try {
      out = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: Math.min(1000, Math.max(1, size + (token ? 0 : 1))), ...(token ? { NextToken: token } : {}) }));
    } catch (err) {
      throw mapAwsError(err, settings.profile, action('GetQueryResults'));
    }
    const columns = columnsOf(out.ResultSet?.ResultSetMetadata?.ColumnInfo);
    let data = out.ResultSet?.Rows ?? [];
    const first = data[0]?.Data?.map((d) => d.VarCharValue);
    if (!token && q.StatementType === 'DML' && first && first.length === columns.length && first.every((v, i) => v === columns[i]!.name)) data = data.slice(1);
    const rows: Row[] = data.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, convertValue(c.type, r.Data?.[i]?.VarCharValue ?? null)])) as Row);
    const result: QueryResult = { columns, rows, stats: statsOf(q, Date.now() - startedAt) };
    if (out.NextToken) {
      const next = out.NextToken;
      result.more = () => page(id, q, Math.min(size, 1000), next, startedAt);
    }
    return result;
  }

  /**
   * Reads the result from the CSV Athena wrote to S3: one request instead of a page per 1,000 rows, read
   * as a stream and closed once `maxRows` rows are in, so a large result is not downloaded whole.
   */
  async function readFromS3(q: QueryExecution, startedAt: number, columnsHint: { name: string; type: string }[], maxRows: number): Promise<QueryResult> {
    const location = q.ResultConfiguration?.OutputLocation;
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(location ?? '')!;
    const records: (string | null)[][] = [];
    try {
      const obj = await s3.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }));
      const body = obj.Body as Readable;
      // Athena's CSV writes NULL as an empty field without quotes and '' as "": only the quoted one is a string.
      const parser = body.pipe(parse({ relax_quotes: false, skip_empty_lines: false, to: maxRows + 1, cast: (value, context) => (value === '' && !context.quoting ? null : value) }));
      try {
        for await (const record of parser) records.push(record as (string | null)[]);
      } finally {
        body.destroy();
      }
    } catch (err) {
      throw mapAwsError(err, settings.profile, l10n.t('Reading the result {0}', location ?? ''));
    }
    const columns = columnsHint.length ? columnsHint : (records[0] ?? []).map((name) => ({ name: name ?? '', type: 'varchar' }));
    const rows = records.slice(1, maxRows + 1).map((r) => Object.fromEntries(columns.map((c, i) => [c.name, convertValue(c.type, r[i] ?? null)])) as Row);
    return { columns, rows, stats: statsOf(q, Date.now() - startedAt) };
  }

  /** Up to `maxRows` rows through GetQueryResults: a workgroup with managed query results has no S3 location to read. */
  async function readPages(id: string, q: QueryExecution, startedAt: number, maxRows: number): Promise<QueryResult> {
    let result = await page(id, q, Math.min(1000, maxRows), undefined, startedAt);
    const rows = [...result.rows];
    while (result.more && rows.length < maxRows) {
      result = await result.more();
      rows.push(...result.rows);
    }
    return { columns: result.columns, rows: rows.slice(0, maxRows), stats: statsOf(q, Date.now() - startedAt) };
  }

  /** Starts the query and waits for it; a query Athena marks retryable is started again, a few times, waiting longer each time. */
  async function execute(sql: string, options: RunOptions): Promise<{ id: string; q: QueryExecution }> {
    const retries = settings.retries ?? 3;
    let delay = settings.retryMs ?? 1000;
    for (let attempt = 0; ; attempt++) {
      const id = await start(sql, options);
      const onAbort = () => void stop(id);
      options.signal?.addEventListener('abort', onAbort);
      try {
        return { id, q: await wait(id, options) };
      } catch (err) {
        if (!(err instanceof RetryableFailure)) throw err;
        if (attempt >= retries) throw err.failure;
        options.onProgress?.({ message: l10n.t('Athena says the query may succeed if run again ({0}); retrying in {1} s', err.failure.message, Math.round(delay / 100) / 10), state: 'RETRYING' });
        await sleep(delay, options.signal);
        delay *= 2;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    }
  }

  return {
    dialect: 'athena' as const,
    description: `Athena (${settings.workgroup ?? 'primary'})`,
    /** `all: 's3'` reads up to `maxRows` rows in one go: from the result's CSV in S3, or page by page where there is none. */
    async query(sql: string, options: RunOptions & { pageSize?: number; all?: 'pages' | 's3'; maxRows?: number } = {}): Promise<QueryResult> {
      const startedAt = Date.now();
      const { id, q } = await execute(sql, options);
      if (options.all === 's3') {
        const maxRows = options.maxRows ?? Number.MAX_SAFE_INTEGER;
        if (!/^s3:\/\/[^/]+\/.+/.test(q.ResultConfiguration?.OutputLocation ?? '')) return readPages(id, q, startedAt, maxRows);
        const first = await page(id, q, 1, undefined, startedAt);
        return readFromS3(q, startedAt, first.columns, maxRows);
      }
      return await page(id, q, options.pageSize ?? 1000, undefined, startedAt);
    },
  };
}
