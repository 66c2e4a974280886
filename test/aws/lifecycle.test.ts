/**
 * The whole life of a table on Athena against the strict AWS emulator (test/helpers/aws-emulator), for
 * an Iceberg and a Parquet spec with messy extracts: deploy, load in each mode and again, retention,
 * purge, reconcile, preview, profile, views. And the same messy extract through the local DuckDB
 * engine and through the Athena path: the same counts, failed conversions and hashed values.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { OperationError } from '../../server/src/backends/errors';
import { runOperation, runQuery, type OperationRequest } from '../../server/src/commands/run-operation';
import type { DeployPlan } from '../../server/src/ops/deploy';
import type { LoadReport } from '../../server/src/ops/load';
import type { PreviewReport, ProfileReport } from '../../server/src/ops/preview';
import type { ReconcileReport } from '../../server/src/ops/reconcile';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator/index';
import { tempWorkspace } from '../helpers/temp-workspace';

const SALT = 'lifecycle-salt-0123456789';
const workspace = `defaults:
  database: card_dw
environments:
  dev:
    engine: athena
    region: ap-northeast-2
    workgroup: primary
    salt_location: s3://card-secure-dev/tablespec-salt/
    warehouse: s3://card-lake-dev/{database}/{table}/
    staging: s3://card-raw-dev/{database}/{table}/
  managed:
    engine: athena
    region: ap-northeast-2
    workgroup: managed_wg
`;

/** A card transaction spec; `load` varies by test. */
const txnSpec = (load: string) => `table: card_txn
kind: source
description: 카드 거래
source: { object: CARD.CARD_TXN }
storage: { format: iceberg }
load: ${load}
columns:
  - { name: txn_id, oracle: NUMBER(12), nullable: false }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256, comment: 카드번호 }
  - name: txn_amt
    oracle: "NUMBER(15,2)"
    cleansing: [{ null_if: ['-', 'N/A'] }]
  - { name: mrch_nm, oracle: VARCHAR2(100), comment: "가맹점\\n이름" }
  - { name: memo, oracle: VARCHAR2(100), comment: ${'가나다라마바사아자차'.repeat(10)} }
  - { name: txn_dtm, oracle: VARCHAR2(19), type: timestamp, cleansing: [{ to_timestamp: YYYY-MM-DD HH24:MI:SS }] }
  - { name: base_dt, oracle: VARCHAR2(8), type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - name: cust_nm
    oracle: VARCHAR2(50)
    pii: name
    encrypt: sha256
    purge: { after: 3y, basis: base_dt, action: nullify }
views:
  - { name: v_card_txn }
`;

// Messy: an empty key, a key that is not a number, quoted and unquoted empty fields, a sentinel date,
// a bad time, '-' and 'N/A' amounts, a comma inside quotes, Korean text, old rows for retention and purge.
const header = 'TXN_ID,CARD_NO,TXN_AMT,MRCH_NM,MEMO,TXN_DTM,BASE_DT,CUST_NM';
const batch1 = [
  header,
  ' 1 ,4111111111111111,1520.50,"스타벅스, 강남점",메모,2024-03-05 14:07:09,20240305,김민준',
  '2,4111111111111112,-,,,2024-03-05 25:00:00,20240305,""',
  '3,,N/A,"",,2024-03-06 09:30:00,99991231,이서연',
  'abc,4111111111111113,12x,편의점,,2024-03-06 10:00:00,20240306,박지훈',
  ',4111111111111114,10,편의점,,,20240306,최수아',
  '6,4111111111111115,99.99,오래된 가맹점,,2015-01-01 00:00:00,20150101,정우진',
  '7,4111111111111116,5,퇴직,,2020-06-01 12:00:00,20200601,한지민',
].join('\n');
const batch2 = [header, '1,4111111111111111,1600.00,스타벅스,,2024-03-07 08:00:00,20240307,김민준', '8,4111111111111118,42,신규,,2024-03-07 09:00:00,20240307,오하늘'].join('\n');

const sha = (v: string) =>
  createHash('sha256')
    .update(SALT + v)
    .digest('hex');

