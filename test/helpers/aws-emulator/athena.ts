/**
 * Athena's query API over the emulator's state. A query is QUEUED on the first GetQueryExecution,
 * RUNNING on the next, and runs (and reaches SUCCEEDED, FAILED or CANCELLED) on the one after
 * ("GetQueryExecution", https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryExecution.html ;
 * "QueryExecutionStatus", https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatus.html).
 * StatementType is DDL, DML (SELECT, INSERT, CTAS, MERGE …) or UTILITY ("QueryExecution",
 * https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecution.html).
 * GetQueryResults pages at most 1,000 rows (MaxResults 1..1000) with NextToken; the header row comes
 * first on the first page of a SELECT only; every value is a VarCharValue, NULL an empty Datum
 * ("GetQueryResults", https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html ;
 * "Datum", https://docs.aws.amazon.com/athena/latest/APIReference/API_Datum.html). A SELECT's result is
 * also written as `<OutputLocation><id>.csv`, every value quoted and NULL an empty unquoted field
 * ("Work with query results and recent queries", https://docs.aws.amazon.com/athena/latest/ug/querying.html);
 * a workgroup with managed query results has no OutputLocation and refuses a query that sets one
 * ("Managed query results", https://docs.aws.amazon.com/athena/latest/ug/managed-results.html).
 * The result location comes from the request or the workgroup, the workgroup's winning when it enforces
 * its settings; with neither, StartQueryExecution fails with InvalidRequestException "No output location
 * provided…" ("Specify a query result location", https://docs.aws.amazon.com/athena/latest/ug/query-results-specify-location.html ;
 * ResultConfiguration.OutputLocation in the API reference).
 */
import { randomUUID } from 'node:crypto';
import { AthenaFailure, type AthenaErrorSpec } from './athena-errors';
import { bytesToScan, execute, type ExecCtx } from './athena-exec';
import { checkIcebergOnly, checkParameters, checkSyntax, classify, substitute } from './athena-rules';
import type { ResultSet } from './duck';
import { JsonError, type JsonHandler } from './http';
import { isIceberg } from './iceberg';
import { parseS3 } from './s3';

export interface Statement {
  id: string;
  sql: string;
  params: string[];
  workgroup: string;
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  statementType: 'DDL' | 'DML' | 'UTILITY';
  error?: { reason: string; code: string; category: number; type: number; retryable: boolean };
  result?: ResultSet;
  updateCount?: number;
  bytesScanned: number;
  outputLocation?: string;
  polls: number;
  hold: boolean;
  submitted: number;
  completed?: number;
  /** QueryExecutionContext.Database: where unqualified table names resolve. */
  database?: string;
  /** Why a query was cancelled by Athena itself (the workgroup's scan limit), not by StopQueryExecution. */
  cancelReason?: string;
}

export interface Workgroup {
  outputLocation?: string;
  /** Managed query results: Athena keeps the results; no OutputLocation. */
  managed?: boolean;
  /** "Override client-side settings": the workgroup's location wins over the request's. */
  enforce?: boolean;
  /**
   * WorkGroupConfiguration.BytesScannedCutoffPerQuery: a query that scans more is cancelled, state CANCELLED
   * with StateChangeReason "Bytes scanned limit was exceeded", and billed for what it scanned up to the
   * cutoff ("Configure per-query and per-workgroup data usage controls",
   * https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html ;
   * "WorkGroupConfiguration", https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html :
   * minimum 10000000 bytes).
   */
  bytesScannedCutoffPerQuery?: number;
}

/** The reason Athena gives a query its workgroup's per-query data usage control cancelled. */
const scanLimitReason = 'Bytes scanned limit was exceeded';

export class AthenaService {
  readonly statements: Statement[] = [];
  readonly workgroups = new Map<string, Workgroup>([['primary', {}]]);
  private readonly faults: { match: RegExp; error: AthenaErrorSpec }[] = [];
  private readonly holds: RegExp[] = [];
  /** Poll answers before a query runs: QUEUED then RUNNING. */
  pendingPolls = 2;
  private queue: Promise<unknown> = Promise.resolve();
  /** ClientRequestToken → the execution it started and the request it came with. */
  private readonly tokens = new Map<string, { id: string; request: string }>();

  constructor(private readonly ctx: ExecCtx) {}

