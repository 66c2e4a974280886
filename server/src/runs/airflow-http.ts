/**
 * An Airflow webserver called directly. Airflow 2's stable API (`/api/v1`) with basic auth
 * (TABLESPEC_AIRFLOW_USER / TABLESPEC_AIRFLOW_PASSWORD) or a bearer token (TABLESPEC_AIRFLOW_TOKEN);
 * Airflow 3's (`/api/v2`) with a JWT: TABLESPEC_AIRFLOW_TOKEN, or one asked from `POST /auth/token`
 * with the user and password, asked again once when Airflow says it expired (401).
 * Credentials come from the environment only, never from the workspace, and are never printed.
 */
import * as l10n from '@vscode/l10n';
import { AirflowError, type AirflowReply, type AirflowTransport, type ApiVersion } from './airflow-api';

export interface HttpAuth {
  user?: string;
  password?: string;
  token?: string;
}

/** The credentials in the process environment. */
export function authFromEnv(env: NodeJS.ProcessEnv = process.env): HttpAuth {
  const auth: HttpAuth = {};
  if (env.TABLESPEC_AIRFLOW_USER) auth.user = env.TABLESPEC_AIRFLOW_USER;
  if (env.TABLESPEC_AIRFLOW_PASSWORD) auth.password = env.TABLESPEC_AIRFLOW_PASSWORD;
  if (env.TABLESPEC_AIRFLOW_TOKEN) auth.token = env.TABLESPEC_AIRFLOW_TOKEN;
  return auth;
}

const TIMEOUT_MS = 30_000;

async function send(url: string, init: RequestInit): Promise<AirflowReply> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'TimeoutError') throw new AirflowError('timeout', l10n.t('Airflow did not answer within {0} seconds.', String(TIMEOUT_MS / 1000)));
    throw new AirflowError('unavailable', l10n.t('Cannot reach Airflow at {0}: {1}', new URL(url).origin, (e as Error).message));
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page: kept as text, the status says what happened.
  }
  return { status: res.status, body };
}

export function httpTransport(baseUrl: string, version: ApiVersion, auth: HttpAuth): AirflowTransport {
  const root = `${baseUrl.replace(/\/+$/, '')}/api/${version}`;
  let token = auth.token;
  const canLogin = version === 'v2' && auth.user !== undefined && auth.password !== undefined;

  async function login(): Promise<string> {
    const reply = await send(`${baseUrl.replace(/\/+$/, '')}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: auth.user, password: auth.password }),
    });
    const t = (reply.body as { access_token?: unknown } | undefined)?.access_token;
    if (reply.status >= 300 || typeof t !== 'string') throw new AirflowError('auth', l10n.t('Airflow refused a token for the user in TABLESPEC_AIRFLOW_USER (HTTP {0}).', String(reply.status)));
    return t;
  }

  async function authorization(): Promise<string | undefined> {
    if (version === 'v1' && !token && auth.user !== undefined && auth.password !== undefined) return `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
    if (!token && canLogin) token = await login();
    return token ? `Bearer ${token}` : undefined;
  }

  return {
    version,
    describe: baseUrl,
    async call(method, path, query, body) {
      const url = `${root}${path}${query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
      const attempt = async () => {
        const a = await authorization();
        return send(url, {
          method,
          headers: { accept: 'application/json', ...(a ? { authorization: a } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      };
      let reply = await attempt();
      // An Airflow 3 token lives as long as [api_auth] jwt_expiration_time: a new one is asked once.
      if (reply.status === 401 && canLogin) {
        token = undefined;
        reply = await attempt();
      }
      if (reply.status === 401) {
        throw new AirflowError(
          'expired',
          token
            ? l10n.t('Airflow refused the token (HTTP 401): it expired; set a new one in TABLESPEC_AIRFLOW_TOKEN, or set TABLESPEC_AIRFLOW_USER and TABLESPEC_AIRFLOW_PASSWORD.')
            : l10n.t('Airflow refused the credentials (HTTP 401): set TABLESPEC_AIRFLOW_USER and TABLESPEC_AIRFLOW_PASSWORD, or TABLESPEC_AIRFLOW_TOKEN.'),
        );
      }
      return reply;
    },
  };
}
