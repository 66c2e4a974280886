/**
 * Verify for real on the local engine: an extract, the table the load made of it, and defects planted
 * in the table the way migrations go wrong (a rounded decimal, a CHAR that kept its padding, a date a
 * day off, a row dropped and another duplicated in the same partition so that the count still matches,
 * a hash made with another salt). Each is found at the tier that can see it, with its row; a faithful
 * load is reported as faithful.
 */
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { openLocalBackend } from '../../server/src/backends/local/duckdb-backend';
import { runOperation } from '../../server/src/commands/run-operation';
import { runVerify, type VerifyRequest } from '../../server/src/commands/run-verify';
import { main } from '../../server/src/cli';
import { readHistory } from '../../server/src/ops/history';
import { reportMarkdown, workspaceReport } from '../../server/src/ops/report';
import type { VerifyReport } from '../../server/src/ops/verify';
import { cardNo, cardTxnColumns, cardTxnCsv, keyed } from '../helpers/card-txn-fixture';
import { tempWorkspace } from '../helpers/temp-workspace';

const salt = 'verify-test-salt-0123456789';
const workspaceFile = `defaults:\n  database: card_dw\nenvironments:\n  local:\n    engine: duckdb\n    database_file: .tablespec/test.duckdb\n    staging: data/{table}.csv\n  prod:\n    engine: duckdb\n    database_file: .tablespec/prod.duckdb\n    staging: data/{table}.csv\n`;

const spec = (table: string, primaryKey: boolean) => `table: ${table}
kind: source
source: { object: CARD.CARD_TXN${primaryKey ? ', primary_key: [txn_id]' : ''} }
load: { mode: append, partition_by: [base_dt] }
${cardTxnColumns}`;

const accounts = `table: accounts
kind: source
source: { object: CARD.ACCOUNTS }
load: { mode: upsert, keys: [acct_id], incremental_by: chg_dtm }
columns:
  - { name: acct_id, oracle: NUMBER(10), nullable: false }
  - { name: bal, oracle: "NUMBER(15,2)" }
  - { name: rate, oracle: BINARY_DOUBLE }
  - { name: chg_dtm, oracle: TIMESTAMP(3) }
  - { name: close_dt, oracle: DATE, type: date }
  - { name: acct_no, oracle: VARCHAR2(20), pii: account_no, encrypt: sha256, purge: { after: 5y, basis: close_dt, action: nullify } }
`;
const daily = `table: daily
kind: mart
source: { object: MART.DAILY, primary_key: [seq] }
load: { mode: overwrite, partition_by: [base_dt] }
columns:
  - { name: seq, oracle: NUMBER(9), nullable: false, cleansing: [to_number] }
  - { name: base_dt, oracle: DATE, type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - { name: memo, oracle: VARCHAR2(20), cleansing: [trim, empty_to_null] }
`;

const accountsCsv = (ids: number[], extra: string[] = []) =>
  ['ACCT_ID,BAL,RATE,CHG_DTM,CLOSE_DT,ACCT_NO', ...ids.map((id) => `${id},${id}.25,${id / 3},2024-03-01 10:00:00.123,${id % 2 ? '2010-01-31' : ''},110-${id}-000`), ...extra].join('\n') + '\n';

