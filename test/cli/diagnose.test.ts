/**
 * The built `tablespec diagnose`: exit codes (0 matched, 1 none, 2 bad usage or unreadable log), JSON
 * output with rule ids and evidence lines, a gzipped file, and a log on S3 read through the real SDK
 * from the loopback emulator (a key not there yet says so).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator';
import { tempWorkspace } from '../helpers/temp-workspace';
import { readHistory } from '../../server/src/ops/history';

const cli = join(__dirname, '..', '..', 'server', 'out', 'cli.js');
const logs = join(__dirname, '..', 'fixtures', 'logs');

// Asynchronous: the emulator answers from this process, so the test must not block while the CLI runs.
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'diagnose', ...args], { env: { ...process.env, TABLESPEC_LOCALE: 'en', ...env }, timeout: 60_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('tablespec diagnose', () => {
  let aws: AwsEmulator;
  const tmp = mkdtempSync(join(tmpdir(), 'diagnose-'));
  before(async () => {
    aws = await startAwsEmulator({ buckets: ['card-emr-logs'] });
    aws.s3.put('card-emr-logs', 'j-2AXXXXXXGAPLF/steps/s-1K6Y8PRXTQ4QD/stderr.gz', gzipSync(readFileSync(join(logs, 'sqoop-ora-01555.stderr'))));
  });
  after(() => aws.stop());
  const s3env = () => ({ TABLESPEC_AWS_ENDPOINT: aws.endpoint, AWS_ACCESS_KEY_ID: 'AKIDEMULATOR', AWS_SECRET_ACCESS_KEY: 'emulator', AWS_REGION: 'ap-northeast-2' });

  it('exits 0 and gives the rule, its evidence lines and the remedy fields as JSON', async () => {
    const r = await run(['--log', join(logs, 'spark-yarn-kill.stderr'), '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.encoding, 'plain');
    assert.equal(json.lines, 28);
    assert.deepEqual(
      json.diagnoses.map((d: { rule: string; evidence: { line: number }[]; fields: string[] }) => [d.rule, d.evidence.map((e) => e.line), d.fields]),
      [['yarn.container-memory', [17, 18, 19], ['source.extract.fetch_size', 'source.extract.parallelism']]],
    );
  });
  it('prints file:line evidence in text', async () => {
    const r = await run(['--log', join(logs, 'sqoop-ora-12514.stderr')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^\[oracle\.unknown-service\]/);
    assert.ok(r.out.includes(`${join(logs, 'sqoop-ora-12514.stderr')}:7: ORA-12514, TNS:listener`));
  });
  it('exits 1 on a clean log, gzipped', async () => {
    const file = join(tmp, 'clean.log.gz');
    writeFileSync(file, gzipSync(readFileSync(join(logs, 'sqoop-clean.stderr'))));
    const r = await run(['--log', file, '--format', 'json']);
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(JSON.parse(r.out).diagnoses, []);
    assert.equal(JSON.parse(r.out).encoding, 'gzip');
  });
  it('exits 2 on bad usage and on a log that is not there', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--log', join(logs, 'spark-clean.stderr'), '--format', 'xml'])).code, 2);
    assert.equal((await run(['--log', join(logs, 'spark-clean.stderr'), 'extra'])).code, 2);
    assert.equal((await run(['--bogus'])).code, 2);
    const missing = await run(['--log', join(tmp, 'none.log')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /none\.log/);
    assert.equal((await run(['--log', tmp])).code, 2);
  });
  it('reads a gzipped step log from S3', async () => {
    const r = await run(['--log', 's3://card-emr-logs/j-2AXXXXXXGAPLF/steps/s-1K6Y8PRXTQ4QD/stderr.gz', '--format', 'json'], s3env());
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.encoding, 'gzip');
    assert.deepEqual(
      json.diagnoses.map((d: { rule: string; evidence: { line: number }[] }) => [d.rule, d.evidence.map((e) => e.line)]),
      [['oracle.snapshot-too-old', [35, 48, 56]]],
    );
    assert.equal(aws.count('S3.GetObject'), 1);
  });
  it('says when an S3 log is not uploaded yet, and when the bucket does not exist', async () => {
    const notYet = await run(['--log', 's3://card-emr-logs/j-2AXXXXXXGAPLF/containers/application_1_0001/container_1_0001_01_000001/syslog.gz'], s3env());
    assert.equal(notYet.code, 2);
    assert.match(notYet.err, /five minutes/);
    const noBucket = await run(['--log', 's3://no-such-logs/x.gz'], s3env());
    assert.equal(noBucket.code, 2);
    assert.match(noBucket.err, /bucket/);
    assert.equal((await run(['--log', 's3://'], s3env())).code, 2);
  });

  it('--report writes the Markdown failure report and records the incident in the workspace history', async () => {
    const ws = tempWorkspace({
      'tablespec.yaml': readFileSync(join(__dirname, '..', 'fixtures', 'dag', 'tablespec.yaml'), 'utf8'),
      'specs/card_txn.table.yaml': readFileSync(join(__dirname, '..', 'fixtures', 'dag', 'specs', 'card_txn.table.yaml'), 'utf8'),
    });
    try {
      const report = ws.path('reports/card_txn.md');
      const r = await run([
        '--log',
        join(logs, 'spark-yarn-kill.stderr'),
        '--report',
        report,
        '--spec',
        ws.path('specs/card_txn.table.yaml'),
        '--env',
        'prod',
        '--run',
        'manual__2026-11-08',
        '--changed',
        'fetch_size 10000 -> 2000',
      ]);
      assert.equal(r.code, 0, r.err);
      const md = readFileSync(report, 'utf8');
      assert.match(md, /^\*\*`yarn\.container-memory`\*\*: /m);
      assert.ok(md.includes(`- \`yarn.container-memory\` \`${join(logs, 'spark-yarn-kill.stderr')}:17\`: `), md);
      const history = readHistory(ws.root);
      assert.deepEqual(
        history.map((h) => [h.operation, h.table, h.environment, h.changes, (h.detail as { rules: string[] }).rules, (h.detail as { report: string }).report]),
        [['incident', 'card_dw.card_txn', 'prod', ['fetch_size 10000 -> 2000'], ['yarn.container-memory'], 'reports/card_txn.md']],
      );
      // --report needs the spec and the environment; --changed needs --report.
      assert.equal((await run(['--log', join(logs, 'spark-yarn-kill.stderr'), '--report', report])).code, 2);
      assert.equal((await run(['--log', join(logs, 'spark-yarn-kill.stderr'), '--changed', 'x'])).code, 2);
    } finally {
      ws.remove();
    }
  });
});
