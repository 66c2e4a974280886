/**
 * A loopback HTTP endpoint that answers Glue, Athena (JSON 1.1: POST with X-Amz-Target) and S3 (REST)
 * calls with the services' own response shapes, so that tests drive the real SDK: request signing and
 * serialisation, error parsing, retries, paging. Every call is recorded.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  target: string;
  body: Record<string, unknown>;
}

export type Reply = { status?: number; body: unknown; headers?: Record<string, string> };
export type Handler = (body: Record<string, unknown>, call: number) => Reply | Promise<Reply>;

/** An AWS JSON error, as the services send it. */
export function awsError(type: string, message: string, status = 400): Reply {
  return { status, body: { __type: type, message }, headers: { 'x-amzn-errortype': type } };
}

export class FakeAws {
  readonly calls: Call[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly counts = new Map<string, number>();
  private server?: Server;
  /** S3 objects by `bucket/key`. */
  readonly objects = new Map<string, string>();

  on(target: string, handler: Handler): this {
    this.handlers.set(target, handler);
    return this;
  }

  count(target: string): number {
    return this.calls.filter((c) => c.target === target).length;
  }

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const raw = await read(req);
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string') {
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        this.calls.push({ target, body });
        const n = (this.counts.get(target) ?? 0) + 1;
        this.counts.set(target, n);
        const handler = this.handlers.get(target);
        const reply = handler ? await handler(body, n) : awsError('UnknownOperationException', `no handler for ${target}`);
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${this.calls.length}`, ...(reply.headers ?? {}) });
        res.end(JSON.stringify(reply.body));
        return;
      }
      // S3, path style: /bucket/key or /bucket?list-type=2&prefix=…
      const url = new URL(req.url ?? '/', 'http://local');
      const [, bucket, ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      if (url.searchParams.get('list-type') === '2') {
        this.calls.push({ target: 'S3.ListObjectsV2', body: { bucket, prefix: url.searchParams.get('prefix') } });
        const prefix = url.searchParams.get('prefix') ?? '';
        const keys = [...this.objects.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).map((k) => k.slice(bucket!.length + 1));
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${keys.map((k) => `<Contents><Key>${k}</Key><ETag>"${Buffer.from(this.objects.get(`${bucket}/${k}`)!).length}"</ETag><Size>1</Size></Contents>`).join('')}</ListBucketResult>`,
        );
        return;
      }
      if (req.method === 'PUT') {
        this.calls.push({ target: 'S3.PutObject', body: { bucket, key } });
        this.objects.set(`${bucket}/${key}`, raw);
        res.writeHead(200, { etag: `"${raw.length}"` });
        res.end();
        return;
      }
      if (req.method === 'DELETE') {
        this.calls.push({ target: 'S3.DeleteObject', body: { bucket, key } });
        this.objects.delete(`${bucket}/${key}`);
        res.writeHead(204);
        res.end();
        return;
      }
      this.calls.push({ target: 'S3.GetObject', body: { bucket, key } });
      const object = this.objects.get(`${bucket}/${key}`);
      if (object === undefined) {
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(object)) });
      res.end(object);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Athena's answers for a scripted query: states it passes through, then a result set. */
export interface ScriptedQuery {
  states?: string[];
  reason?: string;
  columns?: { name: string; type: string }[];
  rows?: (string | null)[][];
  statementType?: 'DML' | 'DDL' | 'UTILITY';
  bytes?: number;
  /** null: a workgroup with managed query results, where GetQueryExecution names no S3 location. */
  outputLocation?: string | null;
  /** Status.AthenaError of a FAILED query ("Athena error catalog"). */
  athenaError?: { ErrorCategory: number; ErrorType: number; Retryable: boolean; ErrorMessage?: string };
}

/** Makes the fake answer Athena calls, query by query, in the order they are started. */
export function scriptAthena(fake: FakeAws, next: (sql: string) => ScriptedQuery): { sql: string[]; stopped: string[] } {
  const queries = new Map<string, { script: ScriptedQuery; polls: number }>();
  const log = { sql: [] as string[], stopped: [] as string[] };
  fake.on('AmazonAthena.StartQueryExecution', (body) => {
    const id = `q-${queries.size + 1}`;
    const sql = String(body.QueryString);
    log.sql.push(sql);
    queries.set(id, { script: next(sql), polls: 0 });
    return { body: { QueryExecutionId: id } };
  });
  fake.on('AmazonAthena.GetQueryExecution', (body) => {
    const q = queries.get(String(body.QueryExecutionId))!;
    const states = q.script.states ?? ['SUCCEEDED'];
    const state = log.stopped.includes(String(body.QueryExecutionId)) ? 'CANCELLED' : states[Math.min(q.polls++, states.length - 1)];
    return {
      body: {
        QueryExecution: {
          QueryExecutionId: body.QueryExecutionId,
          StatementType: q.script.statementType ?? 'DML',
          Status: { State: state, ...(state === 'FAILED' ? { StateChangeReason: q.script.reason ?? 'failed', ...(q.script.athenaError ? { AthenaError: q.script.athenaError } : {}) } : {}) },
          Statistics: { DataScannedInBytes: q.script.bytes ?? 1024, TotalExecutionTimeInMillis: 1200, EngineExecutionTimeInMillis: 1000 },
          ...(q.script.outputLocation === null ? {} : { ResultConfiguration: { OutputLocation: q.script.outputLocation ?? `s3://results/${body.QueryExecutionId}.csv` } }),
        },
      },
    };
  });
  fake.on('AmazonAthena.StopQueryExecution', (body) => {
    log.stopped.push(String(body.QueryExecutionId));
    return { body: {} };
  });
  fake.on('AmazonAthena.GetQueryResults', (body) => {
    const q = queries.get(String(body.QueryExecutionId))!;
    const columns = q.script.columns ?? [];
    const header = (q.script.statementType ?? 'DML') === 'DML' ? [columns.map((c) => c.name)] : [];
    const all = [...header, ...(q.script.rows ?? [])];
    const start = body.NextToken ? Number(body.NextToken) : 0;
    const max = Number(body.MaxResults ?? 1000);
    const page = all.slice(start, start + max);
    const next = start + max < all.length ? String(start + max) : undefined;
    return {
      body: {
        ResultSet: {
          Rows: page.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) })),
          ResultSetMetadata: { ColumnInfo: columns.map((c) => ({ Name: c.name, Label: c.name, Type: c.type, CatalogName: 'hive', Nullable: 'UNKNOWN' })) },
        },
        ...(next ? { NextToken: next } : {}),
        UpdateCount: 0,
      },
    };
  });
  return log;
}