describe('the life of a table on Athena (emulator)', () => {
  let aws: AwsEmulator;
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/card_txn.table.yaml': txnSpec('{ mode: overwrite, partition_by: [base_dt] }') });
  const saved = { ...process.env };
  const run = <T>(operation: OperationRequest['operation'], extra: Partial<OperationRequest> = {}) =>
    runOperation({ operation, file: ws.path('specs/card_txn.table.yaml'), environment: 'dev', salt: SALT, confirmation: { yes: true }, ...extra }).then((r) => r.result as T);
  const rows = async (sql: string) => (await runQuery(ws.root, 'dev', sql, 1000)).rows;

  before(async () => {
    aws = await startAwsEmulator({ databases: ['card_dw'], workgroups: { primary: { outputLocation: 's3://card-athena-results-dev/' } } });
    process.env.TABLESPEC_AWS_ENDPOINT = aws.endpoint;
    process.env.TABLESPEC_ATHENA_POLL_MS = '5';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    aws.s3.put('card-raw-dev', 'card_dw/card_txn/part-0001.csv', batch1);
  });
  after(async () => {
    process.env = saved;
    await aws.stop();
    ws.remove();
  });

  /** No statement the tool sent failed, and none carried a parameter or the salt. */
  function sentCleanly(): void {
    const failed = aws.statements.filter((s) => s.state === 'FAILED' && !/__(load|old)_|__staging|__salt/.test(s.sql) && !/ICEBERG_COMMIT_ERROR/.test(String(s.error)));
    assert.deepEqual(
      failed.map((s) => `${s.sql.slice(0, 80)} → ${s.error}`),
      [],
    );
    const hex = Buffer.from(SALT).toString('hex');
    for (const s of aws.statements) {
      assert.deepEqual(s.params ?? [], []);
      assert.ok(!s.sql.includes(SALT) && !s.sql.includes(hex), s.sql.slice(0, 80));
    }
  }

  it('deploys an Iceberg table and its view; the next plan finds nothing to change', async () => {
    await run('deploy');
    const t = aws.glue.table('card_dw', 'card_txn')!;
    assert.equal(t.Parameters!.table_type, 'ICEBERG');
    assert.equal(t.Description, '카드 거래');
    assert.ok(aws.glue.table('card_dw', 'v_card_txn'));
    // Glue takes a one-line comment of at most 255 bytes: the spec's are made so, and the plan agrees.
    const columns = t.StorageDescriptor!.Columns!;
    assert.equal(columns.find((c) => c.Name === 'mrch_nm')!.Comment, '가맹점 이름');
    assert.equal(columns.find((c) => c.Name === 'memo')!.Comment, '가나다라마바사아자차'.repeat(10).slice(0, 85));
    assert.deepEqual(
      (await run<DeployPlan>('plan')).changes.filter((c) => c.kind !== 'view'),
      [],
    );
    sentCleanly();
  });

  it('overwrites from a messy extract: counts, failures, rejected nothing, NULLs and hashes as the spec says', async () => {
    const r = await run<LoadReport>('load');
    assert.equal(r.staged, 7);
    // txn_id 'abc' does not convert (the empty one is NULL, not a failure); 25:00:00 is no time; '12x' no amount.
    assert.deepEqual(r.failedConversions, { txn_id: 1, txn_amt: 1, txn_dtm: 1 });
    const got = await rows('SELECT txn_id, card_no, txn_amt, mrch_nm, txn_dtm, base_dt, cust_nm FROM card_dw.card_txn ORDER BY txn_id NULLS LAST, card_no');
    const one = got.find((x) => x.txn_id === 1)!;
    assert.equal(one.card_no, sha('4111111111111111'));
    assert.equal(one.mrch_nm, '스타벅스, 강남점');
    assert.equal(String(one.txn_dtm).slice(0, 19), '2024-03-05 14:07:09');
    const two = got.find((x) => x.txn_id === 2)!;
    assert.deepEqual([two.txn_amt, two.mrch_nm, two.txn_dtm, two.cust_nm], [null, null, null, null]);
    const three = got.find((x) => x.txn_id === 3)!;
    assert.deepEqual([three.card_no, three.mrch_nm, three.base_dt], [null, null, null]);
    // Retention is not set; the purge nulls names of rows older than 3 years (2015 and 2020).
    assert.deepEqual([got.find((x) => x.txn_id === 6)!.cust_nm, got.find((x) => x.txn_id === 7)!.cust_nm], [null, null]);
    assert.equal(got.find((x) => x.txn_id === 1)!.cust_nm, sha('김민준'));
    assert.deepEqual(r.purged, { cust_nm: 2 });
    assert.deepEqual([r.rowsAfter, r.reconcile?.matched], [7, true]);
    // The new data is beside the deployed location; the old table's files are gone with it.
    const t = aws.glue.table('card_dw', 'card_txn')!;
    assert.match(t.StorageDescriptor!.Location!, /^s3:\/\/card-lake-dev\/card_dw\/card_txn__load_\w+\/?$/);
    assert.deepEqual(aws.s3.keys('card-lake-dev', 'card_dw/card_txn/'), []);
    assert.deepEqual(t.StorageDescriptor!.Columns!.find((c) => c.Name === 'card_no')!.Parameters, { 'tablespec.pii': 'card_no', 'tablespec.encrypt': 'sha256' });
    assert.deepEqual(
      (await run<DeployPlan>('plan')).changes.filter((c) => c.kind !== 'view'),
      [],
    );
    // The salt's file is deleted after the load.
    assert.deepEqual(aws.s3.keys('card-secure-dev'), []);
    sentCleanly();
  });

  it('overwrites again: the same rows, nothing left of the first load', async () => {
    const first = aws.glue.table('card_dw', 'card_txn')!.StorageDescriptor!.Location!;
    const r = await run<LoadReport>('load');
    assert.deepEqual([r.staged, r.rowsBefore, r.rowsAfter], [7, 7, 7]);
    const bucket = first.replace(/^s3:\/\/card-lake-dev\//, '');
    assert.deepEqual(aws.s3.keys('card-lake-dev', bucket), []);
    sentCleanly();
  });

  it('leaves the old table whole when a step of the swap fails, and leaves nothing behind', async () => {
    const before = aws.glue.table('card_dw', 'card_txn')!.StorageDescriptor!.Location!;
    for (const step of [/^CREATE TABLE "card_dw"\."card_txn__load_/, /^ALTER TABLE `card_dw`\.`card_txn` RENAME/, /RENAME TO `card_dw`\.`card_txn`$/]) {
      aws.athena.failNext(step, { errorType: 'GENERIC_INTERNAL_ERROR', message: 'injected', category: 1, type: 1000, retryable: false });
      await assert.rejects(run('load'), (e: OperationError) => e.kind === 'query-failed' && /injected/.test(e.message));
      assert.equal(aws.glue.table('card_dw', 'card_txn')!.StorageDescriptor!.Location, before);
      assert.equal((await rows('SELECT count(*) AS n FROM card_dw.card_txn'))[0]!.n, 7);
      // No table of the load is left (new, old, staging, salt), and no data but the table's own.
      assert.deepEqual(
        aws.glue
          .tables('card_dw')
          .map((t) => t.Name)
          .filter((n) => n !== 'card_txn' && n !== 'v_card_txn'),
        [],
      );
      assert.deepEqual(
        aws.s3.keys('card-lake-dev').filter((k) => !k.startsWith(before.replace(/^s3:\/\/card-lake-dev\//, '').replace(/\/?$/, '/'))),
        [],
      );
    }
  });

  it('appends by partition, twice: the re-run replaces its partitions, retention deletes and counts', async () => {
    ws.write('specs/card_txn.table.yaml', txnSpec('{ mode: append, partition_by: [base_dt], retention: 5y }'));
    await run('deploy');
    aws.s3.put('card-raw-dev', 'card_dw/card_txn/part-0001.csv', batch2);
    const a = await run<LoadReport>('load');
    // 2015-01-01 and 2020-06-01 are more than five years old: retention deletes them, and says so.
    assert.equal(a.retentionDeleted, 2);
    assert.deepEqual([a.rowsBefore, a.rowsAfter, a.deletedOnPurpose], [7, 7 + 2 - 2, 2]);
    const b = await run<LoadReport>('load');
    assert.deepEqual([b.rowsBefore, b.rowsAfter, b.retentionDeleted], [7, 7, 0]);
    sentCleanly();
  });

  it('upserts, twice: a key that does not convert is left out and counted, never inserted again', async () => {
    ws.write('specs/card_txn.table.yaml', txnSpec('{ mode: upsert, keys: [txn_id], incremental_by: txn_dtm, partition_by: [base_dt] }'));
    await run('deploy');
    aws.s3.put('card-raw-dev', 'card_dw/card_txn/part-0001.csv', batch1);
    const nullKeys = async () => Number((await rows('SELECT count(*) AS n FROM card_dw.card_txn WHERE txn_id IS NULL'))[0]!.n);
    const before = await nullKeys();
    // A concurrent commit makes the first MERGE fail, retryable: the load starts it again and goes on.
    aws.athena.failNext(/^MERGE/, { errorType: 'ICEBERG_COMMIT_ERROR', message: 'Failed to commit Iceberg update to table', category: 1, type: 233, retryable: true });
    const a = await run<LoadReport>('load');
    assert.equal(a.rejectedKeys, 2);
    assert.equal(aws.statements.filter((s) => s.sql.startsWith('MERGE') && s.state === 'FAILED').length, 1);
    const b = await run<LoadReport>('load');
    assert.equal(b.rejectedKeys, 2);
    assert.equal(b.rowsAfter, a.rowsAfter);
    // The rows whose key did not convert were never merged: no new NULL-key rows, load after load.
    assert.equal(await nullKeys(), before);
    sentCleanly();
  });

  it('purges for good: VACUUM leaves no snapshot that still holds a purged value', async () => {
    const snapshots = await rows('SELECT count(*) AS n FROM "card_dw"."card_txn$snapshots"');
    assert.equal(snapshots[0]!.n, 1);
  });

  it('reconciles, previews (a large limit through S3, NULL as NULL), profiles and reads the view', async () => {
    const rec = await run<ReconcileReport>('reconcile');
    assert.equal(rec.actual, Number((await rows('SELECT count(*) AS n FROM card_dw.card_txn'))[0]!.n));
    const big = await runOperation({ operation: 'preview', file: ws.path('specs/card_txn.table.yaml'), environment: 'dev', limit: 5000 } as OperationRequest).then((r) => r.result as PreviewReport);
    assert.equal(big.rows.length, rec.actual);
    assert.ok(big.rows.some((r) => r.txn_amt === null));
    const p = await run<ProfileReport>('profile');
    assert.equal(p.rows, rec.actual);
    assert.ok(p.columns.find((c) => c.name === 'txn_amt')!.nulls >= 1);
    const view = await rows('SELECT * FROM card_dw.v_card_txn');
    assert.equal(view.length, rec.actual);
    assert.ok(!('card_no' in view[0]!));
    sentCleanly();
  });
});

describe('a Parquet table on Athena (emulator)', () => {
  let aws: AwsEmulator;
  const spec = `table: card_log
kind: source
source: { object: CARD.CARD_LOG }
storage: { format: parquet }
load: { mode: append }
columns:
  - { name: log_id, oracle: NUMBER(12) }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256 }
  - { name: msg, oracle: VARCHAR2(100) }
`;
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/card_log.table.yaml': spec });
  const saved = { ...process.env };
  const run = <T>(operation: OperationRequest['operation'], extra: Partial<OperationRequest> = {}) =>
    runOperation({ operation, file: ws.path('specs/card_log.table.yaml'), environment: 'dev', salt: SALT, confirmation: { yes: true }, ...extra }).then((r) => r.result as T);

  before(async () => {
    aws = await startAwsEmulator({ databases: ['card_dw'], workgroups: { primary: { outputLocation: 's3://card-athena-results-dev/' } } });
    process.env.TABLESPEC_AWS_ENDPOINT = aws.endpoint;
    process.env.TABLESPEC_ATHENA_POLL_MS = '5';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    aws.s3.put('card-raw-dev', 'card_dw/card_log/a.csv', 'LOG_ID,CARD_NO,MSG\n1,4111111111111111,ok\n x ,,""\n3,4111111111111113,\n');
  });
  after(async () => {
    process.env = saved;
    await aws.stop();
    ws.remove();
  });

  it('deploys by Glue, appends, skips the same batch again, previews and profiles', async () => {
    await run('deploy');
    assert.equal(aws.glue.table('card_dw', 'card_log')!.Parameters!.classification, 'parquet');
    const a = await run<LoadReport>('load');
    assert.deepEqual([a.staged, a.failedConversions, a.rowsAfter], [3, { log_id: 1 }, 3]);
    const b = await run<LoadReport>('load');
    assert.ok(b.skipped);
    assert.equal(b.rowsAfter, 3);
    const p = await run<PreviewReport>('preview');
    assert.deepEqual(p.rows.map((r) => r.card_no).sort(), [sha('4111111111111111'), sha('4111111111111113'), null].sort());
    assert.deepEqual(p.rows.map((r) => r.msg).sort(), ['ok', null, null].sort());
    assert.equal((await run<ProfileReport>('profile')).rows, 3);
    // A workgroup with managed query results: no S3 location to read, pages instead, a large limit too.
    aws.athena.workgroup('managed_wg', { managed: true });
    const managed = await runQuery(ws.root, 'managed', 'SELECT log_id, msg FROM card_dw.card_log ORDER BY log_id', 5000);
    assert.deepEqual(managed.rows, [
      { log_id: 1, msg: 'ok' },
      { log_id: 3, msg: null },
      { log_id: null, msg: null },
    ]);
  });

  it('refuses an extract that is not UTF-8 before sending anything, and says what to do', async () => {
    ws.write('specs/card_log.table.yaml', spec.replace('source: { object: CARD.CARD_LOG }', 'source: { object: CARD.CARD_LOG, staging: { encoding: EUC-KR } }'));
    const sent = aws.statements.length;
    await assert.rejects(run('load'), (e: OperationError) => e.kind === 'invalid-spec' && /iconv -f EUC-KR -t UTF-8/.test(e.message));
    assert.equal(aws.statements.length, sent);
  });

  it('refuses an overwrite on a Parquet table before sending anything', async () => {
    ws.write('specs/card_log.table.yaml', spec.replace('{ mode: append }', '{ mode: overwrite }'));
    const sent = aws.statements.length;
    await assert.rejects(run('load'), (e: OperationError) => e.kind === 'invalid-spec');
    assert.equal(aws.statements.length, sent);
  });
});