describe('verify (local engine)', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': workspaceFile,
    'specs/card_txn.table.yaml': spec('card_txn', true),
    'data/card_txn.csv': cardTxnCsv(),
    'nokey/card_txn_nokey.table.yaml': spec('card_txn_nokey', false),
    'data/card_txn_nokey.csv': cardTxnCsv(),
    'upsert/accounts.table.yaml': accounts,
    'daily/daily.table.yaml': daily,
    // A sentinel date becomes a NULL partition; a quote in a value stays a value.
    'data/daily.csv': "SEQ,BASE_DT,MEMO\n1,20240105, a \n2,00000000,b\n3,00000000,\n4,20240105,it's\n",
    'data/accounts.csv': accountsCsv(Array.from({ length: 50 }, (_x, i) => i + 1)),
  });
  after(() => ws.remove());
  const file = ws.path('specs/card_txn.table.yaml');
  const check = async (extra: Partial<VerifyRequest> = {}) => (await runVerify({ file, environment: 'local', salt, ...extra })).result;
  const sql = async (...statements: string[]) => {
    const b = await openLocalBackend(ws.path('.tablespec/test.duckdb'));
    try {
      for (const s of statements) await b.query(s);
    } finally {
      await b.close();
    }
  };
  const reload = async (spec = 'specs/card_txn.table.yaml') => {
    await runOperation({ operation: 'load', file: ws.path(spec), environment: 'local', salt, confirmation: { yes: true } });
  };

  before(async () => {
    for (const f of ['specs/card_txn.table.yaml', 'nokey/card_txn_nokey.table.yaml', 'upsert/accounts.table.yaml', 'daily/daily.table.yaml']) {
      await runOperation({ operation: 'deploy', file: ws.path(f), environment: 'local', confirmation: { yes: true } });
      await reload(f);
    }
  });

  it('reports a faithful load as faithful, at every tier, with the cleansing, conversions and hash applied to the source', async () => {
    const r = await check();
    assert.equal(r.agree, true, JSON.stringify(r, null, 2));
    assert.deepEqual([r.tier, r.counts.source, r.counts.target, r.counts.partitions], [3, 1200, 1200, 3]);
    assert.deepEqual([r.checksums!.agree, r.checksums!.partitions, r.sample!.agree], [true, [], true]);
    // The sample is a bounded part of the table, paired on the key.
    assert.ok(r.sample!.compared > 50 && r.sample!.compared < 600, String(r.sample!.compared));
    // Only aggregates and the sample travel: one row per partition and side for tiers 1-2 (one query
    // answers both), then the sampled rows.
    assert.equal(r.rowsRead.source, 3 + r.sample!.compared);
    assert.equal(r.queries, 4);
  });

  it('finds every planted defect at tier 2 with its row, while the counts still match', async () => {
    await sql(
      'UPDATE card_dw.card_txn SET amt = round(amt) WHERE txn_id = 17', // a rounded decimal (6.29 -> 6.00)
      "UPDATE card_dw.card_txn SET grade_cd = 'A  ' WHERE txn_id = 432", // padding kept on a CHAR (432 % 3 = 0: 'A')
      'UPDATE card_dw.card_txn SET aprv_dt = aprv_dt + INTERVAL 1 DAY WHERE txn_id = 850', // a date a day off
      'DELETE FROM card_dw.card_txn WHERE txn_id = 100', // dropped ...
      'INSERT INTO card_dw.card_txn SELECT * FROM card_dw.card_txn WHERE txn_id = 101', // ... and one duplicated: 400 rows still
      `UPDATE card_dw.card_txn SET card_no = sha256('another-salt-0123456789' || '${cardNo(500)}') WHERE txn_id = 500`, // another salt
    );
    const tier1 = await check({ tier: 1 });
    assert.deepEqual([tier1.agree, tier1.counts.differing, tier1.checksums, tier1.sample], [true, [], undefined, undefined]);

    const r = await check({ tier: 2 });
    assert.equal(r.agree, false);
    assert.equal(r.counts.agree, true);
    const parts = r.checksums!.partitions.map((p) => `${p.partition.base_dt} ${p.source}/${p.target} ${p.columns.join(',')}`);
    assert.deepEqual(parts, ['2024-01-01 400/400 txn_id,amt,grade_cd,aprv_dt,card_no', '2024-01-02 400/400 grade_cd,card_no', '2024-01-03 400/400 aprv_dt']);
    assert.ok(r.checksums!.buckets.length >= 3, 'the 400-row partitions were split into buckets');
    assert.ok(r.checksums!.buckets.every((b) => b.modulus === 16 && b.bucket >= 0 && b.bucket < 16));
    assert.deepEqual(keyed(r.checksums!.rows), ['100 missing ', '101 duplicate ', '17 differs amt', '432 differs grade_cd', '500 differs card_no', '850 differs aprv_dt']);
    assert.equal(r.checksums!.differingRows, 6);
    const byKey = (id: string) => r.checksums!.rows.find((x) => x.key?.txn_id === id)!;
    assert.deepEqual(byKey('17').columns, [{ column: 'amt', source: '6.29', target: '6.00' }]);
    assert.deepEqual(byKey('432').columns, [{ column: 'grade_cd', source: 'A', target: 'A  ' }]);
    assert.deepEqual(byKey('850').columns, [{ column: 'aprv_dt', source: '2024-01-11', target: '2024-01-12' }]);
    // Personal data: shown by its length only, on both sides.
    assert.deepEqual(byKey('500').columns, [{ column: 'card_no', source: '<64 chars>', target: '<64 chars>' }]);
    assert.deepEqual([byKey('101').sourceRows, byKey('101').targetRows, byKey('100').sourceRows, byKey('100').targetRows], [1, 2, 1, 0]);
    assert.deepEqual(byKey('100').partition, { base_dt: '2024-01-01' });
  });

  it('tier 3 shows the sampled rows that differ side by side, and the same seed samples the same rows', async () => {
    const all = await check({ tier: 3, bounds: { sampleRows: 5000 } });
    assert.deepEqual(all.sample!.compared, 1199);
    assert.deepEqual(keyed(all.sample!.rows), ['100 missing ', '101 duplicate ', '17 differs amt', '432 differs grade_cd', '500 differs card_no', '850 differs aprv_dt']);
    const a = await check({ tier: 3, seed: 7 });
    const b = await check({ tier: 3, seed: 7 });
    const c = await check({ tier: 3, seed: 8 });
    assert.deepEqual(a.sample, b.sample);
    assert.equal(a.sample!.compared, b.sample!.compared);
    assert.notDeepEqual(a.sample!.compared, 0);
    // Another seed picks other rows: the compared counts or the found rows change (both are seeded hash samples of ~200 of 1,200).
    assert.ok(a.sample!.compared !== c.sample!.compared || JSON.stringify(a.sample!.rows) !== JSON.stringify(c.sample!.rows));
  });

  it('finds a dropped row at tier 1, in its partition', async () => {
    await sql('DELETE FROM card_dw.card_txn WHERE txn_id = 1150');
    const r = await check({ tier: 1 });
    assert.equal(r.agree, false);
    assert.deepEqual(r.counts.differing, [{ partition: { base_dt: '2024-01-03' }, source: 400, target: 399 }]);
  });

  it('a reload makes the table faithful again', async () => {
    await reload();
    assert.equal((await check()).agree, true);
  });

  it('stops at its bounds on a systematic difference, and says where', async () => {
    // A whole partition hashed with another salt: every bucket differs.
    await sql("UPDATE card_dw.card_txn SET card_no = sha256('another-salt-0123456789' || card_no) WHERE base_dt = DATE '2024-01-02'");
    const r = await check({ tier: 2, bounds: { leafRows: 10, maxBuckets: 4, maxDepth: 2, maxRows: 5 } });
    assert.equal(r.agree, false);
    const [p] = r.checksums!.partitions;
    assert.deepEqual([r.checksums!.partitions.length, p!.partition, p!.columns], [1, { base_dt: '2024-01-02' }, ['card_no']]);
    assert.match(p!.bound!, /^16 differing buckets at level 1; the first 4 were followed/);
    assert.equal(r.checksums!.rows.length, 5);
    assert.ok(r.checksums!.rows.every((x) => x.kind === 'differs' && x.columns.length === 1 && x.columns[0]!.column === 'card_no'));
    // Followed: 4 buckets of 1/16 each, split in 16 once more and compared row by row: far fewer than 400 rows.
    assert.ok(r.checksums!.differingRows > 0 && r.checksums!.differingRows < 200, String(r.checksums!.differingRows));
    assert.ok(r.rowsRead.target < 250, String(r.rowsRead.target));
    await reload();
  });

  it('a table without a primary key is verified by tiers 1 and 2, and says so; tier 2 still finds the rows', async () => {
    const nokey = ws.path('nokey/card_txn_nokey.table.yaml');
    await sql('UPDATE card_dw.card_txn_nokey SET amt = round(amt) WHERE txn_id = 17');
    const r = (await runVerify({ file: nokey, environment: 'local', salt })).result;
    assert.deepEqual([r.tier, r.agree, r.sample, r.primaryKey], [2, false, undefined, []]);
    assert.ok(r.notes.some((n) => /primary key/.test(n)));
    // Without a key a changed row is one missing and one extra whole row.
    assert.deepEqual(r.checksums!.rows.map((x) => `${x.kind} ${x.key}`).sort(), ['extra null', 'missing null']);
  });

  it('an upsert: the key stands in for a primary key, the latest change per key wins, purges apply, and only the keys of the extract are compared', async () => {
    const f = ws.path('upsert/accounts.table.yaml');
    // A second batch: keys 40-60, and key 45 twice (the later change wins in the table).
    ws.write(
      'data/accounts.csv',
      accountsCsv(
        Array.from({ length: 21 }, (_x, i) => i + 40),
        ['45,1.00,0.5,2024-01-01 00:00:00.000,,110-45-old'],
      ),
    );
    await reload('upsert/accounts.table.yaml');
    const r = (await runVerify({ file: f, environment: 'local', salt })).result;
    assert.equal(r.agree, true, JSON.stringify(r, null, 2));
    assert.deepEqual([r.primaryKey, r.tier, r.counts.source, r.counts.target], [['acct_id'], 3, 21, 21]);
    assert.ok(r.notes.some((n) => /upsert/.test(n)) && r.notes.some((n) => /decimal places/.test(n)));
    // The older version of key 45 put back: found, with the column that differs.
    await sql("UPDATE card_dw.accounts SET bal = 1.00, chg_dtm = TIMESTAMP '2024-01-01 00:00:00' WHERE acct_id = 45");
    const d = (await runVerify({ file: f, environment: 'local', salt, tier: 2 })).result;
    assert.deepEqual(keyed(d.checksums!.rows), ['45 differs bal+chg_dtm']);
    // A purge that did not run: the hashed account number of a closed account kept.
    await reload('upsert/accounts.table.yaml');
    await sql("UPDATE card_dw.accounts SET acct_no = 'x' WHERE acct_id = 41");
    const p = (await runVerify({ file: f, environment: 'local', salt, tier: 2 })).result;
    assert.deepEqual(keyed(p.checksums!.rows), ['41 differs acct_no']);
    assert.deepEqual(p.checksums!.rows[0]!.columns, [{ column: 'acct_no', source: null, target: '<1 chars>' }]);
  });

  it('finds a row in the NULL partition that a sentinel date makes', async () => {
    const f = ws.path('daily/daily.table.yaml');
    assert.equal((await runVerify({ file: f, environment: 'local' })).result.agree, true);
    await sql("UPDATE card_dw.daily SET memo = 'b ' WHERE seq = 2");
    const r = (await runVerify({ file: f, environment: 'local', tier: 2 })).result;
    assert.deepEqual(
      r.checksums!.partitions.map((p) => [p.partition, p.columns]),
      [[{ base_dt: null }, ['memo']]],
    );
    assert.deepEqual(
      r.checksums!.rows.map((x) => [x.partition, x.key, x.columns]),
      [[{ base_dt: null }, { seq: '2' }, [{ column: 'memo', source: 'b', target: 'b ' }]]],
    );
  });

  it('compares two environments of the same spec (dev against prod), each engine computing its own aggregates', async () => {
    await runOperation({ operation: 'deploy', file, environment: 'prod', confirmation: { yes: true } });
    await runOperation({ operation: 'load', file, environment: 'prod', salt, confirmation: { yes: true } });
    // No salt: both sides are loaded tables, nothing is hashed again.
    const r = (await runVerify({ file, environment: 'local', against: 'prod' })).result;
    assert.deepEqual([r.agree, r.against, r.source, r.counts.source, r.counts.target, r.sample!.agree], [true, 'environment', 'prod', 1200, 1200, true]);
    const prod = await openLocalBackend(ws.path('.tablespec/prod.duckdb'));
    await prod.query('UPDATE card_dw.card_txn SET amt = round(amt) WHERE txn_id = 17');
    await prod.query('DELETE FROM card_dw.card_txn WHERE txn_id = 1150');
    await prod.close();
    const d = (await runVerify({ file, environment: 'local', against: 'prod', tier: 2 })).result;
    assert.deepEqual(d.counts.differing, [{ partition: { base_dt: '2024-01-03' }, source: 399, target: 400 }]);
    assert.deepEqual(keyed(d.checksums!.rows), ['1150 extra ', '17 differs amt']);
    assert.deepEqual(d.checksums!.rows.find((x) => x.kind === 'differs')!.columns, [{ column: 'amt', source: '6.00', target: '6.29' }]);
    await assert.rejects(runVerify({ file, environment: 'local', against: 'local' }), (e: { kind: string }) => e.kind === 'invalid-spec');
    await assert.rejects(runVerify({ file, environment: 'local', against: 'nowhere' }), (e: { kind: string }) => e.kind === 'invalid-spec');
  });

  it('says what is missing when it cannot compare: the salt, the extract, the table (exit 2)', async () => {
    const errors: string[] = [];
    const io = { out: () => undefined, err: (s: string) => void errors.push(s) };
    delete process.env.TABLESPEC_HASH_SALT;
    assert.equal(await main(['verify', file], io), 2);
    assert.match(errors.pop()!, /TABLESPEC_HASH_SALT/);
    const daily = ws.path('daily/daily.table.yaml');
    renameSync(ws.path('data/daily.csv'), ws.path('data/daily.csv.moved'));
    try {
      assert.equal(await main(['verify', daily], io), 2);
      assert.match(errors.pop()!, /data\/daily\.csv does not exist/);
    } finally {
      renameSync(ws.path('data/daily.csv.moved'), ws.path('data/daily.csv'));
    }
    ws.write('specs2/nodeploy.table.yaml', spec('nodeploy', true));
    assert.equal(await main(['verify', ws.path('specs2/nodeploy.table.yaml')], io), 2);
    assert.match(errors.pop()!, /card_dw\.nodeploy is not deployed on local/);
  });

  it('the command: exit 0 agree, 1 differ, 2 bad usage; JSON lists the differences; every run in the history', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
    process.env.TABLESPEC_HASH_SALT = salt;
    try {
      assert.equal(await main(['verify', file, '--format', 'json'], io), 0, err.join('\n'));
      assert.equal((JSON.parse(out.pop()!) as VerifyReport).agree, true);
      await sql('UPDATE card_dw.card_txn SET amt = round(amt) WHERE txn_id = 17');
      assert.equal(await main(['verify', file, '--format', 'json', '--tier', '2'], io), 1);
      const r = JSON.parse(out.pop()!) as VerifyReport;
      assert.deepEqual(keyed(r.checksums!.rows), ['17 differs amt']);
      assert.equal(await main(['verify', file], io), 1);
      assert.match(out.pop()!, /\| base_dt=2024-01-01 \| txn_id=17 \| differs \| amt \| 6\.29 \| 6\.00 \|/);
      for (const bad of [['--tier', '4'], ['--against', 'oracle'], ['--against', 'nowhere'], ['--format', 'xml'], ['--seed', '-1'], ['--nope']])
        assert.equal(await main(['verify', file, ...bad], io), 2, bad.join(' '));
      assert.equal(await main(['verify', file, '--env', 'staging'], io), 2);
    } finally {
      delete process.env.TABLESPEC_HASH_SALT;
    }
    const history = readHistory(ws.root).filter((h) => h.operation === 'verify');
    assert.ok(history.length >= 10);
    const last = history.filter((h) => h.table === 'card_dw.card_txn').at(-1)!;
    assert.deepEqual([last.result, last.rows], ['failed', 1200]);
    // Counts and verdicts only: no key or value of a row in the history.
    assert.doesNotMatch(JSON.stringify(history), /6\.29|txn_id=|"key"/);
  });

  it('the workspace report shows the last verify of each table', async () => {
    const report = await workspaceReport([file, ws.path('daily/daily.table.yaml'), ws.path('specs2/nodeploy.table.yaml')], 'local');
    const [txn, daily, nodeploy] = report.rows;
    // card_txn: last verified by the command above with a rounded amount (tier 3, differ); daily: agreed at tier 3 before its defect, then differed at tier 2.
    assert.deepEqual([txn!.verify?.agree, txn!.verify?.tier, daily!.verify?.agree, daily!.verify?.tier, nodeploy!.verify], [false, 3, false, 2, undefined]);
    const md = reportMarkdown(report);
    assert.match(md, /\| last verify \|/);
    assert.match(md, /\| card_dw\.card_txn \| .* \| ❌ differ \(tier 3, \d{4}-\d\d-\d\d \d\d:\d\d\) \|/);
  });

  it('stops when cancelled, and records the cancelled run', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(runVerify({ file, environment: 'local', salt, signal: controller.signal }), (e: { kind: string }) => e.kind === 'cancelled');
    assert.equal(readHistory(ws.root).at(-1)!.result, 'cancelled');
  });
});
