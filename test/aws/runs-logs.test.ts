/**
 * Why a production run failed: every try's task log by continuation token (Airflow v1 text, v2
 * structured), the EMR cluster and step from the log, the XCom or the step name, the step's
 * FailureDetails, the step and container logs from the cluster's S3 log URI (gzipped), logs not uploaded
 * yet, and the Markdown report recorded in the history; all through the real SDK and HTTP clients
 * against the emulator.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator';
import { useEmulator } from '../helpers/aws-emulator/client';
import { dagRun, runsWorkspace } from '../helpers/runs-workspace';
import { diagnoseTables, tableRuns } from '../../server/src/ops/table-runs';
import { causes, diagnoseFailedTask } from '../../server/src/runs/failed-task';
import { openRunClients } from '../../server/src/runs/open-airflow';
import { loadSpec } from '../../server/src/ops/spec-context';
import { readHistory } from '../../server/src/ops/history';

const TXN = 'tablespec__card_dw__card_txn';
const RUN = 'scheduled__2026-11-08T00:00:00+00:00';
const CLUSTER = 'j-3KLMNOPQR5678';
const STEP = 's-2ABCDEFGH1234';
const APP = 'application_1709604000000_0042';
const logs = join(__dirname, '..', 'fixtures', 'logs');
const fixture = (name: string) => readFileSync(join(logs, name), 'utf8');
const LOG_URI = 's3://aws-logs-card/elasticmapreduce/';
const cli = join(__dirname, '..', '..', 'server', 'out', 'cli.js');

describe('runs: logs of a failed task', () => {
  let aws: AwsEmulator;
  let ws: ReturnType<typeof runsWorkspace>;
  let restore: () => void;
  const clients = (env: string) => openRunClients(loadSpec(ws.path('specs/card_txn.table.yaml'), env).environment);
  const failed = { database: 'card_dw', table: 'card_txn', dagId: TXN, runId: RUN, taskId: 'watch_extract', tryNumber: 2 };

  function seedEmr(endedSecondsAgo: number, withLogs: boolean) {
    aws.emr.clusters.clear();
    aws.emr.cluster({ Id: CLUSTER, Name: 'card-etl-prod', State: 'WAITING', LogUri: 's3n://aws-logs-card/elasticmapreduce/' });
    aws.emr.step(CLUSTER, {
      Id: STEP,
      Name: 'card_dw.card_txn extract',
      State: 'FAILED',
      ended: Date.now() / 1000 - endedSecondsAgo,
      FailureDetails: {
        Reason: 'Unknown Error',
        Message: 'Caused by: java.sql.SQLException: ORA-01555: snapshot too old: rollback segment number 14 with name "_SYSSMU14_2841730361$" too small (jdbc:oracle:thin:etl/Secr3t@//db:1521/CARD)',
        LogFile: `${LOG_URI}${CLUSTER}/steps/${STEP}/stderr.gz`,
      },
    });
    aws.s3.deleteUnder('s3://aws-logs-card/');
    aws.s3.bucket('aws-logs-card');
    if (!withLogs) return;
    aws.s3.put(
      'aws-logs-card',
      `elasticmapreduce/${CLUSTER}/steps/${STEP}/controller.gz`,
      gzipSync('2026-11-08T00:00:09.000Z INFO Step created jobs: \n2026-11-08T01:42:01.000Z INFO Step failed with exitCode 1\n'),
    );
    aws.s3.put('aws-logs-card', `elasticmapreduce/${CLUSTER}/steps/${STEP}/stderr.gz`, gzipSync(fixture('sqoop-ora-01555.stderr')));
    aws.s3.put('aws-logs-card', `elasticmapreduce/${CLUSTER}/containers/${APP}/container_1709604000000_0042_01_000001/syslog.gz`, gzipSync(fixture('mr-am-split-skew.syslog')));
    aws.s3.put('aws-logs-card', `elasticmapreduce/${CLUSTER}/containers/${APP}/container_1709604000000_0042_01_000002/stderr.gz`, gzipSync(fixture('sqoop-clean.stderr')));
  }

  before(async () => {
    aws = await startAwsEmulator();
    ws = runsWorkspace(aws);
    restore = useEmulator(aws);
    aws.mwaa.environments.set('card-prod-airflow', aws.airflow);
    aws.airflow.users.set('ops', 'ops-password');
    process.env.TABLESPEC_AIRFLOW_USER = 'ops';
    process.env.TABLESPEC_AIRFLOW_PASSWORD = 'ops-password';
  });
  after(async () => {
    restore();
    ws.remove();
    await aws.stop();
  });
  beforeEach(() => {
    aws.airflow.runs.length = 0;
    aws.airflow.calls.length = 0;
    aws.airflow.version = 'v1';
    aws.airflow.logChunkLines = 200;
  });

  it('reads every try by continuation token, finds the step in the log, and classifies FailureDetails, step and container logs', async () => {
    const tryLog = fixture('airflow-watch-extract-failed.log');
    aws.airflow.addRun(dagRun(TXN, 7, 'watch_extract', 2, { watch_extract: [tryLog.replace('attempt 2', 'attempt 1'), tryLog] }));
    aws.airflow.logChunkLines = 7;
    seedEmr(3600, true);
    const incident = await diagnoseFailedTask(await clients('web'), failed);
    // 24 lines a try, 7 a chunk: four chunks, then one answer with nothing more.
    const logCalls = aws.airflow.calls.filter((c) => c.path.includes('/logs/'));
    assert.deepEqual(
      logCalls.map((c) => [c.path.split('/').pop(), c.query.full_content, c.query.token !== undefined]),
      [
        ['1', 'false', false],
        ['1', 'false', true],
        ['1', 'false', true],
        ['1', 'false', true],
        ['1', 'false', true],
        ['2', 'false', false],
        ['2', 'false', true],
        ['2', 'false', true],
        ['2', 'false', true],
        ['2', 'false', true],
      ],
    );
    assert.deepEqual(
      incident.logs.map((l) => [l.name, l.lines]),
      [
        ['airflow:watch_extract try 1', 24],
        ['airflow:watch_extract try 2', 24],
        ['emr:FailureDetails', 1],
        [`${LOG_URI}${CLUSTER}/steps/${STEP}/controller.gz`, 2],
        [`${LOG_URI}${CLUSTER}/steps/${STEP}/stderr.gz`, 76],
        [`${LOG_URI}${CLUSTER}/containers/${APP}/container_1709604000000_0042_01_000001/syslog.gz`, 61],
        [`${LOG_URI}${CLUSTER}/containers/${APP}/container_1709604000000_0042_01_000002/stderr.gz`, 24],
      ],
    );
    assert.deepEqual(incident.step && [incident.step.clusterId, incident.step.stepId, incident.step.state, incident.step.failure?.Reason], [CLUSTER, STEP, 'FAILED', 'Unknown Error']);
    assert.deepEqual(
      incident.findings.map((f) => [f.log.split('/').pop(), f.rule, f.evidence.map((e) => e.line)]),
      [
        ['emr:FailureDetails', 'oracle.snapshot-too-old', [1]],
        ['stderr.gz', 'oracle.snapshot-too-old', [35, 48, 56]],
        ['syslog.gz', 'sqoop.split-skew', [19, 56]],
      ],
    );
    assert.deepEqual(
      causes(incident).map((c) => c.rule),
      ['oracle.snapshot-too-old', 'sqoop.split-skew'],
    );
    assert.deepEqual(incident.notes, []);
    assert.deepEqual(incident.pending, []);
  });

  it('says the step logs are not there yet when the step ended less than five minutes ago', async () => {
    aws.airflow.addRun(dagRun(TXN, 7, 'watch_extract', 2, { watch_extract: ['x', fixture('airflow-watch-extract-failed.log')] }));
    seedEmr(120, false);
    const incident = await diagnoseFailedTask(await clients('web'), failed);
    assert.deepEqual(incident.pending, [`${LOG_URI}${CLUSTER}/steps/${STEP}/`]);
    assert.equal(incident.notes.length, 1);
    // FailureDetails is there at once, and already names the cause.
    assert.deepEqual(
      causes(incident).map((c) => [c.log, c.rule]),
      [['emr:FailureDetails', 'oracle.snapshot-too-old']],
    );
    seedEmr(900, false);
    const later = await diagnoseFailedTask(await clients('web'), failed);
    assert.deepEqual(later.pending, []);
    assert.equal(later.notes.length, 1);
  });

  it('on Airflow 3, reads structured log messages and finds the step in the XCom when the log names none', async () => {
    aws.airflow.version = 'v2';
    aws.airflow.addRun(
      dagRun(
        TXN,
        7,
        'watch_extract',
        1,
        { watch_extract: ['INFO - sensor started\nERROR - Task failed with exception\nHIVE_BAD_DATA: not here, just a line\n'] },
        { extract: { job_flow_id: CLUSTER, return_value: [STEP] } },
      ),
    );
    seedEmr(3600, true);
    const incident = await diagnoseFailedTask(await clients('web3'), { ...failed, tryNumber: 1 });
    assert.deepEqual(incident.logs[0], { name: 'airflow:watch_extract try 1', lines: 3, diagnoses: incident.logs[0]!.diagnoses });
    assert.deepEqual(incident.findings[0] && [incident.findings[0].rule, incident.findings[0].evidence[0]!.line], ['athena.hive-bad-data', 3]);
    assert.equal(incident.step?.stepId, STEP);
    assert.deepEqual(
      aws.airflow.calls.filter((c) => c.path.includes('xcomEntries')).map((c) => c.path.split('/').pop()),
      ['job_flow_id', 'return_value'],
    );
  });

  it('through MWAA, where log and XCom paths pass 64 characters, finds the step by name (ListClusters, ListSteps paged)', async () => {
    aws.airflow.addRun(dagRun(TXN, 7, 'watch_extract', 2));
    seedEmr(3600, true);
    // 60 newer steps of other tables: the one wanted is on ListSteps' second page.
    for (let n = 0; n < 60; n++) aws.emr.step(CLUSTER, { Id: `s-OTHER${String(n).padStart(8, '0')}`, Name: `card_dw.t${n} extract`, State: 'COMPLETED' });
    const incident = await diagnoseFailedTask(await clients('prod'), failed);
    assert.equal(aws.mwaa.calls.length, 0);
    assert.equal(incident.notes.length, 4);
    assert.equal(incident.step?.stepId, STEP);
    assert.equal(aws.count('ElasticMapReduce.ListSteps'), 2);
    assert.deepEqual(
      causes(incident).map((c) => c.rule),
      ['oracle.snapshot-too-old', 'sqoop.split-skew'],
    );
  });

  it('writes one Markdown report per failed task and records it in the history', async () => {
    aws.airflow.addRun(dagRun(TXN, 6));
    aws.airflow.addRun(dagRun(TXN, 7, 'watch_extract', 2, { watch_extract: ['a', fixture('airflow-watch-extract-failed.log')] }));
    seedEmr(3600, true);
    const c = await clients('web');
    const files = [ws.path('specs/card_txn.table.yaml'), ws.path('specs/cust_grade.table.yaml')];
    const { tables, via } = await tableRuns(files, 'web', 5, c);
    const folder = ws.path('reports');
    await diagnoseTables('web', tables, via, c, { folder, changed: 'split_by changed to TXN_DT' });
    assert.deepEqual(
      tables.map((t) => (t.reports ?? []).map((r) => r.slice(folder.length + 1))),
      [[`${TXN}__scheduled__2026-11-08T00_00_00_00_00__watch_extract.md`], []],
    );
    const md = readFileSync(tables[0]!.reports![0]!, 'utf8');
    assert.match(md, /^# Failed ingest: card\\_dw\.card\\_txn$/m);
    assert.match(md, /^\*\*`oracle\.snapshot-too-old`\*\*: /m);
    assert.ok(md.includes(`- \`oracle.snapshot-too-old\` \`${LOG_URI}${CLUSTER}/steps/${STEP}/stderr.gz:35\`: \``), md);
    assert.ok(md.includes('(spec fields: `source.extract.split_by`, `source.extract.parallelism`)'), md);
    assert.ok(md.includes('split\\_by changed to TXN\\_DT'));
    // FailureDetails quotes a JDBC URL with its password: masked in the report.
    assert.ok(md.includes('jdbc:oracle:thin:etl/****@//db:1521/CARD') && !md.includes('Secr3t'), md);
    const history = readHistory(ws.root).filter((h) => h.operation === 'incident');
    assert.equal(history.length, 1);
    assert.deepEqual([history[0]!.table, history[0]!.environment, history[0]!.result, history[0]!.changes], ['card_dw.card_txn', 'web', 'failed', ['split_by changed to TXN_DT']]);
    assert.deepEqual(history[0]!.detail, {
      dagId: TXN,
      runId: RUN,
      taskId: 'watch_extract',
      tries: 2,
      rules: ['oracle.snapshot-too-old', 'sqoop.split-skew'],
      fields: ['source.extract.split_by', 'source.extract.parallelism'],
      evidence: [
        { rule: 'oracle.snapshot-too-old', log: 'emr:FailureDetails', line: 1 },
        { rule: 'sqoop.split-skew', log: `${LOG_URI}${CLUSTER}/containers/${APP}/container_1709604000000_0042_01_000001/syslog.gz`, line: 19 },
      ],
      clusterId: CLUSTER,
      stepId: STEP,
      report: `reports/${TXN}__scheduled__2026-11-08T00_00_00_00_00__watch_extract.md`,
    });
  });

  it('the built CLI: tablespec runs --logs --format json, exit 1 for a failed newest run', { skip: !require('node:fs').existsSync(cli) && 'npm run build first' }, async () => {
    aws.airflow.addRun(dagRun(TXN, 7, 'watch_extract', 2, { watch_extract: ['a', fixture('airflow-watch-extract-failed.log')] }));
    seedEmr(3600, true);
    // Not spawnSync: the emulator answers from this process.
    const r = await promisify(execFile)(process.execPath, [cli, 'runs', ws.path('specs'), '--env', 'web', '--logs', '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, TABLESPEC_LOCALE: 'en' },
    }).then(
      (x) => ({ status: 0, stdout: x.stdout, stderr: x.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ status: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { tables: { dagId: string; incidents?: { findings: { rule: string }[] }[] }[] };
    assert.deepEqual(
      out.tables.map((t) => [t.dagId, (t.incidents ?? []).map((i) => i.findings.map((f) => f.rule))]),
      [
        [TXN, [['oracle.snapshot-too-old', 'oracle.snapshot-too-old', 'sqoop.split-skew']]],
        ['tablespec__card_dw__cust_grade', []],
      ],
    );
  });

  it("a table in a group DAG: its own task group's tasks and state, the XCom of its own adding task", async () => {
    const grouped = runsWorkspace(aws, 'dag_groups:\n  card_daily: [card_txn, cust_grade]\n');
    try {
      const GROUP = 'tablespec__group__card_daily';
      const txnRun = dagRun(TXN, 7, 'watch_extract', 1, { watch_extract: ['INFO - sensor failed\n'] }, { extract: { job_flow_id: CLUSTER, return_value: [STEP] } });
      const gradeRun = dagRun('tablespec__card_dw__cust_grade', 7);
      const prefixed = (prefix: string, tasks: typeof txnRun.tasks) => tasks.map((t) => ({ ...t, taskId: `${prefix}.${t.taskId}` }));
      aws.airflow.addRun({ ...txnRun, dagId: GROUP, tasks: [...prefixed('card_dw__card_txn', txnRun.tasks), ...prefixed('card_dw__cust_grade', gradeRun.tasks)] });
      seedEmr(3600, true);
      const c = await openRunClients(loadSpec(grouped.path('specs/card_txn.table.yaml'), 'web').environment);
      const { tables, via } = await tableRuns([grouped.path('specs/card_txn.table.yaml'), grouped.path('specs/cust_grade.table.yaml')], 'web', 5, c);
      assert.deepEqual(
        tables.map((t) => [t.dagId, t.runs.map((r) => [r.state, r.tasks.length])]),
        [
          [GROUP, [['failed', 6]]],
          [GROUP, [['success', 4]]],
        ],
      );
      assert.ok(tables[0]!.runs[0]!.tasks.every((t) => t.taskId.startsWith('card_dw__card_txn.')));
      await diagnoseTables('web', tables, via, c);
      const incident = tables[0]!.incidents![0]!;
      assert.equal(incident.taskId, 'card_dw__card_txn.watch_extract');
      assert.deepEqual(
        aws.airflow.calls.filter((x) => x.path.includes('xcomEntries')).map((x) => decodeURIComponent(x.path.split('/')[6]!)),
        ['card_dw__card_txn.extract', 'card_dw__card_txn.extract'],
      );
      assert.equal(incident.step?.stepId, STEP);
      assert.deepEqual(tables[1]!.incidents, undefined);
    } finally {
      grouped.remove();
    }
  });
});