  /** The next statement matching `match` fails with this error instead of running (e.g. a retryable ICEBERG_COMMIT_ERROR). */
  failNext(match: RegExp, error: AthenaErrorSpec): void {
    this.faults.push({ match, error });
  }

  /** The next statement matching `match` stays RUNNING until it is stopped. */
  holdNext(match: RegExp): void {
    this.holds.push(match);
  }

  workgroup(name: string, config: Workgroup): void {
    // "BytesScannedCutoffPerQuery … Valid Range: Minimum value of 10000000" (WorkGroupConfiguration, API reference).
    const cutoff = config.bytesScannedCutoffPerQuery;
    if (cutoff !== undefined && (!Number.isSafeInteger(cutoff) || cutoff < 10000000)) {
      throw new JsonError(
        'InvalidRequestException',
        `1 validation error detected: Value '${cutoff}' at 'configuration.bytesScannedCutoffPerQuery' failed to satisfy constraint: Member must have value greater than or equal to 10000000`,
      );
    }
    this.workgroups.set(name, config);
  }

  private get(id: unknown): Statement {
    const s = this.statements.find((x) => x.id === id);
    if (!s) throw new JsonError('InvalidRequestException', `QueryExecution ${String(id)} was not found`);
    return s;
  }

  private async run(s: Statement): Promise<void> {
    const ctx: ExecCtx = s.database ? { ...this.ctx, database: s.database.toLowerCase() } : this.ctx;
    const fault = this.faults.findIndex((f) => f.match.test(s.sql));
    try {
      if (fault >= 0) throw AthenaFailure.from(this.faults.splice(fault, 1)[0]!.error);
      const c = classify(s.sql);
      checkSyntax(s.sql, c);
      checkParameters(s.sql, c, s.params);
      const sql = s.params.length ? substitute(c, s.sql, s.params) : s.sql;
      const bound = s.params.length ? classify(sql) : c;
      if (s.params.length) checkSyntax(sql, bound);
      if (['alter-rename', 'delete', 'update', 'merge', 'vacuum', 'optimize'].includes(c.kind)) {
        const t = ctx.glue.table(c.target?.database ?? ctx.database, c.target?.name ?? '');
        if (t) checkIcebergOnly(c, isIceberg(t));
      }
      // The data a statement reads is there before it runs: a statement that would read more than the
      // cutoff is cancelled at the limit, and a write cancelled so commits nothing (no Glue table, no
      // file, no row), as Athena cancels a query when it passes the limit, before its end
      // ("Configure per-query and per-workgroup data usage controls",
      // https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html).
      const cutoff = this.workgroups.get(s.workgroup)?.bytesScannedCutoffPerQuery;
      if (cutoff !== undefined && bytesToScan(ctx, bound) > cutoff) {
        // What it scanned up to the limit is what Athena reports (and bills); no result is kept.
        s.bytesScanned = cutoff;
        s.state = 'CANCELLED';
        s.cancelReason = scanLimitReason;
        s.completed = this.ctx.now();
        return;
      }
      const out = await execute(ctx, sql, bound);
      s.bytesScanned = out.bytesScanned;
      if (out.result) s.result = out.result;
      if (out.updateCount !== undefined) s.updateCount = out.updateCount;
      if (s.result && s.outputLocation) {
        const { bucket, key } = parseS3(s.outputLocation);
        this.ctx.s3.put(bucket, key, toCsv(s.result));
      }
      s.state = 'SUCCEEDED';
    } catch (err) {
      const f = err instanceof AthenaFailure ? err : new AthenaFailure('GENERIC_INTERNAL_ERROR', String((err as Error).stack ?? err), { category: 1, type: 200 });
      s.state = 'FAILED';
      s.error = { reason: f.reason, code: f.code, category: f.category, type: f.type, retryable: f.retryable };
    }
    s.completed = this.ctx.now();
  }

