/**
 * What the Runs view and the DAG command ask the language server, over the real protocol, against the
 * emulator's Airflow (v1), EMR and S3: the runs with the failed task's diagnosis, the log copied to the
 * workspace with its lines where the evidence says, and the DAG files of every spec.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator';
import { useEmulator } from '../helpers/aws-emulator/client';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { commands, conforms, type CommandName } from '../../server/src/protocol';
import { dagRun, runsWorkspace } from '../helpers/runs-workspace';

const TXN = 'tablespec__card_dw__card_txn';
const CLUSTER = 'j-3KLMNOPQR5678';
const STEP = 's-2ABCDEFGH1234';
const logs = join(__dirname, '..', 'fixtures', 'logs');

describe('language server: runs and DAG commands', () => {
  let aws: AwsEmulator;
  let ws: ReturnType<typeof runsWorkspace>;
  let client: LspClient;
  let restore: () => void;
  /** Runs a command; its answer must have the shape the protocol declares (server/src/protocol/commands.ts). */
  const run = async <T>(command: CommandName, args: Record<string, unknown>) => {
    const r = await client.request<T>('workspace/executeCommand', { command, arguments: [{ uri: uriOf(ws.path('tablespec.yaml')), ...args }] });
    assert.deepEqual(conforms(r, commands[command].result), [], `${command} answers in its protocol shape`);
    return r;
  };

  before(async () => {
    aws = await startAwsEmulator();
    ws = runsWorkspace(aws);
    // The server process inherits the emulator's endpoint, its credentials and Airflow's user.
    restore = useEmulator(aws);
    process.env.TABLESPEC_AIRFLOW_USER = 'ops';
    process.env.TABLESPEC_AIRFLOW_PASSWORD = 'ops-password';
    aws.airflow.users.set('ops', 'ops-password');
    aws.airflow.addRun(dagRun(TXN, 7, 'watch_extract', 1, { watch_extract: [readFileSync(join(logs, 'airflow-watch-extract-failed.log'), 'utf8')] }));
    aws.emr.cluster({ Id: CLUSTER, Name: 'card-etl-prod', State: 'WAITING', LogUri: 's3://aws-logs-card/emr/' });
    aws.emr.step(CLUSTER, { Id: STEP, Name: 'card_dw.card_txn extract', State: 'FAILED', ended: Date.now() / 1000 - 3600 });
    // The step log echoes a command line with a password (line 3): the copy in the workspace masks it.
    const stderr = readFileSync(join(logs, 'sqoop-ora-01555.stderr'), 'utf8').split('\n');
    stderr.splice(2, 1, 'Running: sqoop import --connect jdbc:oracle:thin:etl/Secr3t@//db:1521/CARD --password Secr3t --table X');
    aws.s3.put('aws-logs-card', `emr/${CLUSTER}/steps/${STEP}/stderr.gz`, gzipSync(stderr.join('\n')));
    client = new LspClient();
    await client.initialize(ws.root);
  });
  after(async () => {
    await client.stop();
    restore();
    ws.remove();
    await aws.stop();
  });

  it("tablespec.server.runs gives each table's runs and the failed task's findings", async () => {
    const r = await run<{
      via: string;
      tables: { dagId: string; runs: { state: string }[]; incidents?: { taskId: string; findings: { rule: string; log: string; evidence: { line: number }[] }[] }[] }[];
    }>('tablespec.server.runs', { environment: 'web', logs: true });
    assert.equal(r.via, aws.endpoint);
    assert.deepEqual(
      r.tables.map((t) => [t.dagId, t.runs.map((x) => x.state)]),
      [
        [TXN, ['failed']],
        ['tablespec__card_dw__cust_grade', []],
      ],
    );
    const incident = r.tables[0]!.incidents![0]!;
    assert.deepEqual(
      incident.findings.map((f) => [f.rule, f.log, f.evidence.map((e) => e.line)]),
      [['oracle.snapshot-too-old', `s3://aws-logs-card/emr/${CLUSTER}/steps/${STEP}/stderr.gz`, [35, 48, 56]]],
    );
  });

  it('tablespec.server.runLog copies the log into .tablespec/logs with the evidence at its line', async () => {
    const log = `s3://aws-logs-card/emr/${CLUSTER}/steps/${STEP}/stderr.gz`;
    const r = await run<{ path: string }>('tablespec.server.runLog', { environment: 'web', dagId: TXN, runId: 'scheduled__2026-11-08T00:00:00+00:00', log });
    assert.equal(r.path, ws.path(`.tablespec/logs/aws-logs-card/emr/${CLUSTER}/steps/${STEP}/stderr.log`));
    const lines = readFileSync(r.path, 'utf8').split('\n');
    assert.match(lines[34]!, /ORA-01555/);
    assert.equal(lines[2], 'Running: sqoop import --connect jdbc:oracle:thin:etl/****@//db:1521/CARD --password **** --table X');
    assert.ok(!readFileSync(r.path, 'utf8').includes('Secr3t'));
    const airflow = await run<{ path: string }>('tablespec.server.runLog', { environment: 'web', dagId: TXN, runId: 'scheduled__2026-11-08T00:00:00+00:00', log: 'airflow:watch_extract try 1' });
    assert.match(readFileSync(airflow.path, 'utf8').split('\n')[10]!, /Poking step s-2ABCDEFGH1234 on cluster j-3KLMNOPQR5678/);
  });

  it("tablespec.server.dag writes every spec's DAG into the folder", async () => {
    const r = await run<{ files: string[]; errors: string[] }>('tablespec.server.dag', { environment: 'prod', out: 'dags', emrCluster: 'card-etl-prod' });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(readdirSync(ws.path('dags')).sort(), ['tablespec__card_dw__card_txn.py', 'tablespec__card_dw__cust_grade.py']);
    assert.ok(existsSync(r.files[0]!));
    await assert.rejects(run('tablespec.server.dag', { environment: 'prod', out: 'dags' }), (e: { code: number }) => e.code === -32602);
  });
});
