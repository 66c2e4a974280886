/**
 * An Airflow webserver in memory: DAG runs, task instances with their tries' logs and XComs, served as
 * Airflow 2's stable REST API (`/api/v1`, basic auth, connexion's problem+json errors) or Airflow 3's
 * (`/api/v2`, a JWT from `POST /auth/token`, FastAPI's `{detail}` errors), and to MWAA's InvokeRestApi
 * (mwaa.ts) without the webserver's own auth. Rules, from the API references
 * ("Airflow REST API" 2.10, https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html;
 * Airflow 3, https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html):
 * - lists page with limit/offset (GET) or page_limit/page_offset (batch POST …/list) and answer total_entries;
 *   a limit over [api] maximum_page_limit (100) is cut to it ("Configuration Reference",
 *   https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html#maximum-page-limit);
 * - order_by names a field of the version's model (execution_date in v1, run_after / logical_date in v2), else 400;
 * - task logs with full_content=false come in chunks with a signed continuation token; a token not
 *   issued by the server is 400 ("Bad Signature. Please use only the tokens provided by the API.");
 *   v1 content is text, v2 content a list of structured messages {timestamp, event};
 * - an XCom value is a string (Python's repr) in v1, the JSON value in v2;
 * - a JWT past its expiry is 401.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface FakeTask {
  taskId: string;
  state: string | null;
  /** The log text of each try (index 0 is try 1). */
  tries: string[];
  xcom?: Record<string, unknown>;
  startDate?: string;
  endDate?: string;
}

export interface FakeRun {
  dagId: string;
  runId: string;
  state: string;
  logicalDate: string;
  startDate?: string;
  endDate?: string;
  /** A run's conf comes back with it (a large one makes a large page). */
  conf?: Record<string, unknown>;
  tasks: FakeTask[];
}

export interface AirflowReplyFake {
  status: number;
  body: unknown;
}

export const MAXIMUM_PAGE_LIMIT = 100;

export class AirflowStore {
  version: 'v1' | 'v2' = 'v1';
  readonly runs: FakeRun[] = [];
  readonly users = new Map<string, string>();
  /** Issued JWTs and whether they still hold. */
  readonly tokens = new Map<string, boolean>();
  /** Lines per chunk of a task log read with full_content=false. */
  logChunkLines = 200;
  /** Seconds the webserver takes to answer a path (InvokeRestApi ends calls past 10 s). */
  readonly slow: { path: RegExp; seconds: number | ((body: Record<string, unknown>) => number) }[] = [];
  readonly calls: { method: string; path: string; query: Record<string, string>; body: unknown; via: 'http' | 'mwaa' }[] = [];
  private readonly secret = randomBytes(16);

  addRun(run: FakeRun): FakeRun {
    this.runs.push(run);
    return run;
  }

  /** Every token issued so far stops holding (as after [api_auth] jwt_expiration_time). */
  expireTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, false);
  }

  issueToken(user: string): string {
    const t = `${Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: user, n: this.tokens.size })).toString('base64url')}.${randomBytes(8).toString('base64url')}`;
    this.tokens.set(t, true);
    return t;
  }

  sign(data: object): string {
    const payload = Buffer.from(JSON.stringify(data)).toString('base64url');
    return `${payload}.${createHmac('sha256', this.secret).update(payload).digest('base64url')}`;
  }

  unsign(token: string): Record<string, unknown> | undefined {
    const [payload, sig] = token.split('.');
    if (!payload || !sig || createHmac('sha256', this.secret).update(payload).digest('base64url') !== sig) return undefined;
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  }
}

const problem = (version: 'v1' | 'v2', status: number, title: string, detail: string): AirflowReplyFake =>
  version === 'v1'
    ? { status, body: { type: `https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/${title.replace(/\s/g, '')}`, title, status, detail } }
    : { status, body: { detail } };

const runJson = (version: 'v1' | 'v2', r: FakeRun) =>
  version === 'v1'
    ? {
        dag_run_id: r.runId,
        dag_id: r.dagId,
        execution_date: r.logicalDate,
        logical_date: r.logicalDate,
        start_date: r.startDate ?? null,
        end_date: r.endDate ?? null,
        state: r.state,
        run_type: r.runId.split('__')[0],
        conf: r.conf ?? {},
        external_trigger: r.runId.startsWith('manual'),
      }
    : {
        dag_run_id: r.runId,
        dag_id: r.dagId,
        logical_date: r.logicalDate,
        run_after: r.logicalDate,
        start_date: r.startDate ?? null,
        end_date: r.endDate ?? null,
        state: r.state,
        run_type: r.runId.split('__')[0],
        conf: r.conf ?? {},
      };