  handlers(): Map<string, JsonHandler> {
    const h = new Map<string, JsonHandler>();
    h.set('AmazonAthena.StartQueryExecution', (b) => {
      const sql = String(b.QueryString ?? '');
      if (!sql || Buffer.byteLength(sql) > 262144) throw new JsonError('InvalidRequestException', 'QueryString must be 1 to 262144 bytes');
      const name = String(b.WorkGroup ?? 'primary');
      const wg = this.workgroups.get(name);
      if (!wg) throw new JsonError('InvalidRequestException', `WorkGroup ${name} is not found.`);
      const given = (b.ResultConfiguration as { OutputLocation?: string } | undefined)?.OutputLocation;
      if (wg.managed && given) throw new JsonError('InvalidRequestException', 'OutputLocation cannot be set when managed query results are enabled for the workgroup.');
      const base = wg.managed ? undefined : wg.enforce ? (wg.outputLocation ?? given) : (given ?? wg.outputLocation);
      if (!wg.managed && !base)
        throw new JsonError('InvalidRequestException', 'No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.');
      const paramsIn = b.ExecutionParameters as unknown[] | undefined;
      // ExecutionParameters: at least one item when present, each a non-empty string (StartQueryExecution, API reference).
      if (paramsIn !== undefined && (!paramsIn.length || paramsIn.some((p) => typeof p !== 'string' || p.length < 1 || p.length > 1024))) {
        throw new JsonError(
          'InvalidRequestException',
          "1 validation error detected: Value at 'executionParameters' failed to satisfy constraint: Member must have at least 1 item, each of length 1 to 1024",
        );
      }
      const params = ((paramsIn as string[] | undefined) ?? []).map(String);
      // "If another StartQueryExecution request is received, the same response is returned and another query is
      // not created. If a parameter has changed, for example, the QueryString, an error is returned."
      // ("StartQueryExecution", https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html)
      const token = b.ClientRequestToken === undefined ? undefined : String(b.ClientRequestToken);
      const request = JSON.stringify([sql, params, name, given ?? null, (b.QueryExecutionContext as object | undefined) ?? null]);
      if (token !== undefined) {
        const seen = this.tokens.get(token);
        if (seen && seen.request === request) return { QueryExecutionId: seen.id };
        if (seen) throw new JsonError('InvalidRequestException', `Idempotent parameter mismatch: ClientRequestToken ${token} was used for a different request`);
        if (token.length < 32 || token.length > 128)
          throw new JsonError('InvalidRequestException', "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between 32 and 128");
      }
      const id = randomUUID();
      if (token !== undefined) this.tokens.set(token, { id, request });
      const c = classify(sql);
      const database = (b.QueryExecutionContext as { Database?: string } | undefined)?.Database;
      const s: Statement = {
        id,
        sql,
        params,
        workgroup: name,
        state: 'QUEUED',
        statementType: c.statementType,
        bytesScanned: 0,
        polls: 0,
        hold: false,
        submitted: this.ctx.now(),
        ...(database ? { database } : {}),
      };
      if (base) s.outputLocation = `${base.replace(/\/?$/, '/')}${id}${c.kind === 'select' ? '.csv' : '.txt'}`;
      const hold = this.holds.findIndex((m) => m.test(sql));
      if (hold >= 0) {
        this.holds.splice(hold, 1);
        s.hold = true;
      }
      this.statements.push(s);
      return { QueryExecutionId: id };
    });
    // "GetWorkGroup", https://docs.aws.amazon.com/athena/latest/APIReference/API_GetWorkGroup.html : the workgroup's
    // Configuration (ResultConfiguration, EnforceWorkGroupConfiguration, BytesScannedCutoffPerQuery when set).
    h.set('AmazonAthena.GetWorkGroup', (b) => {
      const name = String(b.WorkGroup ?? '');
      const wg = this.workgroups.get(name);
      if (!wg) throw new JsonError('InvalidRequestException', `WorkGroup ${name} is not found.`);
      return {
        WorkGroup: {
          Name: name,
          State: 'ENABLED',
          Configuration: {
            ...(wg.outputLocation && !wg.managed ? { ResultConfiguration: { OutputLocation: wg.outputLocation } } : {}),
            ...(wg.managed ? { ManagedQueryResultsConfiguration: { Enabled: true } } : {}),
            EnforceWorkGroupConfiguration: wg.enforce ?? false,
            PublishCloudWatchMetricsEnabled: false,
            RequesterPaysEnabled: false,
            ...(wg.bytesScannedCutoffPerQuery !== undefined ? { BytesScannedCutoffPerQuery: wg.bytesScannedCutoffPerQuery } : {}),
            EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
          },
          CreationTime: 0,
        },
      };
    });
    h.set('AmazonAthena.GetQueryExecution', async (b) => {
      const s = this.get(b.QueryExecutionId);
      if (s.state === 'QUEUED' || s.state === 'RUNNING') {
        s.polls++;
        if (s.polls >= 2) s.state = 'RUNNING';
        if (s.polls > this.pendingPolls && !s.hold) {
          // Statements run one at a time, in the order their results are asked for.
          const run = this.queue.then(() => this.run(s));
          this.queue = run.catch(() => undefined);
          await run;
        }
      }
      return { QueryExecution: describeExecution(s) };
    });
    h.set('AmazonAthena.StopQueryExecution', (b) => {
      const s = this.get(b.QueryExecutionId);
      if (s.state === 'QUEUED' || s.state === 'RUNNING') {
        s.state = 'CANCELLED';
        s.completed = this.ctx.now();
      }
      return {};
    });
    h.set('AmazonAthena.GetQueryResults', (b) => {
      const s = this.get(b.QueryExecutionId);
      if (b.MaxResults !== undefined && (Number(b.MaxResults) < 1 || Number(b.MaxResults) > 1000)) {
        throw new JsonError(
          'InvalidRequestException',
          `1 validation error detected: Value '${b.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${Number(b.MaxResults) < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`,
        );
      }
      if (s.state === 'FAILED') throw new JsonError('InvalidRequestException', s.error!.reason);
      if (s.state !== 'SUCCEEDED') throw new JsonError('InvalidRequestException', `Query has not yet finished. Current state: ${s.state}`);
      const columns = s.result?.columns ?? [];
      const all = s.result ? [columns.map((col) => col.name), ...s.result.rows] : [];
      let start = 0;
      if (b.NextToken !== undefined) {
        const m = /^(.+):(\d+)$/.exec(Buffer.from(String(b.NextToken), 'base64').toString('utf8'));
        if (!m || m[1] !== s.id) throw new JsonError('InvalidRequestException', 'The NextToken is not valid.');
        start = Number(m[2]);
      }
      const max = b.MaxResults !== undefined ? Number(b.MaxResults) : 1000;
      const page = all.slice(start, start + max);
      const next = start + max < all.length ? Buffer.from(`${s.id}:${start + max}`).toString('base64') : undefined;
      return {
        ResultSet: {
          Rows: page.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) })),
          ResultSetMetadata: {
            ColumnInfo: columns.map((col) => ({
              CatalogName: 'hive',
              SchemaName: '',
              TableName: '',
              Name: col.name,
              Label: col.name,
              Type: col.type,
              Precision: col.precision ?? 0,
              Scale: col.scale ?? 0,
              Nullable: 'UNKNOWN',
              CaseSensitive: col.type === 'varchar',
            })),
          },
        },
        UpdateCount: s.updateCount ?? 0,
        ...(next ? { NextToken: next } : {}),
      };
    });
    return h;
  }
}

