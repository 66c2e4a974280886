/**
 * The AWS paths through the real SDK against a loopback endpoint with Glue's and Athena's real request
 * and response shapes: paging, throttling and retries, optimistic locking, access and credential
 * errors, failed and cancelled queries, the header row, and results read from S3 in one request.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { GlueClient } from '@aws-sdk/client-glue';
import { awsClients } from '../../server/src/backends/aws/aws-backend';
import { athenaCost, createAthenaEngine } from '../../server/src/backends/aws/athena-engine';
import { createGlueCatalog } from '../../server/src/backends/aws/glue-catalog';
import { OperationError } from '../../server/src/backends/errors';
import type { Environment } from '../../server/src/config/workspace-config';
import { awsError, FakeAws, scriptAthena } from '../helpers/fake-aws';

const env: Environment = { name: 'dev', engine: 'athena', region: 'ap-northeast-2', profile: 'card-dev', workgroup: 'primary', outputLocation: 's3://results/', protected: false };
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

async function rejects(p: Promise<unknown>, kind: string, message?: RegExp): Promise<OperationError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof OperationError, `not an OperationError: ${e}`);
    assert.equal(e.kind, kind, e.message);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected ${kind}`);
}

describe('Glue catalog through the SDK', () => {
  let fake: FakeAws;
  let endpoint: string;
  before(async () => {
    fake = new FakeAws();
    endpoint = await fake.start();
  });
  after(() => fake.stop());
  const catalog = () => createGlueCatalog(awsClients(env, { endpoint, credentials }).glue, env.profile);

  it('reads every page of GetTables, 100 at a time', async () => {
    fake.on('AWSGlue.GetTables', (body, n) => {
      assert.equal(body.MaxResults, 100);
      assert.equal(body.NextToken, n === 1 ? undefined : `page-${n}`);
      const names = Array.from({ length: n < 3 ? 100 : 42 }, (_, i) => ({ Name: `t_${n}_${i}`, DatabaseName: 'card_dw' }));
      return { body: { TableList: names, ...(n < 3 ? { NextToken: `page-${n + 1}` } : {}) } };
    });
    const tables = await catalog().listTables('card_dw');
    assert.equal(tables.length, 242);
    assert.equal(fake.count('AWSGlue.GetTables'), 3);
  });

  it('retries throttled calls and then succeeds', async () => {
    fake.on('AWSGlue.GetTable', (_body, n) => (n <= 2 ? awsError('ThrottlingException', 'Rate exceeded') : { body: { Table: { Name: 'cust_master', DatabaseName: 'card_dw', VersionId: '7' } } }));
    const before = fake.count('AWSGlue.GetTable');
    const t = await catalog().getTable('card_dw', 'cust_master');
    assert.equal(t?.VersionId, '7');
    assert.equal(fake.count('AWSGlue.GetTable') - before, 3);
  });

  it('reads a missing table as undefined', async () => {
    fake.on('AWSGlue.GetTable', () => awsError('EntityNotFoundException', 'Table cust_x not found.'));
    assert.equal(await catalog().getTable('card_dw', 'cust_x'), undefined);
  });

  it('reports a concurrent change instead of overwriting it', async () => {
    fake.on('AWSGlue.UpdateTable', (body) => {
      assert.equal(body.VersionId, '7');
      assert.deepEqual(Object.keys(body.TableInput as object).sort(), ['Name', 'Parameters', 'StorageDescriptor']);
      return awsError('ConcurrentModificationException', 'Update table failed due to concurrent modifications.');
    });
    await rejects(catalog().updateTable({ Name: 't', DatabaseName: 'card_dw', CreateTime: new Date(), Parameters: { a: 'b' }, StorageDescriptor: { Columns: [] } }, '7'), 'conflict', /Plan again/);
  });

  it('says what to do when access is denied', async () => {
    fake.on('AWSGlue.GetTables', () => awsError('AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/x is not authorized to perform: glue:GetTables'));
    await rejects(catalog().listTables('card_dw'), 'access-denied', /card-dev/);
  });

  it('tells how to log in again when the session expired', async () => {
    fake.on('AWSGlue.GetTable', () => awsError('ExpiredTokenException', 'The security token included in the request is expired'));
    await rejects(catalog().getTable('card_dw', 't'), 'expired-session', /aws sso login --profile card-dev/);
  });

  it('says how to log in again when the SDK finds the SSO session expired, whatever the error class', async () => {
    const cases: [string, string][] = [
      ['CredentialsProviderError', 'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'],
      ['TokenProviderError', 'Token is expired. To refresh this SSO session run aws sso login with the corresponding profile.'],
      ['Error', 'SSO Token refresh failed. Please log in using "aws sso login"'],
    ];
    for (const [name, message] of cases) {
      const glue = new GlueClient({
        region: 'ap-northeast-2',
        endpoint,
        credentials: async () => {
          throw Object.assign(new Error(message), { name });
        },
      });
      await rejects(createGlueCatalog(glue, 'card-dev').getTable('card_dw', 't'), 'expired-session', /`aws sso login --profile card-dev`/);
    }
  });

  it("uses the profile's own region when the environment names none", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tablespec-aws-'));
    writeFileSync(join(dir, 'config'), '[profile card-dev]\nregion = eu-west-1\n');
    const saved = { ...process.env };
    try {
      delete process.env.AWS_REGION;
      delete process.env.AWS_DEFAULT_REGION;
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      const { athena, glue, s3 } = awsClients({ name: 'dev', engine: 'athena', profile: 'card-dev', protected: false }, { endpoint, credentials });
      assert.deepEqual([await athena.config.region(), await glue.config.region(), await s3.config.region()], ['eu-west-1', 'eu-west-1', 'eu-west-1']);
      // No region anywhere: a message that says where to set one, not the SDK's.
      const none = awsClients({ name: 'dev', engine: 'athena', profile: 'other', protected: false }, { endpoint, credentials });
      await rejects(createGlueCatalog(none.glue, 'other').getTable('card_dw', 't'), 'invalid-spec', /region/);
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives up on throttling after the SDK retries, with a message', async () => {
    fake.on('AWSGlue.GetTable', () => awsError('ThrottlingException', 'Rate exceeded'));
    await rejects(catalog().getTable('card_dw', 't'), 'throttled');
  });
});

describe('Athena engine through the SDK', () => {
  let fake: FakeAws;
  let endpoint: string;
  let script: (sql: string) => import('../helpers/fake-aws').ScriptedQuery;
  let log: ReturnType<typeof scriptAthena>;
  before(async () => {
    fake = new FakeAws();
    endpoint = await fake.start();
    log = scriptAthena(fake, (sql) => script(sql));
  });
  after(() => fake.stop());
  beforeEach(() => {
    log.sql.length = 0;
    log.stopped.length = 0;
  });
  const engine = () => {
    const { athena, s3 } = awsClients(env, { endpoint, credentials });
    return createAthenaEngine(athena, s3, { workgroup: 'primary', outputLocation: 's3://results/', profile: 'card-dev', pollMs: 5, maxPollMs: 5 });
  };

  it('polls through QUEUED and RUNNING, skips the header row, converts values by type, reports cost', async () => {
    script = () => ({
      states: ['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED'],
      columns: [
        { name: 'cust_no', type: 'bigint' },
        { name: 'amt', type: 'decimal' },
        { name: 'nm', type: 'varchar' },
        { name: 'ok', type: 'boolean' },
        { name: 'n', type: 'integer' },
      ],
      rows: [
        ['100000000001', '1520000.50', '김민준', 'true', '12'],
        ['9007199254740993', null, 'a,b', 'false', null],
      ],
      bytes: 5 * 1024 * 1024,
    });
    const states: string[] = [];
    const r = await engine().query('SELECT 1', { onProgress: (p) => p.state && states.push(p.state) });
    assert.deepEqual(states, ['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
    assert.deepEqual(r.rows, [
      { cust_no: 100000000001, amt: '1520000.50', nm: '김민준', ok: true, n: 12 },
      { cust_no: '9007199254740993', amt: null, nm: 'a,b', ok: false, n: null },
    ]);
    assert.equal(r.stats.bytesScanned, 5 * 1024 * 1024);
    assert.equal(r.stats.costUsd, athenaCost(10 * 1024 * 1024)); // the 10 MB minimum
    const start = fake.calls.find((c) => c.target === 'AmazonAthena.StartQueryExecution')!.body;
    assert.equal(start.WorkGroup, 'primary');
    assert.deepEqual(start.ResultConfiguration, { OutputLocation: 's3://results/' });
    assert.ok(typeof start.ClientRequestToken === 'string' && (start.ClientRequestToken as string).length >= 32);
  });

  it('passes the hash salt as an execution parameter, never in the SQL text', async () => {
    script = () => ({ statementType: 'DML', columns: [], rows: [] });
    await engine().query('INSERT INTO t SELECT sha256(?)', { params: ['salt-value-0000000001'] });
    const start = fake.calls.filter((c) => c.target === 'AmazonAthena.StartQueryExecution').pop()!.body;
    assert.deepEqual(start.ExecutionParameters, ['salt-value-0000000001']);
    assert.ok(!String(start.QueryString).includes('salt-value'));
  });

  it('pages 1,000 rows at a time with NextToken', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [String(i)]);
    script = () => ({ columns: [{ name: 'i', type: 'integer' }], rows });
    let page = await engine().query('SELECT i', { pageSize: 1000 });
    const seen = [...page.rows];
    while (page.more) {
      page = await page.more();
      seen.push(...page.rows);
    }
    assert.equal(seen.length, 2500);
    assert.deepEqual(
      seen.slice(998, 1002).map((r) => r.i),
      [998, 999, 1000, 1001],
    );
  });

  it('reads a large result from its S3 CSV in one request, with quoted commas and newlines', async () => {
    fake.objects.set('results/q-big.csv', '"id","memo"\n"1","a, b"\n"2","line one\nline two"\n"3",""\n');
    script = () => ({
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'memo', type: 'varchar' },
      ],
      rows: [],
      outputLocation: 's3://results/q-big.csv',
    });
    const before = fake.count('S3.GetObject');
    const r = await engine().query('SELECT id, memo', { all: 's3' });
    assert.equal(fake.count('S3.GetObject') - before, 1);
    assert.deepEqual(r.rows, [
      { id: 1, memo: 'a, b' },
      { id: 2, memo: 'line one\nline two' },
      { id: 3, memo: '' },
    ]);
  });

  it('reads NULL from the S3 CSV as NULL (an unquoted empty field), and never more rows than asked', async () => {
    const lines = ['"id","amt","memo"', '"1",,""', ...Array.from({ length: 4999 }, (_, i) => `"${i + 2}","${i}.5","m"`)];
    fake.objects.set('results/q-nulls.csv', lines.join('\n') + '\n');
    script = () => ({
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'amt', type: 'decimal' },
        { name: 'memo', type: 'varchar' },
      ],
      rows: [],
      outputLocation: 's3://results/q-nulls.csv',
    });
    const r = await engine().query('SELECT id, amt, memo FROM t', { all: 's3', maxRows: 1500 });
    assert.equal(r.rows.length, 1500);
    assert.deepEqual(r.rows[0], { id: 1, amt: null, memo: '' });
    assert.deepEqual(r.rows[1499], { id: 1500, amt: '1498.5', memo: 'm' });
  });

  it('reads results page by page in a workgroup with managed query results (no S3 location)', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [String(i)]);
    script = () => ({ columns: [{ name: 'i', type: 'integer' }], rows, outputLocation: null });
    const gets = fake.count('S3.GetObject');
    const r = await engine().query('SELECT i FROM t', { all: 's3', maxRows: 1500 });
    assert.equal(r.rows.length, 1500);
    assert.deepEqual(r.rows.slice(-1), [{ i: 1499 }]);
    assert.equal(fake.count('S3.GetObject'), gets);
  });

  it('starts a query again when Athena marks its failure retryable, a bounded number of times', async () => {
    const retryable = { ErrorCategory: 2, ErrorType: 1106, Retryable: true, ErrorMessage: 'ICEBERG_COMMIT_ERROR' };
    let n = 0;
    script = () =>
      ++n === 1 ? { states: ['FAILED'], reason: 'ICEBERG_COMMIT_ERROR: Failed to commit Iceberg update', athenaError: retryable } : { columns: [{ name: 'x', type: 'integer' }], rows: [['1']] };
    const e = () => {
      const { athena, s3 } = awsClients(env, { endpoint, credentials });
      return createAthenaEngine(athena, s3, { workgroup: 'primary', pollMs: 1, maxPollMs: 1, retries: 2, retryMs: 1 });
    };
    assert.deepEqual((await e().query('SELECT 1')).rows, [{ x: 1 }]);
    assert.equal(log.sql.length, 2);
    // Always retryable: three starts (one and two retries), then Athena's message.
    log.sql.length = 0;
    script = () => ({ states: ['FAILED'], reason: 'ICEBERG_COMMIT_ERROR: Failed to commit Iceberg update', athenaError: retryable });
    await rejects(e().query('SELECT 1'), 'query-failed', /ICEBERG_COMMIT_ERROR/);
    assert.equal(log.sql.length, 3);
    // Not retryable: one start.
    log.sql.length = 0;
    script = () => ({ states: ['FAILED'], reason: 'SYNTAX_ERROR: line 1:8', athenaError: { ErrorCategory: 2, ErrorType: 1000, Retryable: false } });
    await rejects(e().query('SELECT 1'), 'query-failed', /SYNTAX_ERROR/);
    assert.equal(log.sql.length, 1);
  });

  it("reports a FAILED query with Athena's own message", async () => {
    script = () => ({ states: ['RUNNING', 'FAILED'], reason: "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved" });
    await rejects(engine().query('SELECT x FROM t'), 'query-failed', /COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved/);
  });

  it('reports a query CANCELLED elsewhere', async () => {
    script = () => ({ states: ['RUNNING', 'CANCELLED'] });
    await rejects(engine().query('SELECT 1'), 'cancelled');
  });

  it('stops the query when the user cancels', async () => {
    script = () => ({ states: ['RUNNING'] });
    const controller = new AbortController();
    const p = engine().query('SELECT count(*) FROM huge', { signal: controller.signal, onProgress: (pr) => pr.state === 'RUNNING' && controller.abort() });
    await rejects(p, 'cancelled');
    assert.equal(log.stopped.length >= 1, true);
  });
});
