/**
 * The embedded engine for real: DuckDB on sample extracts that look like the real ones (blank-padded
 * CHAR, empty strings, control characters in text, numbers that do not parse, sentinel dates, Korean).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { OperationError } from '../../server/src/backends/errors';
import { runOperation, runQuery, type OperationRequest } from '../../server/src/commands/run-operation';
import { readHistory } from '../../server/src/ops/history';
import type { LoadReport } from '../../server/src/ops/load';
import type { PreviewReport, ProfileReport } from '../../server/src/ops/preview';
import type { ReconcileReport } from '../../server/src/ops/reconcile';
import type { DeployPlan } from '../../server/src/ops/deploy';
import { tempWorkspace } from '../helpers/temp-workspace';

const salt = 'test-salt-0123456789';
const sha = (v: string) =>
  createHash('sha256')
    .update(salt + v)
    .digest('hex');

const workspaceFile = `defaults:\n  database: card_dw\nenvironments:\n  local:\n    engine: duckdb\n    database_file: .tablespec/test.duckdb\n    staging: data/{table}.csv\n  safe:\n    engine: duckdb\n    database_file: .tablespec/safe.duckdb\n    staging: data/{table}.csv\n    protected: true\n`;

const customer = `table: customer
kind: source
source: { object: CARD.CUSTOMER, row_count: 5 }
load: { mode: overwrite }
columns:
  - { name: cust_no, oracle: NUMBER(12), nullable: false }
  - { name: cust_nm, oracle: VARCHAR2(100 CHAR), cleansing: [trim, remove_control_chars, empty_to_null], pii: name, encrypt: sha256, comment: "고객's 이름" }
  - { name: grade_cd, oracle: CHAR(3), cleansing: [rtrim] }
  - { name: join_dtm, oracle: DATE }
  - { name: score, oracle: "NUMBER(5,2)" }
views:
  - { name: v_customer }
  - { name: v_customer_a, columns: [cust_no, grade_cd], where: "grade_cd = 'A'" }
`;
const customerCsv =
  'CUST_NO,CUST_NM,GRADE_CD,JOIN_DTM,SCORE\n1,"  김민준 ",A  ,2019-03-02 10:15:00,12.5\n2,,B  ,2020-11-30 00:00:00,abc\n3,"박\n지호",A  ,not a date,99.99\n4,"tab\there",C  ,,\n5,Choi,A  ,2022-05-05 12:00:00,1\n';

const sales = `table: sales
kind: mart
source: { object: MART.SALES }
load:
  mode: append
  partition_by: [base_dt]
  retention: 2y
columns:
  - { name: base_dt, oracle: DATE, type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - { name: amt, oracle: "NUMBER(15,2)", cleansing: [trim, { null_if: ["-", "N/A"] }, to_number] }
  - { name: cnt, oracle: NUMBER(9), cleansing: [to_number, { default: 0 }] }
`;
const today = new Date();
const ymd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');
const old = new Date(today.getTime() - 3 * 365 * 86400_000);
const salesCsv = (rows: string[]) => `BASE_DT,AMT,CNT\n${rows.join('\n')}\n`;

const accounts = `table: accounts
kind: source
source: { object: CARD.ACCOUNTS }
load: { mode: upsert, keys: [acct_id], incremental_by: chg_dtm }
columns:
  - { name: acct_id, oracle: NUMBER(10), nullable: false }
  - { name: bal, oracle: "NUMBER(15,2)" }
  - { name: chg_dtm, oracle: TIMESTAMP(3) }
  - { name: close_dt, oracle: DATE }
  - { name: acct_no, oracle: VARCHAR2(20), pii: account_no, encrypt: sha256, purge: { after: 5y, basis: close_dt, action: nullify } }
`;

const events = `table: events
kind: source
source: { object: CARD.EVENTS }
load: { mode: append }
columns:
  - { name: ev_id, oracle: NUMBER(10), nullable: false }
  - { name: memo, oracle: VARCHAR2(50) }
`;

describe('local engine (DuckDB)', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': workspaceFile,
    'specs/customer.table.yaml': customer,
    'data/customer.csv': customerCsv,
    'specs/sales.table.yaml': sales,
    'specs/accounts.table.yaml': accounts,
    'specs/events.table.yaml': events,
    'data/events.csv': 'EV_ID,MEMO\n1,a\n2,b\n',
  });
  after(() => ws.remove());
  const run = async <T>(operation: OperationRequest['operation'], spec: string, extra: Partial<OperationRequest> = {}) =>
    (await runOperation({ operation, file: ws.path(`specs/${spec}.table.yaml`), environment: 'local', salt, confirmation: { yes: true }, ...extra })).result as T;
  const rows = async (sql: string) => (await runQuery(ws.root, 'local', sql, 1000)).rows;

  before(async () => {
    for (const spec of ['customer', 'sales', 'accounts', 'events']) await run('deploy', spec);
  });

  it('deploys: a second plan finds nothing to change', async () => {
    const plan = await run<DeployPlan>('plan', 'customer');
    assert.deepEqual(
      plan.changes.filter((c) => c.kind !== 'view'),
      [],
    );
    const cols = await rows("SELECT column_name, data_type, comment FROM duckdb_columns() WHERE schema_name = 'card_dw' AND table_name = 'customer' ORDER BY column_index");
    assert.deepEqual(
      cols.map((c) => `${c.column_name} ${c.data_type}`),
      ['cust_no BIGINT', 'cust_nm VARCHAR', 'grade_cd VARCHAR', 'join_dtm TIMESTAMP_MS', 'score DECIMAL(5,2)'],
    );
    assert.equal(cols[1]!.comment, "고객's 이름");
  });

  it('overwrites with cleansing, conversion and salted hashing, and counts what did not convert', async () => {
    const r = await run<LoadReport>('load', 'customer');
    assert.equal(r.staged, 5);
    assert.deepEqual(r.failedConversions, { join_dtm: 1, score: 1 });
    assert.equal(r.rowsAfter, 5);
    assert.deepEqual(r.reconcile, { table: 'card_dw.customer', expected: 5, expectedFrom: 'staging', actual: 5, matched: true, partitions: [] });
    const got = await rows('SELECT cust_no, cust_nm, grade_cd, CAST(join_dtm AS VARCHAR) AS j, CAST(score AS VARCHAR) AS s FROM card_dw.customer ORDER BY cust_no');
    assert.deepEqual(got, [
      { cust_no: 1, cust_nm: sha('김민준'), grade_cd: 'A', j: '2019-03-02 10:15:00', s: '12.50' },
      { cust_no: 2, cust_nm: null, grade_cd: 'B', j: '2020-11-30 00:00:00', s: null },
      { cust_no: 3, cust_nm: sha('박지호'), grade_cd: 'A', j: null, s: '99.99' },
      { cust_no: 4, cust_nm: sha('tabhere'), grade_cd: 'C', j: null, s: null },
      { cust_no: 5, cust_nm: sha('Choi'), grade_cd: 'A', j: '2022-05-05 12:00:00', s: '1.00' },
    ]);
  });

  it('re-running an overwrite gives the same table', async () => {
    await run('load', 'customer');
    assert.deepEqual(await rows('SELECT count(*) AS n FROM card_dw.customer'), [{ n: 5 }]);
  });

  it('a load that fails half-way leaves the old rows', async () => {
    ws.write('data/customer.csv', 'CUST_NO,CUST_NM,GRADE_CD,JOIN_DTM,SCORE\n10,a,A,,1\n,b,B,,2\n');
    await assert.rejects(run('load', 'customer'), (e: OperationError) => e.kind === 'query-failed' && /NOT NULL/i.test(e.message));
    assert.deepEqual(await rows('SELECT count(*) AS n, min(cust_no) AS lo FROM card_dw.customer'), [{ n: 5, lo: 1 }]);
    ws.write('data/customer.csv', customerCsv);
  });

  it('stops an overwrite from an extract with no rows unless an empty table is confirmed', async () => {
    ws.write('data/customer.csv', 'CUST_NO,CUST_NM,GRADE_CD,JOIN_DTM,SCORE\n');
    await assert.rejects(run('load', 'customer'), (e: OperationError) => e.kind === 'needs-confirmation' && e.ask?.emptyTable === true);
    assert.deepEqual(await rows('SELECT count(*) AS n FROM card_dw.customer'), [{ n: 5 }]);
    const r = await run<LoadReport>('load', 'customer', { confirmation: { yes: true, emptyTable: true } });
    assert.deepEqual([r.staged, r.rowsAfter], [0, 0]);
    ws.write('data/customer.csv', customerCsv);
    await run('load', 'customer');
  });

  it('appends by partition: re-running the same batch replaces its partitions instead of duplicating', async () => {
    ws.write('data/sales.csv', salesCsv([`${ymd(today)}, 100.50 ,2`, `${ymd(today)},-,1`, `${ymd(today)},N/A,x`, '00000000,5,1', `${ymd(old)},7,1`]));
    const first = await run<LoadReport>('load', 'sales');
    assert.deepEqual(first.failedConversions, { cnt: 1 });
    // The old partition is past the 2-year retention: deleted after the load.
    assert.equal(first.retentionDeleted, 1);
    const again = await run<LoadReport>('load', 'sales');
    assert.equal(again.rowsAfter, first.rowsAfter);
    const got = await rows('SELECT CAST(base_dt AS VARCHAR) AS d, CAST(amt AS VARCHAR) AS amt, cnt FROM card_dw.sales ORDER BY d NULLS FIRST, amt NULLS FIRST, cnt');
    const d = today.toISOString().slice(0, 10);
    assert.deepEqual(got, [
      { d: null, amt: '5.00', cnt: 1 },
      { d, amt: null, cnt: 0 },
      { d, amt: null, cnt: 1 },
      { d, amt: '100.50', cnt: 2 },
    ]);
  });

  it('reconciles an overwrite against what the load kept: rows past the retention are not missing', async () => {
    ws.write('specs/daily.table.yaml', sales.replace('table: sales', 'table: daily').replace('mode: append', 'mode: overwrite'));
    ws.write('data/daily.csv', salesCsv([`${ymd(today)},1,1`, `${ymd(old)},2,1`]));
    await run('deploy', 'daily');
    const r = await run<LoadReport>('load', 'daily');
    assert.deepEqual([r.staged, r.retentionDeleted, r.deletedOnPurpose, r.rowsAfter], [2, 1, 1, 1]);
    assert.deepEqual([r.reconcile?.expected, r.reconcile?.matched], [1, true]);
  });

  it('appends an unpartitioned batch once: the same extract again is skipped', async () => {
    const first = await run<LoadReport>('load', 'events');
    assert.equal(first.rowsAfter, 2);
    const again = await run<LoadReport>('load', 'events');
    assert.match(again.skipped ?? '', /already appended/);
    assert.deepEqual(await rows('SELECT count(*) AS n FROM card_dw.events'), [{ n: 2 }]);
    ws.write('data/events.csv', 'EV_ID,MEMO\n3,c\n');
    assert.equal((await run<LoadReport>('load', 'events')).rowsAfter, 3);
  });

  it('upserts on the keys: changed rows updated, new rows inserted, the latest change wins', async () => {
    ws.write('data/accounts.csv', 'ACCT_ID,BAL,CHG_DTM,CLOSE_DT,ACCT_NO\n1,100,2024-01-01 00:00:00,,110-1\n2,200,2024-01-01 00:00:00,,110-2\n');
    await run('load', 'accounts');
    ws.write('data/accounts.csv', 'ACCT_ID,BAL,CHG_DTM,CLOSE_DT,ACCT_NO\n2,250,2024-02-01 00:00:00,,110-2\n2,240,2024-01-15 00:00:00,,110-2\n3,300,2024-02-01 00:00:00,2010-01-01 00:00:00,110-3\n');
    const r = await run<LoadReport>('load', 'accounts');
    // Account 3 closed more than 5 years ago: its number is purged in the same load.
    assert.deepEqual(r.purged, { acct_no: 1 });
    const got = await rows('SELECT acct_id, CAST(bal AS VARCHAR) AS bal, acct_no FROM card_dw.accounts ORDER BY acct_id');
    assert.deepEqual(got, [
      { acct_id: 1, bal: '100.00', acct_no: sha('110-1') },
      { acct_id: 2, bal: '250.00', acct_no: sha('110-2') },
      { acct_id: 3, bal: '300.00', acct_no: null },
    ]);
  });

  it('leaves out and counts upsert rows whose key does not convert, load after load', async () => {
    // acct_id is NOT NULL: a key that did not convert would fail the whole MERGE, or (nullable) be inserted on every load.
    ws.write('data/accounts.csv', 'ACCT_ID,BAL,CHG_DTM,CLOSE_DT,ACCT_NO\nx1,1,2024-03-01 00:00:00,,110-9\n,2,2024-03-01 00:00:00,,110-8\n4,400,2024-03-01 00:00:00,,110-4\n');
    for (let i = 0; i < 2; i++) {
      const r = await run<LoadReport>('load', 'accounts');
      assert.equal(r.rejectedKeys, 2);
      assert.deepEqual(r.failedConversions, { acct_id: 1 });
    }
    assert.deepEqual(await rows('SELECT acct_id FROM card_dw.accounts ORDER BY acct_id'), [{ acct_id: 1 }, { acct_id: 2 }, { acct_id: 3 }, { acct_id: 4 }]);
  });

  it('asks before destroying: overwrite, retention and purge need a confirmation', async () => {
    await assert.rejects(run('load', 'customer', { confirmation: {} }), (e: OperationError) => e.kind === 'needs-confirmation' && /replace every row of card_dw.customer/.test(e.message));
    await assert.rejects(run('load', 'accounts', { confirmation: {} }), (e: OperationError) => e.kind === 'needs-confirmation' && /null acct_no where close_dt is older than 5y/.test(e.message));
  });

  it('on a protected environment, wants the table name typed', async () => {
    const protectedRun = (confirmation: OperationRequest['confirmation']) => runOperation({ operation: 'deploy', file: ws.path('specs/events.table.yaml'), environment: 'safe', confirmation });
    await assert.rejects(protectedRun({ yes: true }), (e: OperationError) => {
      assert.equal(e.kind, 'needs-confirmation');
      assert.equal(e.message, 'Environment `safe` is protected: type the table name to confirm (--confirm events).');
      // What the editor asks: the same, without the command-line flag, and the name to type.
      assert.deepEqual(e.ask, { prompt: 'Environment `safe` is protected.', typeTable: 'events' });
      return true;
    });
    await protectedRun({ typedTable: 'events' });
  });

  it('reconciles per partition and against a given count', async () => {
    const r = await run<ReconcileReport>('reconcile', 'sales', { expected: 4 });
    assert.equal(r.table, 'card_dw.sales');
    assert.equal(r.actual, 4);
    assert.equal(r.matched, true);
    assert.equal(r.partitions.length, 2);
    const mismatch = await run<ReconcileReport>('reconcile', 'customer');
    assert.deepEqual([mismatch.expected, mismatch.expectedFrom, mismatch.matched], [5, 'source.row_count', true]);
  });

  it('previews typed rows, page by page', async () => {
    const r = await run<PreviewReport>('preview', 'customer', { limit: 2 });
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['cust_no', 'cust_nm', 'grade_cd', 'join_dtm', 'score'],
    );
    assert.equal(r.rows.length, 2);
    assert.equal(typeof r.rows[0]!.cust_no, 'number');
  });

  it('profiles every column in one query', async () => {
    const p = await run<ProfileReport>('profile', 'customer');
    assert.equal(p.rows, 5);
    const grade = p.columns.find((c) => c.name === 'grade_cd')!;
    assert.deepEqual([grade.nulls, grade.distinct, grade.min, grade.max, grade.top[0]], [0, 3, 'A', 'C', 'A']);
    const score = p.columns.find((c) => c.name === 'score')!;
    assert.deepEqual([score.nulls, score.min, score.max], [2, '1.00', '99.99']);
  });

  it('creates views that leave hashed columns out unless named, with their filter', async () => {
    const cols = await rows("SELECT column_name FROM duckdb_columns() WHERE table_name = 'v_customer' ORDER BY column_index");
    assert.deepEqual(
      cols.map((c) => c.column_name),
      ['cust_no', 'grade_cd', 'join_dtm', 'score'],
    );
    assert.deepEqual(await rows('SELECT cust_no FROM card_dw.v_customer_a ORDER BY cust_no'), [{ cust_no: 1 }, { cust_no: 3 }, { cust_no: 5 }]);
  });

  it('refuses a view whose filter smuggles SQL, and runs no statement', async () => {
    ws.write('specs/customer.table.yaml', customer.replace(`where: "grade_cd = 'A'"`, `where: "grade_cd = 'A'; DROP TABLE card_dw.customer"`));
    // The checker already refuses it, so it never reaches the engine (and the engine's SQL layer would refuse it too).
    await assert.rejects(run('deploy', 'customer'), (e: OperationError) => e.kind === 'invalid-spec' && /unsafe-sql/.test(e.message));
    assert.deepEqual(await rows('SELECT count(*) AS n FROM card_dw.customer'), [{ n: 5 }]);
    ws.write('specs/customer.table.yaml', customer);
  });

  it('refuses a spec with errors before it reaches the engine', async () => {
    ws.write('specs/broken.table.yaml', 'table: broken\nkind: source\nsource: { object: CARD.BROKEN }\nload: { mode: overwrite }\ncolumns:\n  - { name: a, oracle: NUMBER(39) }\n');
    await assert.rejects(
      runOperation({ operation: 'deploy', file: ws.path('specs/broken.table.yaml'), environment: 'local' }),
      (e: OperationError) => e.kind === 'invalid-spec' && /line 6: oracle-type-limit/.test(e.message),
    );
  });

  it('plans a dropped column as destructive and asks before applying it', async () => {
    ws.write('specs/events.table.yaml', events.replace('  - { name: memo, oracle: VARCHAR2(50) }\n', '  - { name: kind_cd, oracle: VARCHAR2(2) }\n'));
    const plan = await run<DeployPlan>('plan', 'events');
    assert.deepEqual(
      plan.changes.map((c) => `${c.safety} ${c.kind} ${c.target}`),
      ['safe add-column card_dw.events.kind_cd', 'destructive drop-column card_dw.events.memo'],
    );
    await assert.rejects(run('deploy', 'events', { confirmation: {} }), (e: OperationError) => e.kind === 'needs-confirmation' && /destroy: drop-column card_dw.events.memo/.test(e.message));
    await run('deploy', 'events');
    assert.deepEqual((await run<DeployPlan>('plan', 'events')).changes, []);
    ws.write('specs/events.table.yaml', events);
  });

  it('cancels a long query', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const p = runQuery(ws.root, 'local', 'SELECT count(*) FROM range(100000000000) a', 10, controller.signal);
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(p, (e: OperationError) => e.kind === 'cancelled');
    assert.ok(Date.now() - started < 5000);
  });

  it('keeps a history of deploys, loads and reconciles', () => {
    const h = readHistory(ws.root);
    assert.ok(h.length >= 10);
    const failed = h.find((e) => e.operation === 'load' && e.result === 'failed')!;
    assert.equal(failed.table, 'card_dw.customer');
    assert.match(failed.error ?? '', /NOT NULL/i);
    assert.ok(h.every((e) => e.user && e.at && e.environment));
    assert.ok(h.some((e) => e.operation === 'load' && e.result === 'skipped'));
  });
});
