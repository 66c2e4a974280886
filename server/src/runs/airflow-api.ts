/**
 * The Airflow REST API as the run status and the logs use it: one `call` through either transport
 * (an Airflow webserver over HTTP, or Amazon MWAA's InvokeRestApi), and the list endpoints read page by
 * page with `limit`/`offset` (or `page_limit`/`page_offset`) until `total_entries` is reached.
 *
 * Paths are relative to the API root (`/dags/~/dagRuns/list`, not `/api/v1/…`): MWAA adds the root itself.
 */
import * as l10n from '@vscode/l10n';

export type ApiVersion = 'v1' | 'v2';

export interface AirflowReply {
  status: number;
  body: unknown;
}

export type AirflowErrorKind = 'auth' | 'expired' | 'not-found' | 'too-large' | 'timeout' | 'path-too-long' | 'unavailable' | 'other';

/** A failure of the transport or of Airflow, told apart by kind (the message is for the user). */
export class AirflowError extends Error {
  constructor(
    readonly kind: AirflowErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface AirflowTransport {
  version: ApiVersion;
  /** Where the calls go, for messages (`MWAA card-prod`, `https://airflow.example.com`). */
  describe: string;
  /** The longest path the transport can call (InvokeRestApi's Path is at most 64 characters); undefined: no limit. */
  maxPathChars?: number;
  call(method: 'GET' | 'POST', path: string, query?: Record<string, string>, body?: unknown): Promise<AirflowReply>;
}

// Airflow's `maximum_page_limit` defaults to 100: a larger limit is cut to it ("Configuration Reference", [api] maximum_page_limit,
// https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html#maximum-page-limit).
export const MAX_PAGE = 100;

/** The error a non-2xx reply of Airflow stands for. */
export function replyError(reply: AirflowReply, what: string): AirflowError {
  const b = (reply.body ?? {}) as { detail?: unknown; title?: unknown };
  const detail = typeof b.detail === 'string' ? b.detail : typeof b.title === 'string' ? b.title : '';
  const kind: AirflowErrorKind =
    reply.status === 401
      ? 'expired'
      : reply.status === 403
        ? 'auth'
        : reply.status === 404
          ? 'not-found'
          : reply.status === 413
            ? 'too-large'
            : reply.status === 504
              ? 'timeout'
              : reply.status >= 500
                ? 'unavailable'
                : 'other';
  if (kind === 'expired') return new AirflowError(kind, l10n.t('Airflow refused the credentials for {0} (HTTP 401): the token expired or the user and password are wrong.', what));
  return new AirflowError(kind, l10n.t('Airflow answered HTTP {0} for {1}{2}', String(reply.status), what, detail ? `: ${detail.slice(0, 300)}` : '.'));
}

/** Checks that a path fits the transport, else says why it cannot be called. */
export function fits(api: AirflowTransport, path: string): boolean {
  return api.maxPathChars === undefined || path.length <= api.maxPathChars;
}

export function pathTooLong(api: AirflowTransport, path: string): AirflowError {
  return new AirflowError(
    'path-too-long',
    l10n.t('{0} cannot call {1}: InvokeRestApi takes a path of at most {2} characters.', api.describe, path.length > 70 ? `${path.slice(0, 67)}…` : path, String(api.maxPathChars)),
  );
}

/**
 * Every item of a batch list endpoint (`POST …/list` with `page_offset`/`page_limit` in the body), up
 * to `want`. A page refused as too large (InvokeRestApi's 6 MB) or too slow (its 10 seconds) is asked
 * again at half the size, down to one item.
 */
export async function listAll<T>(api: AirflowTransport, path: string, body: Record<string, unknown>, key: string, want = Number.POSITIVE_INFINITY): Promise<{ items: T[]; total: number }> {
  if (!fits(api, path)) throw pathTooLong(api, path);
  const items: T[] = [];
  let total = Number.POSITIVE_INFINITY;
  let limit = MAX_PAGE;
  while (items.length < Math.min(want, total)) {
    const pageLimit = Math.min(limit, want - items.length);
    let reply: AirflowReply;
    try {
      reply = await api.call('POST', path, undefined, { ...body, page_offset: items.length, page_limit: pageLimit });
    } catch (e) {
      if (e instanceof AirflowError && (e.kind === 'too-large' || e.kind === 'timeout') && pageLimit > 1) {
        limit = Math.max(1, Math.floor(pageLimit / 2));
        continue;
      }
      throw e;
    }
    if ((reply.status === 413 || reply.status === 504) && pageLimit > 1) {
      limit = Math.max(1, Math.floor(pageLimit / 2));
      continue;
    }
    if (reply.status < 200 || reply.status >= 300) throw replyError(reply, path);
    const page = reply.body as Record<string, unknown>;
    const got = Array.isArray(page[key]) ? (page[key] as T[]) : [];
    total = typeof page.total_entries === 'number' ? page.total_entries : items.length + got.length;
    items.push(...got);
    // An empty page before total_entries (rows deleted meanwhile) ends the list instead of looping.
    if (!got.length) break;
  }
  return { items: items.slice(0, want), total: Number.isFinite(total) ? total : items.length };
}
