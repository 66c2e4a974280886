/**
 * `tablespec runs`: recent DAG runs and task states through MWAA's InvokeRestApi (signed requests to the
 * emulator's /restapi/{Name}) and through an Airflow webserver (v1 basic auth, v2 JWT), paging, the 6 MB
 * cap and the 10-second limit answered by smaller pages, the 64-character Path limit, expired credentials.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator';
import { useEmulator } from '../helpers/aws-emulator/client';
import { tableRuns } from '../../server/src/ops/table-runs';
import { type AirflowError, listAll } from '../../server/src/runs/airflow-api';
import { openRunClients } from '../../server/src/runs/open-airflow';
import { recentRuns } from '../../server/src/runs/run-status';
import { loadSpec } from '../../server/src/ops/spec-context';
import { dagRun, runsWorkspace } from '../helpers/runs-workspace';

const TXN = 'tablespec__card_dw__card_txn';
const GRADE = 'tablespec__card_dw__cust_grade';

describe('run status', () => {
  let aws: AwsEmulator;
  let ws: ReturnType<typeof runsWorkspace>;
  let restore: () => void;
  const specs = () => [ws.path('specs/card_txn.table.yaml'), ws.path('specs/cust_grade.table.yaml')];
  const clients = (env: string) => openRunClients(loadSpec(specs()[0]!, env).environment);

  before(async () => {
    aws = await startAwsEmulator();
    ws = runsWorkspace(aws);
    restore = useEmulator(aws);
    aws.mwaa.environments.set('card-prod-airflow', aws.airflow);
    aws.airflow.users.set('ops', 'ops-password');
  });
  after(async () => {
    restore();
    ws.remove();
    await aws.stop();
  });
  beforeEach(() => {
    aws.airflow.runs.length = 0;
    aws.airflow.calls.length = 0;
    aws.airflow.slow.length = 0;
    aws.airflow.version = 'v1';
    aws.mwaa.calls.length = 0;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.TABLESPEC_AIRFLOW_USER;
    delete process.env.TABLESPEC_AIRFLOW_PASSWORD;
    delete process.env.TABLESPEC_AIRFLOW_TOKEN;
  });

  it("lists each table's newest runs and their task states through InvokeRestApi", async () => {
    for (let d = 0; d < 8; d++) aws.airflow.addRun(dagRun(TXN, d, d === 7 ? 'watch_extract' : undefined, 3));
    aws.airflow.addRun(dagRun(GRADE, 0));
    const { tables, via } = await tableRuns(specs(), 'prod', 3, await clients('prod'));
    assert.equal(via, 'MWAA card-prod-airflow');
    assert.deepEqual(
      tables.map((t) => [t.dagId, t.runs.map((r) => [r.runId, r.state])]),
      [
        [
          TXN,
          [
            ['scheduled__2026-11-08T00:00:00+00:00', 'failed'],
            ['scheduled__2026-11-07T00:00:00+00:00', 'success'],
            ['scheduled__2026-11-06T00:00:00+00:00', 'success'],
          ],
        ],
        [GRADE, [['scheduled__2026-11-01T00:00:00+00:00', 'success']]],
      ],
    );
    assert.deepEqual(
      tables[0]!.runs[0]!.tasks.map((t) => [t.taskId, t.state, t.tryNumber]),
      [
        ['extract', 'success', 1],
        ['load', 'upstream_failed', 0],
        ['reconcile', 'upstream_failed', 0],
        ['watch_extract', 'failed', 3],
        ['watch_load', 'upstream_failed', 0],
        ['watch_reconcile', 'upstream_failed', 0],
      ],
    );
    // Every call went through InvokeRestApi, signed for `airflow`, on a Path of at most 64 characters.
    assert.ok(aws.mwaa.calls.length >= 4);
    assert.ok(
      aws.mwaa.calls.every((c) => c.status === 200 && c.path.length <= 64 && c.path.endsWith('/list')),
      JSON.stringify(aws.mwaa.calls),
    );
    assert.deepEqual(aws.airflow.calls[0]!.body, { dag_ids: [TXN], order_by: '-execution_date', page_offset: 0, page_limit: 3 });
  });

  it('reads every page of task instances (100 a page, total_entries)', async () => {
    for (let d = 0; d < 100; d++) aws.airflow.addRun(dagRun(TXN, d));
    const { airflow } = await clients('prod');
    const runs = await recentRuns(airflow, TXN, 100);
    assert.equal(runs.length, 100);
    assert.ok(runs.every((r) => r.tasks.length === 6));
    const pages = aws.airflow.calls
      .filter((c) => c.path === '/dags/~/dagRuns/~/taskInstances/list')
      .map((c) => [(c.body as { page_offset: number }).page_offset, (c.body as { page_limit: number }).page_limit]);
    assert.deepEqual(pages, [
      [0, 100],
      [100, 100],
      [200, 100],
      [300, 100],
      [400, 100],
      [500, 100],
    ]);
  });

  it("asks again with half the page when an answer would pass InvokeRestApi's 6 MB", async () => {
    // Each run carries 100 KB of conf: 100 runs are about 10 MB, 50 about 5 MB.
    for (let d = 0; d < 100; d++) aws.airflow.addRun({ ...dagRun(GRADE, d), conf: { note: 'x'.repeat(100_000) } });
    const { airflow } = await clients('prod');
    const { items, total } = await listAll(airflow, '/dags/~/dagRuns/list', { dag_ids: [GRADE] }, 'dag_runs');
    assert.equal(items.length, 100);
    assert.equal(total, 100);
    assert.deepEqual(
      aws.mwaa.calls.map((c) => [c.path, c.error ?? c.status]),
      [
        ['/dags/~/dagRuns/list', 'ValidationException'],
        ['/dags/~/dagRuns/list', 200],
        ['/dags/~/dagRuns/list', 200],
      ],
    );
    // Airflow answered the 100 (about 10 MB); MWAA refused to hand it on.
    assert.deepEqual(
      aws.airflow.calls.map((c) => (c.body as { page_limit: number }).page_limit),
      [100, 50, 50],
    );
  });

  it("asks again with half the page when Airflow takes longer than InvokeRestApi's 10 seconds", async () => {
    for (let d = 0; d < 30; d++) aws.airflow.addRun(dagRun(GRADE, d));
    aws.airflow.slow.push({ path: /dagRuns\/list$/, seconds: (b) => Number(b.page_limit) * 0.5 });
    const { airflow } = await clients('prod');
    const { items } = await listAll(airflow, '/dags/~/dagRuns/list', { dag_ids: [GRADE] }, 'dag_runs');
    assert.equal(items.length, 30);
    // 100 → 50 s, 50 → 25 s, 25 → 12.5 s: refused; 12 → 6 s answered, three pages.
    assert.deepEqual(
      aws.mwaa.calls.map((c) => c.error ?? c.status),
      ['RestApiServerException', 'RestApiServerException', 'RestApiServerException', 200, 200, 200],
    );
  });

  it('never sends InvokeRestApi a Path over 64 characters, and the service refuses one', async () => {
    const { airflow } = await clients('prod');
    const long = `/dags/${TXN}/dagRuns/scheduled__2026-11-08T00:00:00+00:00/taskInstances`;
    await assert.rejects(listAll(airflow, long, {}, 'task_instances'), (e: AirflowError) => e.kind === 'path-too-long');
    assert.equal(aws.mwaa.calls.length, 0);
    await assert.rejects(airflow.call('GET', long), (e: AirflowError) => e.kind === 'other' && /64/.test(e.message));
    assert.deepEqual(
      aws.mwaa.calls.map((c) => c.error),
      ['ValidationException'],
    );
  });

  it('says the AWS credentials expired (ExpiredTokenException), for the whole command', async () => {
    aws.airflow.addRun(dagRun(TXN, 0));
    process.env.AWS_SESSION_TOKEN = 'session-that-expired';
    aws.mwaa.expiredSessionTokens.add('session-that-expired');
    await assert.rejects(tableRuns(specs(), 'prod', 3, await clients('prod')), (e: AirflowError) => e.kind === 'expired');
    assert.deepEqual(
      aws.mwaa.calls.map((c) => c.error),
      ['ExpiredTokenException'],
    );
  });

  it('an unknown MWAA environment is ResourceNotFoundException, told per table', async () => {
    aws.mwaa.environments.delete('card-prod-airflow');
    try {
      const { tables } = await tableRuns(specs(), 'prod', 3, await clients('prod'));
      assert.deepEqual(
        tables.map((t) => t.error !== undefined),
        [true, true],
      );
      assert.match(tables[0]!.error!, /card-prod-airflow/);
    } finally {
      aws.mwaa.environments.set('card-prod-airflow', aws.airflow);
    }
  });

  it('reads an Airflow 2 webserver directly (v1, basic auth); a wrong password is 401', async () => {
    aws.airflow.addRun(dagRun(TXN, 0, 'extract'));
    process.env.TABLESPEC_AIRFLOW_USER = 'ops';
    process.env.TABLESPEC_AIRFLOW_PASSWORD = 'ops-password';
    const { tables, via } = await tableRuns(specs(), 'web', 5, await clients('web'));
    assert.equal(via, aws.endpoint);
    assert.deepEqual(
      tables.map((t) => t.runs.map((r) => r.state)),
      [['failed'], []],
    );
    assert.ok(aws.airflow.calls.every((c) => c.via === 'http'));
    process.env.TABLESPEC_AIRFLOW_PASSWORD = 'wrong';
    await assert.rejects(tableRuns(specs(), 'web', 5, await clients('web')), (e: AirflowError) => e.kind === 'expired');
  });

  it('reads an Airflow 3 webserver (v2): a token from /auth/token, asked again once it expired', async () => {
    aws.airflow.version = 'v2';
    aws.airflow.addRun(dagRun(TXN, 0, 'load'));
    aws.airflow.addRun(dagRun(TXN, 1));
    process.env.TABLESPEC_AIRFLOW_USER = 'ops';
    process.env.TABLESPEC_AIRFLOW_PASSWORD = 'ops-password';
    const { airflow } = await clients('web3');
    const first = await recentRuns(airflow, TXN, 5);
    assert.deepEqual(
      first.map((r) => r.state),
      ['success', 'failed'],
    );
    assert.equal(aws.airflow.calls[0]!.path, '/dags/~/dagRuns/list');
    assert.equal((aws.airflow.calls[0]!.body as { order_by: string }).order_by, '-run_after');
    const issued = aws.airflow.tokens.size;
    aws.airflow.expireTokens();
    const second = await recentRuns(airflow, TXN, 5);
    assert.deepEqual(
      second.map((r) => r.state),
      ['success', 'failed'],
    );
    assert.equal(aws.airflow.tokens.size, issued + 1);
  });

  it('an expired token given in TABLESPEC_AIRFLOW_TOKEN (no user to ask a new one) is said so', async () => {
    aws.airflow.version = 'v2';
    aws.airflow.addRun(dagRun(TXN, 0));
    process.env.TABLESPEC_AIRFLOW_TOKEN = aws.airflow.issueToken('ops');
    aws.airflow.expireTokens();
    const { airflow } = await clients('web3');
    await assert.rejects(recentRuns(airflow, TXN, 5), (e: AirflowError) => e.kind === 'expired' && /TABLESPEC_AIRFLOW_TOKEN/.test(e.message));
  });

  it('v1 refuses an order_by of Airflow 3 (run_after) with 400', async () => {
    process.env.TABLESPEC_AIRFLOW_USER = 'ops';
    process.env.TABLESPEC_AIRFLOW_PASSWORD = 'ops-password';
    const { airflow } = await clients('web');
    const reply = await airflow.call('POST', '/dags/~/dagRuns/list', undefined, { order_by: '-run_after' });
    assert.equal(reply.status, 400);
  });

  it('an environment without airflow: is refused with the key to add', async () => {
    await assert.rejects(clients('bare'), /`airflow:` block/);
  });
});
