/**
 * The emulator's loopback endpoint. Glue and Athena speak AWS JSON 1.1 (POST, `X-Amz-Target`), S3
 * speaks REST with path-style addressing; both answer with the services' own error shapes so that
 * the real SDK parses them into its own exception classes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A service error as AWS JSON 1.1 services send it: `__type` and `message` in the body, `x-amzn-errortype` header. */
export class JsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type JsonHandler = (body: Record<string, unknown>) => unknown | Promise<unknown>;
export type RestHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void | Promise<void>;

export interface Call {
  target: string;
  body: Record<string, unknown>;
}

/** A service error to answer the next calls of one operation with (throttling, expired tokens, access denied …). */
export interface Injected {
  target: string;
  type: string;
  message: string;
  status: number;
  times: number;
}

export async function startServer(json: Map<string, JsonHandler>, rest: RestHandler, calls: Call[], injected: Injected[] = []): Promise<{ server: Server; endpoint: string }> {
  let requestNo = 0;
  const server = createServer(async (req, res) => {
    const raw = await read(req);
    const target = req.headers['x-amz-target'];
    const requestId = `emu-${++requestNo}`;
    if (typeof target === 'string') {
      let body: Record<string, unknown> = {};
      try {
        body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        return sendJson(res, requestId, 400, { __type: 'SerializationException', message: 'Malformed JSON' }, 'SerializationException');
      }
      calls.push({ target, body });
      const fault = injected.find((f) => f.target === target && f.times > 0);
      if (fault) {
        fault.times--;
        return sendJson(res, requestId, fault.status, { __type: fault.type, message: fault.message }, fault.type);
      }
      const handler = json.get(target);
      if (!handler) return sendJson(res, requestId, 400, { __type: 'UnknownOperationException', message: `The emulator does not implement ${target}` }, 'UnknownOperationException');
      try {
        const out = await handler(body);
        return sendJson(res, requestId, 200, out ?? {});
      } catch (err) {
        if (err instanceof JsonError) return sendJson(res, requestId, err.status, { __type: err.type, message: err.message, Message: err.message }, err.type);
        return sendJson(res, requestId, 500, { __type: 'InternalServiceException', message: String((err as Error).stack ?? err) }, 'InternalServiceException');
      }
    }
    try {
      res.setHeader('x-amz-request-id', requestId);
      const fault = injected.find((f) => f.target.startsWith('S3.') && f.times > 0 && s3Operation(req) === f.target);
      if (fault) {
        fault.times--;
        calls.push({ target: fault.target, body: { url: req.url } });
        res.writeHead(fault.status, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fault.type}</Code><Message>${xml(fault.message)}</Message></Error>`);
        return;
      }
      await rest(req, raw, res);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>${xml(String(err))}</Message></Error>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function sendJson(res: ServerResponse, requestId: string, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId, ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
  res.end(JSON.stringify(body));
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** The S3 operation a REST request is, named as calls are recorded ('S3.GetObject' …). */
function s3Operation(req: IncomingMessage): string {
  const url = new URL(req.url ?? '/', 'http://local');
  const key = url.pathname.split('/').length > 2 && url.pathname.split('/')[2] !== '';
  if (req.method === 'GET' && url.searchParams.get('list-type') === '2') return 'S3.ListObjectsV2';
  if (req.method === 'POST' && url.searchParams.has('delete')) return 'S3.DeleteObjects';
  if (!key) return 'S3.Bucket';
  return ({ GET: 'S3.GetObject', HEAD: 'S3.HeadObject', PUT: 'S3.PutObject', DELETE: 'S3.DeleteObject' } as Record<string, string>)[req.method ?? ''] ?? 'S3.Unknown';
}

/** XML text escaping for S3 bodies. */
export function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