function describeExecution(s: Statement) {
  return {
    QueryExecutionId: s.id,
    Query: s.sql,
    StatementType: s.statementType,
    WorkGroup: s.workgroup,
    ...(s.params.length ? { ExecutionParameters: s.params } : {}),
    QueryExecutionContext: { Catalog: 'awsdatacatalog', ...(s.database ? { Database: s.database } : {}) },
    ResultConfiguration: s.outputLocation ? { OutputLocation: s.outputLocation } : {},
    Status: {
      State: s.state,
      SubmissionDateTime: s.submitted,
      ...(s.completed !== undefined ? { CompletionDateTime: s.completed } : {}),
      ...(s.cancelReason ? { StateChangeReason: s.cancelReason } : {}),
      ...(s.error ? { StateChangeReason: s.error.reason, AthenaError: { ErrorCategory: s.error.category, ErrorType: s.error.type, Retryable: s.error.retryable, ErrorMessage: s.error.reason } } : {}),
    },
    Statistics: { DataScannedInBytes: s.bytesScanned, EngineExecutionTimeInMillis: 10, TotalExecutionTimeInMillis: 20, QueryQueueTimeInMillis: 1 },
    EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
  };
}

/** Athena's result CSV: a quoted header, every value quoted (quotes doubled), NULL as an empty unquoted field. */
export function toCsv(r: ResultSet): string {
  const quote = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
  return [r.columns.map((c) => quote(c.name)), ...r.rows.map((row) => row.map(quote))].map((l) => l.join(',')).join('\n') + '\n';
}
