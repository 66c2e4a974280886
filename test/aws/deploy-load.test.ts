/**
 * Deploy and load on an Athena environment, end to end through the real SDK against the loopback
 * fake: what is sent to Athena and Glue, in which order, with which version, and what comes back.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Table } from '@aws-sdk/client-glue';
import { TrinoSQL, HiveSQL } from 'dt-sql-parser';
import type { OperationError } from '../../server/src/backends/errors';
import { runOperation, type OperationRequest } from '../../server/src/commands/run-operation';
import type { LoadReport } from '../../server/src/ops/load';
import { awsError, FakeAws, scriptAthena, type ScriptedQuery } from '../helpers/fake-aws';
import { tempWorkspace } from '../helpers/temp-workspace';

const workspace = `defaults:\n  database: card_dw\nenvironments:\n  dev:\n    engine: athena\n    region: ap-northeast-2\n    workgroup: primary\n    output_location: s3://card-athena-results-dev/\n    salt_location: s3://card-secure-dev/tablespec-salt/\n    warehouse: s3://card-lake-dev/{database}/{table}/\n    staging: s3://card-raw-dev/{database}/{table}/\n  prod:\n    engine: athena\n    region: ap-northeast-2\n    warehouse: s3://card-lake/{database}/{table}/\n    staging: s3://card-raw/{database}/{table}/\n    protected: true\n`;
const spec = `table: card_acct
kind: source
source: { object: CARD.CARD_ACCT, row_count: 3 }
load: { mode: upsert, keys: [acct_id], incremental_by: chg_dtm }
columns:
  - { name: acct_id, oracle: NUMBER(12), nullable: false }
  - { name: acct_no, oracle: VARCHAR2(20), pii: account_no, encrypt: sha256, comment: 계좌번호 }
  - { name: chg_dtm, oracle: TIMESTAMP(3) }
views:
  - { name: v_card_acct }
`;

describe('Athena environment, through the SDK', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/card_acct.table.yaml': spec });
  const fake = new FakeAws();
  const glue = new Map<string, Table>();
  let script: (sql: string) => ScriptedQuery = () => ({});
  let log: ReturnType<typeof scriptAthena>;
  const saved = { ...process.env };

  before(async () => {
    process.env.TABLESPEC_AWS_ENDPOINT = await fake.start();
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    log = scriptAthena(fake, (sql) => {
      // Athena's DDL registers Iceberg tables in Glue itself.
      const create = /^CREATE TABLE `(\w+)`\.`(\w+)`/.exec(sql);
      if (create && /'table_type'='ICEBERG'/.test(sql))
        glue.set(`${create[1]}.${create[2]}`, {
          Name: create[2],
          DatabaseName: create[1],
          TableType: 'EXTERNAL_TABLE',
          Parameters: { table_type: 'ICEBERG', metadata_location: 's3://card-lake-dev/card_dw/card_acct/metadata/00000.json' },
          StorageDescriptor: { Columns: [], Location: 's3://card-lake-dev/card_dw/card_acct/' },
          VersionId: '1',
        });
      return script(sql);
    });
    fake.on('AWSGlue.GetTable', (body) => {
      const t = glue.get(`${body.DatabaseName}.${body.Name}`);
      return t ? { body: { Table: t } } : awsError('EntityNotFoundException', `Table ${body.Name} not found.`);
    });
    fake.on('AWSGlue.UpdateTable', (body) => {
      const input = body.TableInput as Table;
      const key = `${body.DatabaseName}.${input.Name}`;
      const current = glue.get(key)!;
      if (body.VersionId !== current.VersionId) return awsError('ConcurrentModificationException', 'Update table failed due to concurrent modifications.');
      glue.set(key, { ...input, DatabaseName: String(body.DatabaseName), VersionId: String(Number(current.VersionId) + 1) });
      return { body: {} };
    });
  });
  after(async () => {
    process.env = saved;
    await fake.stop();
    ws.remove();
  });
  beforeEach(() => {
    log.sql.length = 0;
    script = () => ({});
  });

  const run = <T>(operation: OperationRequest['operation'], extra: Partial<OperationRequest> = {}) =>
    runOperation({ operation, file: ws.path('specs/card_acct.table.yaml'), environment: 'dev', salt: 'athena-test-salt-0001', ...extra }).then((r) => r.result as T);

  it('deploys an Iceberg table by Athena DDL, then records the spec in Glue at the version read', async () => {
    await run('deploy');
    assert.equal(log.sql.length, 2);
    assert.match(
      log.sql[0]!,
      /^CREATE TABLE `card_dw`\.`card_acct` \(`acct_id` bigint, `acct_no` string COMMENT '계좌번호', `chg_dtm` timestamp\) LOCATION 's3:\/\/card-lake-dev\/card_dw\/card_acct\/' TBLPROPERTIES \('table_type'='ICEBERG', 'format'='parquet'\)$/,
    );
    assert.equal(new HiveSQL().validate(log.sql[0]!).length, 0);
    assert.equal(log.sql[1], 'CREATE OR REPLACE VIEW "card_dw"."v_card_acct" AS SELECT "acct_id", "chg_dtm" FROM "card_dw"."card_acct"');
    const update = fake.calls.filter((c) => c.target === 'AWSGlue.UpdateTable').pop()!.body;
    assert.equal(update.VersionId, '1');
    const t = glue.get('card_dw.card_acct')!;
    assert.equal(t.Parameters!.metadata_location, 's3://card-lake-dev/card_dw/card_acct/metadata/00000.json');
    assert.equal(t.Parameters!['tablespec.load_mode'], 'upsert');
    assert.deepEqual(
      t.StorageDescriptor!.Columns!.find((c) => c.Name === 'acct_no'),
      { Name: 'acct_no', Type: 'string', Comment: '계좌번호', Parameters: { 'tablespec.pii': 'account_no', 'tablespec.encrypt': 'sha256' } },
    );
  });

  it('upserts in Athena: staging and salt tables, one scan for conversion failures, MERGE; the salt never in a query', async () => {
    script = (sql) => {
      if (sql.startsWith('SELECT count(*) AS salt_rows')) return { columns: [{ name: 'salt_rows', type: 'bigint' }], rows: [['1']] };
      if (sql.startsWith('SELECT count(*) AS staged'))
        return {
          columns: [
            { name: 'staged', type: 'bigint' },
            { name: 'failed__acct_id', type: 'bigint' },
            { name: 'failed__chg_dtm', type: 'bigint' },
            { name: 'rejected_keys', type: 'bigint' },
          ],
          rows: [['3', '1', '0', '1']],
          bytes: 50 * 1024 * 1024,
        };
      if (sql.startsWith('SELECT count(*) AS row_count')) return { columns: [{ name: 'row_count', type: 'bigint' }], rows: [['3']] };
      return { statementType: 'DDL' };
    };
    const r = await run<LoadReport>('load');
    const kinds = log.sql.map((s) => s.split(' ').slice(0, 2).join(' '));
    // A value did not convert: the sample of those rows is read after the counts.
    assert.deepEqual(kinds, [
      'DROP TABLE',
      'CREATE EXTERNAL',
      'DROP TABLE',
      'CREATE EXTERNAL',
      'SELECT count(*)',
      'SELECT count(*)',
      'SELECT substr(CAST(nullif("acct_id",',
      'SELECT count(*)',
      'MERGE INTO',
      'SELECT count(*)',
      'DROP TABLE',
      'DROP TABLE',
      'SELECT count(*)',
    ]);
    assert.deepEqual(r.failedConversions, { acct_id: 1 });
    const sampleSql = log.sql.find((q) => q.startsWith('SELECT substr('))!;
    assert.equal(new TrinoSQL().validate(sampleSql).length, 0);
    assert.match(sampleSql, / LIMIT 100$/);
    assert.equal(r.rejectedKeys, 1);
    assert.equal(r.staged, 3);
    assert.deepEqual([r.reconcile?.expected, r.reconcile?.matched], [3, true]);
    assert.ok((r.bytesScanned ?? 0) >= 50 * 1024 * 1024);
    const starts = fake.calls.filter((c) => c.target === 'AmazonAthena.StartQueryExecution').map((c) => c.body);
    const merge = starts.find((c) => String(c.QueryString).startsWith('MERGE'))!;
    assert.equal(new TrinoSQL().validate(String(merge.QueryString)).length, 0);
    // Neither the salt nor its hex is in any query string or parameter Athena keeps in its history.
    const hex = Buffer.from('athena-test-salt-0001').toString('hex');
    for (const c of starts) {
      assert.equal(c.ExecutionParameters, undefined);
      assert.ok(!String(c.QueryString).includes('athena-test-salt-0001') && !String(c.QueryString).includes(hex));
    }
    // The salt was written under salt_location for the load, read by the salt table, and deleted.
    const put = fake.calls.find((c) => c.target === 'S3.PutObject')!.body;
    assert.equal(put.bucket, 'card-secure-dev');
    assert.match(String(put.key), /^tablespec-salt\/card_dw\/card_acct\/[a-z0-9]+\/salt\.csv$/);
    assert.match(log.sql.find((s) => s.includes('card_acct__salt') && s.startsWith('CREATE'))!, new RegExp(`LOCATION 's3://card-secure-dev/${String(put.key).replace(/salt\.csv$/, '')}'$`));
    assert.deepEqual(fake.calls.find((c) => c.target === 'S3.DeleteObject')!.body, put);
    assert.equal(fake.objects.has(`card-secure-dev/${put.key}`), false);
  });

  it("drops the staging table even when the load fails, and reports Athena's message", async () => {
    script = (sql) =>
      sql.startsWith('MERGE')
        ? { states: ['RUNNING', 'FAILED'], reason: 'GENERIC_INTERNAL_ERROR: something broke' }
        : sql.startsWith('SELECT count(*) AS salt_rows')
          ? { columns: [{ name: 'salt_rows', type: 'bigint' }], rows: [['1']] }
          : sql.startsWith('SELECT')
            ? { columns: [{ name: 'staged', type: 'bigint' }], rows: [['3']] }
            : { statementType: 'DDL' };
    await assert.rejects(run('load'), (e: OperationError) => e.kind === 'query-failed' && /GENERIC_INTERNAL_ERROR/.test(e.message));
    assert.deepEqual(log.sql.slice(-2), ['DROP TABLE IF EXISTS `card_dw`.`card_acct__staging`', 'DROP TABLE IF EXISTS `card_dw`.`card_acct__salt`']);
  });

  it('wants the table name typed on a protected environment', async () => {
    await assert.rejects(
      runOperation({ operation: 'deploy', file: ws.path('specs/card_acct.table.yaml'), environment: 'prod', confirmation: { yes: true } }),
      (e: OperationError) => e.kind === 'needs-confirmation' && /--confirm card_acct/.test(e.message),
    );
  });

  it('reports a concurrent change to the Glue table instead of overwriting it', async () => {
    glue.set('card_dw.card_acct', { ...glue.get('card_dw.card_acct')!, Description: 'changed by someone' });
    fake.on('AWSGlue.UpdateTable', () => awsError('ConcurrentModificationException', 'Update table failed due to concurrent modifications.'));
    await assert.rejects(run('deploy'), (e: OperationError) => e.kind === 'conflict');
  });

  it('says how to log in again when the SSO session expired', async () => {
    fake.on('AWSGlue.GetTable', () => awsError('ExpiredTokenException', 'The security token included in the request is expired'));
    await assert.rejects(run('plan'), (e: OperationError) => e.kind === 'expired-session' && /aws sso login/.test(e.message));
  });
});
