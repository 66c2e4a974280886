/**
 * Amazon MWAA's InvokeRestApi on the emulator's endpoint: REST-JSON `POST /restapi/{Name}` that calls
 * the environment's Airflow (airflow.ts) and answers `{RestApiStatusCode, RestApiResponse}`.
 * Rules, from "InvokeRestApi" (Amazon MWAA API Reference, https://docs.aws.amazon.com/mwaa/latest/API/API_InvokeRestApi.html):
 * - Name: 1–80 characters, [a-zA-Z][0-9a-zA-Z-_]*; Path: 1–64 characters; Method: GET | PUT | POST | PATCH | DELETE
 *   — else ValidationException (400);
 * - an environment that does not exist is ResourceNotFoundException (404);
 * - Airflow's 4xx is RestApiClientException, its 5xx RestApiServerException, with RestApiStatusCode and RestApiResponse.
 * From "Using the Apache Airflow REST API" (Amazon MWAA User Guide,
 * https://docs.aws.amazon.com/mwaa/latest/userguide/access-mwaa-apache-airflow-rest-api.html):
 * - a call that takes over 10 seconds is ended with an error, and an answer over 6 MB fails. The page names no
 *   error type for either: the emulator answers the first as RestApiServerException with status 504 and the
 *   second as ValidationException "Response payload size exceeds the 6 MB limit" (an assumption, said in the README: "Not tried against real MWAA, EMR, Oracle or Airflow").
 * From "Common Errors" (Amazon MWAA API Reference, https://docs.aws.amazon.com/mwaa/latest/API/CommonErrors.html):
 * - expired credentials are ExpiredTokenException (403); a request not signed with SigV4 for the service `airflow`
 *   is IncompleteSignatureException (403). Signatures are not verified.
 * Errors are restJson1's shape: `x-amzn-errortype` header and `{"Message": …}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { airflowRoute, type AirflowStore } from './airflow';

export const MWAA_MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

export class MwaaStore {
  readonly environments = new Map<string, AirflowStore>();
  /** Session tokens (x-amz-security-token) that count as expired. */
  readonly expiredSessionTokens = new Set<string>();
  readonly calls: { name: string; path: string; method: string; status: number; error?: string }[] = [];
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': `mwaa-${Date.now()}`, ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
  res.end(JSON.stringify(body));
}

/** Handles `/restapi/…`; false when the request is not MWAA's. */
export function mwaaHandler(store: MwaaStore, req: IncomingMessage, raw: Buffer, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://local');
  const m = /^\/restapi\/([^/]*)$/.exec(url.pathname);
  if (!m) return false;
  const name = decodeURIComponent(m[1]!);
  let called = { path: '', method: '' };
  const fail = (status: number, type: string, message: string, extra: Record<string, unknown> = {}) => {
    store.calls.push({ name, ...called, status, error: type });
    send(res, status, { Message: message, ...extra }, type);
  };
  const auth = String(req.headers.authorization ?? '');
  if (req.method !== 'POST') return (fail(404, 'UnknownOperationException', 'Unknown operation'), true);
  if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/airflow\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.test(auth)) {
    return (fail(403, 'IncompleteSignatureException', 'Authorization header requires a SigV4 signature for the service airflow.'), true);
  }
  const session = req.headers['x-amz-security-token'];
  if (typeof session === 'string' && store.expiredSessionTokens.has(session)) return (fail(403, 'ExpiredTokenException', 'The security token included in the request is expired'), true);
  if (!/^[a-zA-Z][0-9a-zA-Z-_]*$/.test(name) || name.length > 80)
    return (
      fail(400, 'ValidationException', `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][0-9a-zA-Z-_]*`),
      true
    );
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return (fail(400, 'SerializationException', 'Malformed JSON'), true);
  }
  const path = body.Path;
  const method = body.Method;
  if (typeof path !== 'string' || path.length < 1 || path.length > 64)
    return (fail(400, 'ValidationException', `1 validation error detected: Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 64`), true);
  if (typeof method !== 'string' || !['GET', 'PUT', 'POST', 'PATCH', 'DELETE'].includes(method))
    return (
      fail(
        400,
        'ValidationException',
        `1 validation error detected: Value '${String(method)}' at 'method' failed to satisfy constraint: Member must satisfy enum value set: [GET, PUT, POST, PATCH, DELETE]`,
      ),
      true
    );
  called = { path, method };
  const airflow = store.environments.get(name);
  if (!airflow) return (fail(404, 'ResourceNotFoundException', `Environment ${name} not found.`), true);
  const query = Object.fromEntries(Object.entries((body.QueryParameters ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const slow = airflow.slow.find((s) => s.path.test(path));
  const seconds = slow ? (typeof slow.seconds === 'function' ? slow.seconds((body.Body ?? {}) as Record<string, unknown>) : slow.seconds) : 0;
  if (seconds > 10)
    return (fail(400, 'RestApiServerException', 'The Apache Airflow REST API call timed out after 10 seconds.', { RestApiStatusCode: 504, RestApiResponse: { detail: 'Gateway Timeout' } }), true);
  airflow.calls.push({ method, path, query, body: body.Body, via: 'mwaa' });
  const reply = airflowRoute(airflow, method, path, query, body.Body);
  const size = Buffer.byteLength(JSON.stringify(reply.body ?? null));
  if (size > MWAA_MAX_RESPONSE_BYTES) return (fail(400, 'ValidationException', 'Response payload size exceeds the 6 MB limit'), true);
  store.calls.push({ name, path, method, status: reply.status });
  if (reply.status >= 500) return (send(res, 400, { Message: 'Airflow server error', RestApiStatusCode: reply.status, RestApiResponse: reply.body }, 'RestApiServerException'), true);
  if (reply.status >= 400) return (send(res, 400, { Message: 'Airflow client error', RestApiStatusCode: reply.status, RestApiResponse: reply.body }, 'RestApiClientException'), true);
  send(res, 200, { RestApiStatusCode: reply.status, RestApiResponse: reply.body });
  return true;
}
