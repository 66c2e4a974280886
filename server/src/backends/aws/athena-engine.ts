/**
 * Queries on Athena: start, poll until done (reporting state, time and bytes scanned), read results a
 * page at a time (the first row of a SELECT's first page is the header), or read a large result in one
 * go from the query's CSV in S3. Aborting stops the query (StopQueryExecution).
 */
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type ColumnInfo,
  type GetQueryResultsCommandOutput,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
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
}

const MB = 1024 * 1024;

/** Athena's price: $5 per TB scanned, each query rounded up to the MB, 10 MB at least. */
export function athenaCost(bytes: number): number {
  const mb = Math.max(10, Math.ceil(bytes / MB));
  return (mb * MB * 5) / 1024 ** 4;
}

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
      options.onProgress?.({ message: l10n.t('Athena query {0}', state?.toLowerCase() ?? 'pending'), state: state ?? 'UNKNOWN', elapsedMs: Date.now() - started, ...(q?.Statistics?.DataScannedInBytes !== undefined ? { bytesScanned: q.Statistics.DataScannedInBytes } : {}) });
      if (state === 'SUCCEEDED') return q!;
      if (state === 'FAILED') {
        const reason = q?.Status?.StateChangeReason ?? 'no reason given';
        throw new OperationError('query-failed', l10n.t('The Athena query failed: {0}', reason), `${id}: ${reason}`);
      }
      if (state === 'CANCELLED') throw cancelled(l10n.t('The Athena query'));
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

  /** Reads the whole result from the CSV Athena wrote to S3: one request instead of a page per 1,000 rows. */
  async function readFromS3(q: QueryExecution, startedAt: number, columnsHint?: { name: string; type: string }[]): Promise<QueryResult> {
    const location = q.ResultConfiguration?.OutputLocation;
    const m = location ? /^s3:\/\/([^/]+)\/(.+)$/.exec(location) : null;
    if (!m) throw new OperationError('failed', l10n.t('The query has no result location in S3.'));
    let text: string;
    try {
      const obj = await s3.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }));
      text = await obj.Body!.transformToString('utf8');
    } catch (err) {
      throw mapAwsError(err, settings.profile, l10n.t('Reading the result {0}', location ?? ''));
    }
    const records = parse(text, { relax_quotes: false, skip_empty_lines: false }) as string[][];
    const header = records[0] ?? [];
    const columns = columnsHint ?? header.map((name) => ({ name, type: 'varchar' }));
    // Athena's CSV writes NULL as an empty field without quotes and '' as "": csv-parse cannot tell them apart, so both read as ''.
    const rows = records.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c.name, convertValue(c.type, r[i] ?? null)])) as Row);
    return { columns, rows, stats: statsOf(q, Date.now() - startedAt) };
  }

  return {
    dialect: 'athena' as const,
    description: `Athena (${settings.workgroup ?? 'primary'})`,
    async query(sql: string, options: RunOptions & { pageSize?: number; all?: 'pages' | 's3' } = {}): Promise<QueryResult> {
      const startedAt = Date.now();
      const id = await start(sql, options);
      const onAbort = () => void stop(id);
      options.signal?.addEventListener('abort', onAbort);
      try {
        const q = await wait(id, options);
        if (options.all === 's3') {
          const first = await page(id, q, 1, undefined, startedAt);
          return readFromS3(q, startedAt, first.columns);
        }
        return await page(id, q, options.pageSize ?? 1000, undefined, startedAt);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