const tiJson = (version: 'v1' | 'v2', r: FakeRun, t: FakeTask) => ({
  ...(version === 'v2' ? { id: `${r.dagId}.${r.runId}.${t.taskId}` } : {}),
  task_id: t.taskId,
  dag_id: r.dagId,
  dag_run_id: r.runId,
  ...(version === 'v1' ? { execution_date: r.logicalDate } : { logical_date: r.logicalDate }),
  start_date: t.startDate ?? null,
  end_date: t.endDate ?? null,
  state: t.state,
  try_number: t.tries.length,
  map_index: -1,
  operator: t.taskId.startsWith('watch_') ? 'EmrStepSensor' : 'EmrAddStepsOperator',
  pool: 'default_pool',
});

// Python's repr of a JSON value, as the v1 XCom endpoint returns a value (str(value)).
function pyRepr(v: unknown): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as object)
      .map(([k, x]) => `'${k}': ${pyRepr(x)}`)
      .join(', ')}}`;
  return String(v);
}

function page(query: { limit?: unknown; offset?: unknown }, defaultLimit: number): { limit: number; offset: number } | string {
  const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
  const offset = query.offset === undefined ? 0 : Number(query.offset);
  if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0) return 'limit and offset must be non-negative integers';
  return { limit: Math.min(limit, MAXIMUM_PAGE_LIMIT), offset };
}

function ordered(store: AirflowStore, runs: FakeRun[], orderBy: unknown): FakeRun[] | string {
  if (orderBy === undefined) return runs;
  const desc = String(orderBy).startsWith('-');
  const field = String(orderBy).replace(/^-/, '');
  const fields =
    store.version === 'v1' ? ['execution_date', 'start_date', 'end_date', 'dag_run_id', 'state', 'id'] : ['run_after', 'logical_date', 'start_date', 'end_date', 'run_id', 'dag_run_id', 'state', 'id'];
  if (!fields.includes(field)) return `Ordering with '${field}' is disallowed or the attribute does not exist on the model`;
  const key = (r: FakeRun) =>
    field === 'start_date' ? (r.startDate ?? '') : field === 'end_date' ? (r.endDate ?? '') : field === 'state' ? r.state : field.includes('run_id') || field === 'id' ? r.runId : r.logicalDate;
  return [...runs].sort((a, b) => (desc ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b))));
}

/** Answers one API call (path relative to /api/vN), auth already checked. */
export function airflowRoute(store: AirflowStore, method: string, path: string, query: Record<string, string>, body: unknown): AirflowReplyFake {
  const v = store.version;
  const seg = path.split('/').slice(1).map(decodeURIComponent);
  const b = (body ?? {}) as Record<string, unknown>;
  const findRun = (dagId: string, runId: string) => store.runs.find((r) => r.dagId === dagId && r.runId === runId);
  // POST /dags/~/dagRuns/list
  if (method === 'POST' && path === '/dags/~/dagRuns/list') {
    const p = page({ limit: b.page_limit, offset: b.page_offset }, MAXIMUM_PAGE_LIMIT);
    if (typeof p === 'string') return problem(v, 400, 'Bad Request', p);
    const allowed = [
      'dag_ids',
      'states',
      'order_by',
      'page_limit',
      'page_offset',
      'execution_date_gte',
      'execution_date_lte',
      'start_date_gte',
      'start_date_lte',
      'end_date_gte',
      'end_date_lte',
      'logical_date_gte',
      'logical_date_lte',
      'run_after_gte',
      'run_after_lte',
    ];
    const extra = Object.keys(b).filter((k) => !allowed.includes(k));
    if (extra.length) return problem(v, 400, 'Bad Request', `Additional properties are not allowed ('${extra.join("', '")}' were unexpected)`);
    let runs = store.runs.filter((r) => !Array.isArray(b.dag_ids) || (b.dag_ids as string[]).includes(r.dagId));
    const o = ordered(store, runs, b.order_by);
    if (typeof o === 'string') return problem(v, 400, 'Bad Request', o);
    runs = o;
    return { status: 200, body: { dag_runs: runs.slice(p.offset, p.offset + p.limit).map((r) => runJson(v, r)), total_entries: runs.length } };
  }
  // POST /dags/~/dagRuns/~/taskInstances/list
  if (method === 'POST' && path === '/dags/~/dagRuns/~/taskInstances/list') {
    const p = page({ limit: b.page_limit, offset: b.page_offset }, MAXIMUM_PAGE_LIMIT);
    if (typeof p === 'string') return problem(v, 400, 'Bad Request', p);
    const tis = store.runs
      .filter((r) => (!Array.isArray(b.dag_ids) || (b.dag_ids as string[]).includes(r.dagId)) && (!Array.isArray(b.dag_run_ids) || (b.dag_run_ids as string[]).includes(r.runId)))
      .flatMap((r) => r.tasks.filter((t) => !Array.isArray(b.state) || (b.state as string[]).includes(t.state ?? 'none')).map((t) => tiJson(v, r, t)));
    return { status: 200, body: { task_instances: tis.slice(p.offset, p.offset + p.limit), total_entries: tis.length } };
  }
  // GET /dags/{dag_id}/dagRuns
  if (method === 'GET' && seg[0] === 'dags' && seg[2] === 'dagRuns' && seg.length === 3) {
    const p = page(query, v === 'v1' ? 100 : 50);
    if (typeof p === 'string') return problem(v, 400, 'Bad Request', p);
    const o = ordered(
      store,
      store.runs.filter((r) => r.dagId === seg[1]),
      query.order_by,
    );
    if (typeof o === 'string') return problem(v, 400, 'Bad Request', o);
    return { status: 200, body: { dag_runs: o.slice(p.offset, p.offset + p.limit).map((r) => runJson(v, r)), total_entries: o.length } };
  }
  if (method === 'GET' && seg[0] === 'dags' && seg[2] === 'dagRuns' && seg[4] === 'taskInstances') {
    const run = findRun(seg[1]!, seg[3]!);
    if (!run) return problem(v, 404, 'Not Found', `DAGRun with DAG ID: '${seg[1]}' and DagRun ID: '${seg[3]}' not found`);
    if (seg.length === 5) {
      const p = page(query, v === 'v1' ? 100 : 50);
      if (typeof p === 'string') return problem(v, 400, 'Bad Request', p);
      return { status: 200, body: { task_instances: run.tasks.slice(p.offset, p.offset + p.limit).map((t) => tiJson(v, run, t)), total_entries: run.tasks.length } };
    }
    const task = run.tasks.find((t) => t.taskId === seg[5]);
    if (!task) return problem(v, 404, 'Not Found', 'Task instance not found');
    if (seg[6] === 'logs' && seg.length === 8) {
      const tryNo = Number(seg[7]);
      if (!Number.isInteger(tryNo) || tryNo < 1 || tryNo > task.tries.length) return problem(v, 404, 'Not Found', 'TaskInstance not found');
      const lines = task.tries[tryNo - 1]!.split('\n');
      let pos = 0;
      if (query.token !== undefined) {
        const meta = store.unsign(query.token);
        if (!meta) return problem(v, 400, 'Bad Request', 'Bad Signature. Please use only the tokens provided by the API.');
        pos = Number(meta.log_pos ?? 0);
      }
      const full = query.full_content === 'true';
      const end = full ? lines.length : Math.min(lines.length, pos + store.logChunkLines);
      const chunk = lines.slice(pos, end);
      const token = store.sign({ log_pos: end, end_of_log: end >= lines.length });
      const content = v === 'v1' ? chunk.join('\n') + (chunk.length && end < lines.length ? '\n' : '') : chunk.map((event, i) => ({ timestamp: null, event, line: pos + i + 1 }));
      return { status: 200, body: { content, continuation_token: token } };
    }
    if (seg[6] === 'xcomEntries' && seg.length === 8) {
      const key = seg[7]!;
      if (!task.xcom || !(key in task.xcom)) return problem(v, 404, 'Not Found', `XCom entry not found`);
      const value = task.xcom[key];
      return { status: 200, body: { key, task_id: task.taskId, dag_id: run.dagId, map_index: -1, timestamp: run.startDate ?? run.logicalDate, value: v === 'v1' ? pyRepr(value) : value } };
    }
  }
  return problem(v, 404, 'Not Found', `The requested URL was not found on the server: ${path}`);
}

/** The webserver's own HTTP face: `/api/vN/…` with its auth, and `/auth/token` (Airflow 3). */
export function airflowHttp(store: AirflowStore, method: string, url: URL, headers: Record<string, string | string[] | undefined>, raw: Buffer): AirflowReplyFake | undefined {
  const v = store.version;
  if (url.pathname === '/auth/token' && method === 'POST') {
    if (v !== 'v2') return { status: 404, body: { detail: 'Not Found' } };
    const b = JSON.parse(raw.toString('utf8') || '{}') as { username?: string; password?: string };
    if (!b.username || store.users.get(b.username) !== b.password) return { status: 401, body: { detail: 'Invalid credentials' } };
    return { status: 201, body: { access_token: store.issueToken(b.username) } };
  }
  const m = /^\/api\/(v1|v2)(\/.*)$/.exec(url.pathname);
  if (!m) return undefined;
  if (m[1] !== v) return { status: 404, body: v === 'v1' ? { title: 'Not Found', status: 404 } : { detail: 'Not Found' } };
  const auth = String(headers.authorization ?? '');
  if (v === 'v1') {
    const basic = /^Basic (.+)$/.exec(auth);
    const [user, password] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(/:(.*)/s) : [];
    if (!user || store.users.get(user) !== password) return problem(v, 401, 'Unauthorized', 'Unauthorized');
  } else {
    const bearer = /^Bearer (.+)$/.exec(auth);
    if (!bearer) return { status: 401, body: { detail: 'Not authenticated' } };
    if (store.tokens.get(bearer[1]!) !== true) return { status: 401, body: { detail: 'Invalid JWT token' } };
  }
  const query = Object.fromEntries(url.searchParams);
  let body: unknown;
  try {
    body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    return problem(v, 400, 'Bad Request', 'Request body is not valid JSON');
  }
  store.calls.push({ method, path: m[2]!, query, body, via: 'http' });
  return airflowRoute(store, method, m[2]!, query, body);
}
