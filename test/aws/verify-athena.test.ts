/**
 * Verify on Athena, through the real SDK against the strict emulator: the extract staged by the load's own
 * staging and salt tables and compared with the loaded Iceberg table by Trino SQL; tier 1 read from Iceberg
 * metadata where no delete file makes it inexact; bytes scanned and their cost per query; the planted
 * defects of the local test found at the same tiers with the same rows; the same table on the local engine
 * compared with Athena's through the portable hash; the workgroup's scan limit said plainly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runOperation, type OperationRequest } from '../../server/src/commands/run-operation';
import { runVerify, type VerifyRequest } from '../../server/src/commands/run-verify';
import { verifyCommand } from '../../server/src/cli/verify-command';
import { writeFileSync } from 'node:fs';
import { readHistory } from '../../server/src/ops/history';
import { clients, runAthena } from '../helpers/aws-emulator/client';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator/index';
import { cardNo, cardTxnColumns, cardTxnCsv, keyed } from '../helpers/card-txn-fixture';
import { tempWorkspace } from '../helpers/temp-workspace';

const salt = 'verify-athena-salt-0123456789';
const workspace = `defaults:
  database: card_dw
environments:
  local:
    engine: duckdb
    database_file: .tablespec/test.duckdb
    staging: data/{table}.csv
  dev:
    engine: athena
    region: ap-northeast-2
    workgroup: primary
    salt_location: s3://card-secure-dev/tablespec-salt/
    warehouse: s3://card-lake-dev/{database}/{table}/
    staging: s3://card-raw-dev/{database}/{table}/
`;
const spec = `table: card_txn
kind: source
source: { object: CARD.CARD_TXN, primary_key: [txn_id] }
storage: { format: iceberg }
load: { mode: overwrite, partition_by: [base_dt] }
${cardTxnColumns}`;
// 10 MB, Athena's minimum billed per query, at $5 per TB.
const minimumCost = (10 * 1024 * 1024 * 5) / 1024 ** 4;

describe('verify on Athena (emulator)', () => {
  let aws: AwsEmulator;
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/card_txn.table.yaml': spec, 'data/card_txn.csv': cardTxnCsv() });
  const file = ws.path('specs/card_txn.table.yaml');
  const saved = { ...process.env };
  const check = async (extra: Partial<VerifyRequest> = {}) => (await runVerify({ file, environment: 'dev', salt, ...extra })).result;
  const athena = async (...statements: string[]) => {
    const { athena: client } = clients(aws);
    for (const sql of statements) {
      const r = await runAthena(client, sql);
      assert.equal(r.execution.Status?.State, 'SUCCEEDED', `${sql}: ${r.execution.Status?.StateChangeReason}`);
    }
    client.destroy();
  };
  const load = (environment: string) => runOperation({ operation: 'load', file, environment, salt, confirmation: { yes: true } } as OperationRequest);
  const since = (n: number) => aws.statements.slice(n).map((s) => s.sql);

  before(async () => {
    aws = await startAwsEmulator({ databases: ['card_dw'], buckets: ['card-secure-dev'], workgroups: { primary: { outputLocation: 's3://card-athena-results-dev/' } } });
    process.env.TABLESPEC_AWS_ENDPOINT = aws.endpoint;
    process.env.TABLESPEC_ATHENA_POLL_MS = '5';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    aws.s3.put('card-raw-dev', 'card_dw/card_txn/part-0001.csv', cardTxnCsv());
    for (const environment of ['local', 'dev']) {
      await runOperation({ operation: 'deploy', file, environment, confirmation: { yes: true } } as OperationRequest);
      await load(environment);
    }
  });
  after(async () => {
    process.env = saved;
    await aws.stop();
    ws.remove();
  });

  it('reports a faithful load as faithful at every tier, with the bytes each query scanned and its cost', async () => {
    const first = aws.statements.length;
    const r = await check();
    assert.equal(r.agree, true, JSON.stringify(r, null, 2));
    assert.deepEqual([r.tier, r.counts.source, r.counts.target, r.counts.partitions, r.checksums!.agree, r.sample!.agree], [3, 1200, 1200, 3, true, true]);
    assert.ok(r.sample!.compared > 50 && r.sample!.compared < 600, String(r.sample!.compared));
    // The table's Iceberg metadata first (for the estimate), then one query per side for tiers 1-2 and one
    // per side for tier 3; each scanned the side it reads and cost the minimum.
    assert.deepEqual(
      r.scans!.queries.map((q) => `${q.side} ${q.tier} ${q.bytesScanned > 0}`),
      ['target 1 false', 'source 1 true', 'target 1 true', 'source 3 true', 'target 3 true'],
    );
    assert.ok(r.scans!.queries.every((q) => q.costUsd === minimumCost));
    // The estimate made before running: the extract's objects and the table's data files, once per tier.
    // (The source side reads the extract and the one-row salt table's file: the salt's hex and a line break.)
    const extractBytes = Buffer.byteLength(cardTxnCsv()) + Buffer.from(salt).toString('hex').length + 1;
    const [t2, t3] = r.estimate!.tiers;
    assert.deepEqual([t2!.tier, t3!.tier, r.estimate!.unknown, r.estimate!.overLimit], [2, 3, [], false]);
    const scanned = r.scans!.queries[1]!.bytesScanned + r.scans!.queries[2]!.bytesScanned;
    assert.equal(r.scans!.queries[1]!.bytesScanned, extractBytes);
    assert.ok(Math.abs(t2!.bytes - scanned) <= 3 && t3!.bytes === t2!.bytes, `${t2!.bytes} ${scanned}`);
    assert.equal(
      r.scans!.bytesScanned,
      r.scans!.queries.reduce((a, q) => a + q.bytesScanned, 0),
    );
    // The source side is the load's own staged SQL: the staging table, the salt joined from its one-row table, never in the text.
    const sent = since(first);
    assert.ok(sent.some((s) => /FROM "card_dw"\."card_txn__staging" CROSS JOIN "card_dw"\."card_txn__salt"/.test(s)));
    assert.ok(sent.every((s) => !s.includes(salt)));
    // The staging and salt tables are dropped afterwards, the salt's file deleted.
    assert.equal(aws.glue.table('card_dw', 'card_txn__staging'), undefined);
    assert.equal(aws.glue.table('card_dw', 'card_txn__salt'), undefined);
    assert.deepEqual(aws.s3.keys('card-secure-dev'), []);
    // The history keeps what was scanned and what it cost, never a value.
    const last = readHistory(ws.root)
      .filter((h) => h.operation === 'verify')
      .at(-1)!;
    assert.deepEqual(last.detail?.scanned, { bytes: r.scans!.bytesScanned, costUsd: r.scans!.costUsd, queries: 5 });
    assert.deepEqual(last.detail?.estimate, { bytes: r.estimate!.bytes, costUsd: r.estimate!.costUsd, overLimit: false });
  });

  it('tier 1 reads the target count from Iceberg metadata, and scans only partitions with delete files', async () => {
    let first = aws.statements.length;
    const clean = await check({ tier: 1 });
    assert.equal(clean.agree, true);
    assert.deepEqual(clean.metadataCounts, [{ side: 'target', partitions: 3, scanned: 0 }]);
    let sent = since(first);
    assert.ok(sent.some((s) => /FROM "card_dw"\."card_txn\$files"/.test(s)));
    // No query read the table's rows: only the extract was scanned.
    assert.ok(!sent.some((s) => /FROM "card_dw"\."card_txn"[ )]/.test(s)), sent.join('\n'));
    assert.deepEqual(
      clean.scans!.queries.map((q) => [q.side, q.bytesScanned > 0]),
      [
        ['target', false],
        ['source', true],
      ],
    );
    // Tier 1 alone is estimated at the extract only: the table's count costs no scan.
    assert.deepEqual(
      clean.estimate!.tiers.map((t) => [t.tier, t.bytes]),
      [[1, Buffer.byteLength(cardTxnCsv()) + Buffer.from(salt).toString('hex').length + 1]],
    );

    // A DELETE leaves a position delete file in its partition (merge-on-read): that partition is counted by a scan.
    await athena('DELETE FROM "card_dw"."card_txn" WHERE "txn_id" = 1150');
    first = aws.statements.length;
    const r = await check({ tier: 1 });
    assert.equal(r.agree, false);
    assert.deepEqual(r.counts.differing, [{ partition: { base_dt: '2024-01-03' }, source: 400, target: 399 }]);
    assert.deepEqual(r.metadataCounts, [{ side: 'target', partitions: 2, scanned: 1 }]);
    sent = since(first);
    assert.ok(
      sent.some((s) => /FROM \(SELECT .* FROM "card_dw"\."card_txn"\) AS target_side WHERE \("base_dt" = CAST\('2024-01-03' AS date\)\)/.test(s)),
      sent.join('\n'),
    );
  });

  it('finds every planted defect at tier 2 with its row, and again in the tier-3 sample', async () => {
    await load('dev');
    assert.equal((await check({ tier: 2 })).agree, true);
    await athena(
      'UPDATE "card_dw"."card_txn" SET "amt" = round("amt") WHERE "txn_id" = 17',
      `UPDATE "card_dw"."card_txn" SET "grade_cd" = 'A  ' WHERE "txn_id" = 432`,
      `UPDATE "card_dw"."card_txn" SET "aprv_dt" = "aprv_dt" + INTERVAL '1' DAY WHERE "txn_id" = 850`,
      'DELETE FROM "card_dw"."card_txn" WHERE "txn_id" = 100',
      'INSERT INTO "card_dw"."card_txn" SELECT * FROM "card_dw"."card_txn" WHERE "txn_id" = 101',
      `UPDATE "card_dw"."card_txn" SET "card_no" = lower(to_hex(sha256(to_utf8('another-salt-0123456789' || '${cardNo(500)}')))) WHERE "txn_id" = 500`,
    );
    const tier1 = await check({ tier: 1 });
    assert.deepEqual([tier1.agree, tier1.counts.differing], [true, []]);
    const r = await check({ tier: 2 });
    assert.deepEqual([r.agree, r.counts.agree], [false, true]);
    const parts = r.checksums!.partitions.map((p) => `${p.partition.base_dt} ${p.source}/${p.target} ${p.columns.join(',')}`);
    assert.deepEqual(parts, ['2024-01-01 400/400 txn_id,amt,grade_cd,aprv_dt,card_no', '2024-01-02 400/400 grade_cd,card_no', '2024-01-03 400/400 aprv_dt']);
    assert.ok(r.checksums!.buckets.length >= 3 && r.checksums!.buckets.every((b) => b.modulus === 16 && b.bucket >= 0 && b.bucket < 16));
    assert.deepEqual(keyed(r.checksums!.rows), ['100 missing ', '101 duplicate ', '17 differs amt', '432 differs grade_cd', '500 differs card_no', '850 differs aprv_dt']);
    const byKey = (id: string) => r.checksums!.rows.find((x) => x.key?.txn_id === id)!;
    assert.deepEqual(byKey('17').columns, [{ column: 'amt', source: '6.29', target: '6.00' }]);
    assert.deepEqual(byKey('432').columns, [{ column: 'grade_cd', source: 'A', target: 'A  ' }]);
    assert.deepEqual(byKey('850').columns, [{ column: 'aprv_dt', source: '2024-01-11', target: '2024-01-12' }]);
    assert.deepEqual(byKey('500').columns, [{ column: 'card_no', source: '<64 chars>', target: '<64 chars>' }]);
    // Drilling costs queries on Athena too: every one is listed with its bytes and cost.
    assert.ok(r.scans!.queries.length > 2 && r.scans!.queries.length === r.queries);

    const all = await check({ tier: 3, bounds: { sampleRows: 5000 } });
    assert.equal(all.sample!.compared, 1199);
    assert.deepEqual(keyed(all.sample!.rows), keyed(r.checksums!.rows));
  });

  it('compares the local table with Athena through the portable hash: equal where equal, the planted rows where not', async () => {
    // The defects above are on Athena only: the local table (the source side here) is the faithful one.
    const r = await check({ tier: 3, against: 'local', bounds: { sampleRows: 5000 } });
    assert.equal(r.against, 'environment');
    assert.deepEqual(keyed(r.checksums!.rows), ['100 missing ', '101 duplicate ', '17 differs amt', '432 differs grade_cd', '500 differs card_no', '850 differs aprv_dt']);
    assert.deepEqual(keyed(r.sample!.rows), keyed(r.checksums!.rows));
    await load('dev');
    const same = await check({ against: 'local' });
    assert.equal(same.agree, true, JSON.stringify(same.checksums, null, 2));
    // Both engines' partitions line up by their canonical text.
    assert.deepEqual([same.counts.partitions, same.counts.source, same.counts.target], [3, 1200, 1200]);
  });

  it('asks before running above verify.max_scan_gb, with the estimate per tier; --yes runs', async () => {
    const config = ws.path('tablespec.yaml');
    writeFileSync(config, `${workspace}verify:\n  max_scan_gb: 0.00001\n`);
    try {
      const first = aws.statements.length;
      await assert.rejects(
        check({ tier: 2 }),
        (e: Error & { kind?: string }) => e.kind === 'needs-confirmation' && /max_scan_gb/.test(e.message) && /tier 2: \d+(\.\d)? KB \(\$0\.0000\d+\)/.test(e.message),
      );
      // Nothing but the salt table's one-row check and the metadata was read: the extract and the table were not scanned.
      const sent = since(first).filter((s) => /^SELECT/.test(s));
      assert.deepEqual(
        sent.map((s) => (/\$files/.test(s) ? '$files' : /AS salt_rows FROM "card_dw"."card_txn__salt"$/.test(s) ? 'salt' : s)),
        ['salt', '$files'],
      );
      assert.equal(aws.glue.table('card_dw', 'card_txn__staging'), undefined);
      // The command line says so and exits 2; --yes runs.
      const out: string[] = [];
      process.env.TABLESPEC_HASH_SALT = salt;
      const code = await verifyCommand([file, '--env', 'dev', '--tier', '1'], { out: (s) => out.push(s), err: (s) => out.push(s) });
      assert.equal(code, 2);
      assert.match(out.join('\n'), /--yes/);
      const yes = await check({ tier: 2, yes: true });
      assert.deepEqual([yes.agree, yes.estimate!.overLimit, yes.estimate!.limitGb], [true, true, 0.00001]);
      // Under the limit nothing is asked.
      writeFileSync(config, `${workspace}verify:\n  max_scan_gb: 1\n`);
      assert.equal((await check({ tier: 1 })).estimate!.overLimit, false);
    } finally {
      writeFileSync(config, workspace);
    }
  });

  it("says plainly when the workgroup's per-query scan limit stops a query", async () => {
    // The API's smallest cutoff is 10,000,000 bytes: an extract part larger than that makes the source's scan reach it.
    const big = Array.from({ length: 220_000 }, (_x, i) => `${100_000 + i},2024-01-01,1.00,A  ,20240101,${cardNo(1)}`).join('\n') + '\n';
    aws.s3.put('card-raw-dev', 'card_dw/card_txn/part-0002.csv', big);
    aws.athena.workgroup('primary', { outputLocation: 's3://card-athena-results-dev/', bytesScannedCutoffPerQuery: 10_000_000 });
    try {
      await assert.rejects(check({ tier: 2 }), (e: Error & { kind?: string }) => e.kind === 'scan-limit' && /BytesScannedCutoffPerQuery/.test(e.message) && /primary/.test(e.message));
      const stopped = aws.statements.filter((s) => s.state === 'CANCELLED');
      assert.ok(stopped.length >= 1 && stopped.every((s) => s.cancelReason === 'Bytes scanned limit was exceeded'));
      // The staging and salt tables are dropped even so.
      assert.equal(aws.glue.table('card_dw', 'card_txn__staging'), undefined);
    } finally {
      aws.s3.delete('card-raw-dev', 'card_dw/card_txn/part-0002.csv');
      aws.athena.workgroup('primary', { outputLocation: 's3://card-athena-results-dev/' });
    }
  });
});

describe('verify an upsert on Athena (emulator)', () => {
  let aws: AwsEmulator;
  const accounts = `table: accounts
kind: source
source: { object: CARD.ACCOUNTS, primary_key: [acct_id] }
storage: { format: iceberg }
load: { mode: upsert, keys: [acct_id], incremental_by: chg_dtm }
columns:
  - { name: acct_id, oracle: NUMBER(10), nullable: false }
  - { name: bal, oracle: "NUMBER(15,2)" }
  - { name: rate, oracle: BINARY_DOUBLE }
  - { name: chg_dtm, oracle: TIMESTAMP(3) }
  - { name: acct_no, oracle: VARCHAR2(20), pii: account_no, encrypt: sha256 }
`;
  const extract = (ids: number[], extra: string[] = []) =>
    ['ACCT_ID,BAL,RATE,CHG_DTM,ACCT_NO', ...ids.map((id) => `${id},${id}.25,${id / 3},2024-03-01 10:00:00.123,110-${id}-000`), ...extra].join('\n') + '\n';
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/accounts.table.yaml': accounts });
  const file = ws.path('specs/accounts.table.yaml');
  const saved = { ...process.env };
  const check = async (extra: Partial<VerifyRequest> = {}) => (await runVerify({ file, environment: 'dev', salt, ...extra })).result;
  const load = () => runOperation({ operation: 'load', file, environment: 'dev', salt, confirmation: { yes: true } } as OperationRequest);

  before(async () => {
    aws = await startAwsEmulator({ databases: ['card_dw'], buckets: ['card-secure-dev'], workgroups: { primary: { outputLocation: 's3://card-athena-results-dev/' } } });
    process.env.TABLESPEC_AWS_ENDPOINT = aws.endpoint;
    process.env.TABLESPEC_ATHENA_POLL_MS = '5';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    await runOperation({ operation: 'deploy', file, environment: 'dev', confirmation: { yes: true } } as OperationRequest);
    aws.s3.put('card-raw-dev', 'card_dw/accounts/part-0001.csv', extract(Array.from({ length: 40 }, (_x, i) => i + 1)));
    await load();
    // The next batch: ten keys again (one changed twice, the latest wins), five new ones.
    aws.s3.put('card-raw-dev', 'card_dw/accounts/part-0001.csv', extract([...Array.from({ length: 10 }, (_x, i) => i + 31), 41, 42, 43, 44, 45], ['35,99.99,0.5,2024-03-01 09:00:00.000,110-35-000']));
    await load();
  });
  after(async () => {
    process.env = saved;
    await aws.stop();
    ws.remove();
  });

  it("compares the extract's latest row per key with the table's rows of those keys: floating point and timestamps within their tolerance", async () => {
    const r = await check();
    assert.equal(r.agree, true, JSON.stringify(r, null, 2));
    assert.deepEqual([r.counts.source, r.counts.target], [15, 15]);
    assert.ok(r.notes.some((n) => /upsert keeps earlier loads/.test(n)));
    assert.ok(r.notes.some((n) => /6 decimal places/.test(n)) && r.notes.some((n) => /millisecond/.test(n)));
    assert.equal(r.sample!.agree, true);
  });

  it('finds a key whose latest change was lost (the older one kept)', async () => {
    const { athena: client } = clients(aws);
    await runAthena(client, `UPDATE "card_dw"."accounts" SET "bal" = 99.99, "rate" = 0.5, "chg_dtm" = TIMESTAMP '2024-03-01 09:00:00.000' WHERE "acct_id" = 35`);
    client.destroy();
    const r = await check({ tier: 2 });
    assert.deepEqual([r.agree, r.counts.agree], [false, true]);
    assert.deepEqual(
      r.checksums!.rows.map((x) => `${x.key!.acct_id} ${x.kind} ${x.columns.map((c) => `${c.column}:${c.source}->${c.target}`).join(',')}`),
      ['35 differs bal:35.25->99.99,rate:11.666667->0.500000,chg_dtm:2024-03-01 10:00:00.123->2024-03-01 09:00:00.000'],
    );
  });
});
