/**
 * A stateful AWS emulator for the tests: Glue Data Catalog, S3 and Athena on one loopback endpoint,
 * strict where the services' documentation is (every rule names its page; see the README, "What was tried against real AWS").
 *
 *   const aws = await startAwsEmulator({ databases: ['card_dw'], workgroups: { primary: { outputLocation: 's3://results/' } } });
 *   aws.endpoint                    // http://127.0.0.1:<port>: pass to the SDK clients (S3 with forcePathStyle)
 *   aws.s3.put(bucket, key, body)   // seed objects (string or Buffer); aws.s3.get(bucket, key) → Buffer | undefined
 *   aws.s3.keys(bucket, prefix?)    // keys under a prefix, sorted; aws.s3.bucket(name) creates an empty bucket
 *                                   // (reading or listing a bucket that was never created or written is NoSuchBucket)
 *   aws.glue.database(name)         // create a database; aws.glue.table(db, name) → the stored Table or undefined
 *   aws.statements                  // every StartQueryExecution: { id, sql, params, workgroup, state, statementType, error?, result?, … }
 *   aws.athena.failNext(/MERGE/, { errorType: 'ICEBERG_COMMIT_ERROR', message: '…', category: 1, type: 233, retryable: true })
 *   aws.athena.holdNext(/SELECT/)   // that query stays RUNNING until StopQueryExecution
 *   aws.athena.workgroup(name, { outputLocation?: 's3://…/', managed?: true, enforce?: true, bytesScannedCutoffPerQuery?: 10000000 })
 *   aws.athena.pendingPolls = 2     // GetQueryExecution answers QUEUED, RUNNING, then the query runs
 *   aws.s3.under('s3://b/prefix/')  // [key, body] of every object under a location
 *   aws.advanceTime(seconds)        // moves the emulator's clock (snapshot ages for VACUUM)
 *   aws.injectError('AWSGlue.GetTable', { type: 'ThrottlingException', message: 'Rate exceeded', times: 3 })
 *                                   // the next calls of an operation fail so (status 400 unless given); S3 targets too
 *   aws.airflow                     // an Airflow webserver (airflow.ts): aws.airflow.version = 'v2'; addRun({ dagId, runId, state, tasks: [{ taskId, state, tries: [log…], xcom }] });
 *                                   // users.set(user, password); expireTokens(); slow.push({ path: /re/, seconds: 12 }); served at aws.endpoint + '/api/v1|v2'
 *   aws.mwaa.environments.set('card-prod', aws.airflow)   // InvokeRestApi (mwaa.ts) on that Airflow; mwaa.expiredSessionTokens.add(token)
 *   aws.emr.cluster({ Id, Name, State, LogUri }); aws.emr.step(clusterId, { Id, Name, State, FailureDetails }) (emr.ts)
 *   aws.calls                       // every request: { target: 'AWSGlue.GetTable' | 'S3.PutObject' | …, body }
 *   aws.count(target)               // how many calls of one kind
 *   await aws.stop()
 *
 * Statements are checked by athena-rules.ts, run by athena-exec.ts on DuckDB (duck.ts) with Trino's functions
 * (trino-functions.ts, trino-datetime.ts, trino-sql.ts); staging files are read by serde.ts; Iceberg tables
 * keep metadata and snapshots in S3 (iceberg.ts, time-travel.ts). client.ts has SDK clients and runAthena();
 * aws-home.ts a temporary ~/.aws for SDK configuration tests. Credentials are not checked (any signature
 * passes); regions are not modelled. The older scripted FakeAws (../fake-aws.ts) still serves tests that
 * script throttling and other responses by hand.
 */
import type { Server } from 'node:http';
import { AthenaService, type Workgroup } from './athena';
import type { ExecCtx } from './athena-exec';
import { GlueStore, glueHandlers } from './glue';
import { startServer, type Call, type Injected, type RestHandler } from './http';
import { S3Store, s3Handler } from './s3';
import { AirflowStore, airflowHttp } from './airflow';
import { EmrStore, emrHandlers } from './emr';
import { MwaaStore, mwaaHandler } from './mwaa';

export interface AwsEmulator {
  endpoint: string;
  s3: S3Store;
  glue: GlueStore;
  athena: AthenaService;
  airflow: AirflowStore;
  mwaa: MwaaStore;
  emr: EmrStore;
  statements: AthenaService['statements'];
  calls: Call[];
  count(target: string): number;
  advanceTime(seconds: number): void;
  injectError(target: string, error: { type: string; message: string; status?: number; times?: number }): void;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  databases?: string[];
  /** Buckets that exist from the start (a bucket also comes to exist when an object is put in it). */
  buckets?: string[];
  workgroups?: Record<string, Workgroup>;
  /** The database unqualified names resolve in (QueryExecutionContext.Database otherwise 'default'). */
  defaultDatabase?: string;
}

export async function startAwsEmulator(options: EmulatorOptions = {}): Promise<AwsEmulator> {
  const s3 = new S3Store();
  const glue = new GlueStore();
  glue.database('default');
  for (const d of options.databases ?? []) glue.database(d);
  for (const b of options.buckets ?? []) s3.bucket(b);
  let offset = 0;
  const ctx: ExecCtx = { glue, s3, database: options.defaultDatabase ?? 'default', now: () => Date.now() / 1000 + offset };
  const athena = new AthenaService(ctx);
  for (const [name, wg] of Object.entries(options.workgroups ?? {})) athena.workgroup(name, wg);
  const calls: Call[] = [];
  const injected: Injected[] = [];
  const airflow = new AirflowStore();
  const mwaa = new MwaaStore();
  const emr = new EmrStore();
  const json = new Map([...glueHandlers(glue), ...athena.handlers(), ...emrHandlers(emr)]);
  const s3Rest = s3Handler(s3, (target, body) => calls.push({ target, body }));
  // One endpoint: MWAA's /restapi/, the Airflow webserver's /api/v1|v2 and /auth/token, and S3 for the rest.
  const rest: RestHandler = (req, raw, res) => {
    if (mwaaHandler(mwaa, req, raw, res)) return;
    const reply = airflowHttp(airflow, req.method ?? 'GET', new URL(req.url ?? '/', 'http://local'), req.headers, raw);
    if (reply) {
      res.writeHead(reply.status, { 'content-type': airflow.version === 'v1' && reply.status >= 400 ? 'application/problem+json' : 'application/json' });
      res.end(JSON.stringify(reply.body));
      return;
    }
    return s3Rest(req, raw, res);
  };
  const { server, endpoint } = await startServer(json, rest, calls, injected);
  return {
    endpoint,
    s3,
    glue,
    athena,
    airflow,
    mwaa,
    emr,
    statements: athena.statements,
    calls,
    count: (target) => calls.filter((c) => c.target === target).length,
    advanceTime(seconds) {
      offset += seconds;
    },
    injectError(target, error) {
      injected.push({ target, type: error.type, message: error.message, status: error.status ?? 400, times: error.times ?? 1 });
    },
    stop: () => close(server),
  };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export type { AthenaErrorSpec } from './athena-errors';
export type { Statement, Workgroup } from './athena';
export type { StoredTable } from './glue';
