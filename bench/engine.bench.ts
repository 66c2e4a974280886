/**
 * Engine figures, printed side by side:
 * - a local load of 5 million rows with cleansing rules against DuckDB copying the same CSV into a
 *   table with no rules (target: at most twice as long);
 * - the first page of a preview after the query (target: within 300 ms, local);
 * - a 100,000-row Athena result read from its S3 CSV (one request) against paging (100 requests),
 *   through the real SDK against the loopback fake.
 * Run with `npm run bench:engine`.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import { awsClients } from '../server/src/backends/aws/aws-backend';
import { createAthenaEngine } from '../server/src/backends/aws/athena-engine';
import { runOperation } from '../server/src/commands/run-operation';
import type { LoadReport } from '../server/src/ops/load';
import { FakeAws, scriptAthena } from '../test/helpers/fake-aws';
import { tempWorkspace } from '../test/helpers/temp-workspace';

const rows = Number(process.env.BENCH_ROWS ?? 5_000_000);
const ms = (x: number) => `${x.toFixed(0)} ms`;

const spec = `table: bench_txn
kind: mart
source: { object: MART.BENCH_TXN }
load: { mode: overwrite }
columns:
  - { name: txn_id, oracle: NUMBER(18), nullable: false, cleansing: [trim, to_number] }
  - { name: cust_nm, oracle: VARCHAR2(100), cleansing: [trim, remove_control_chars, empty_to_null] }
  - { name: grade_cd, oracle: CHAR(3), cleansing: [rtrim] }
  - { name: txn_amt, oracle: "NUMBER(15,2)", cleansing: [trim, { null_if: ["-", "N/A"] }, to_number] }
  - { name: txn_dt, oracle: DATE, type: date, cleansing: [{ to_date: YYYYMMDD }] }
`;

async function localLoad() {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'specs/bench_txn.table.yaml': spec, 'data/.keep': '', '.tablespec/.keep': '' });
  const csv = ws.path('data/bench_txn.csv');
  const gen = await DuckDBInstance.create(':memory:');
  const c = await gen.connect();
  await c.run(
    `COPY (SELECT i AS TXN_ID, CASE WHEN i % 50 = 0 THEN '' ELSE '  고객 ' || (i % 1000) || ' ' END AS CUST_NM, CASE i % 3 WHEN 0 THEN 'A  ' WHEN 1 THEN 'B  ' ELSE 'C  ' END AS GRADE_CD, CASE WHEN i % 97 = 0 THEN 'N/A' WHEN i % 101 = 0 THEN '1.2.3' ELSE CAST((i % 100000) / 100.0 AS VARCHAR) END AS TXN_AMT, CASE WHEN i % 89 = 0 THEN '00000000' ELSE strftime(DATE '2020-01-01' + CAST(i % 1500 AS INTEGER), '%Y%m%d') END AS TXN_DT FROM range(${rows}) t(i)) TO '${csv}' (HEADER, DELIMITER ',')`,
  );
  c.closeSync();
  gen.closeSync();
  const size = statSync(csv).size;

  // The baseline: DuckDB copying the same CSV into a table with no rules.
  const plain = await DuckDBInstance.create(ws.path('.tablespec/plain.duckdb'));
  const pc = await plain.connect();
  let t = performance.now();
  await pc.run(`CREATE TABLE plain AS SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)`);
  const copyMs = performance.now() - t;
  pc.closeSync();
  plain.closeSync();

  const file = ws.path('specs/bench_txn.table.yaml');
  await runOperation({ operation: 'deploy', file, environment: 'local' });
  t = performance.now();
  const load = (await runOperation({ operation: 'load', file, environment: 'local', confirmation: { yes: true } })).result as LoadReport;
  const loadMs = performance.now() - t;

  t = performance.now();
  const preview = await runOperation({ operation: 'preview', file, environment: 'local', limit: 100 });
  const previewMs = performance.now() - t;

  console.log(`\nLocal load, ${rows.toLocaleString('en')} rows (${(size / 1024 ** 2).toFixed(0)} MB CSV)`);
  console.log(`  DuckDB copy, no rules          ${ms(copyMs)}`);
  console.log(`  TableSpec load with cleansing  ${ms(loadMs)}  (stage, count failures, overwrite in a transaction, reconcile)`);
  console.log(`  ratio ${(loadMs / copyMs).toFixed(2)} (target ≤ 2)`);
  console.log(
    `  failed conversions counted: ${Object.entries(load.failedConversions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(`  preview, first page of 100 rows: ${ms(previewMs)} including opening the database (target ≤ 300 ms); ${(preview.result as { rows: unknown[] }).rows.length} rows`);
  ws.remove();
  return { ratio: loadMs / copyMs, previewMs };
}

async function athenaResult() {
  const fake = new FakeAws();
  const endpoint = await fake.start();
  const n = 100_000;
  const data = Array.from({ length: n }, (_, i) => [String(i), `가맹점, ${i}`, String(i * 10)]);
  fake.objects.set('results/q-1.csv', `"id","mrch_nm","amt"\n${data.map((r) => r.map((v) => `"${v}"`).join(',')).join('\n')}\n`);
  scriptAthena(fake, () => ({
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'mrch_nm', type: 'varchar' },
      { name: 'amt', type: 'bigint' },
    ],
    rows: data,
    outputLocation: 's3://results/q-1.csv',
  }));
  const { athena, s3 } = awsClients({ name: 'bench', engine: 'athena', protected: false, region: 'us-east-1' }, { endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const engine = createAthenaEngine(athena, s3, { pollMs: 1, maxPollMs: 1 });

  let t = performance.now();
  let page = await engine.query('SELECT * FROM big', { pageSize: 1000 });
  let count = page.rows.length;
  while (page.more) {
    page = await page.more();
    count += page.rows.length;
  }
  const pagedMs = performance.now() - t;
  const pages = fake.count('AmazonAthena.GetQueryResults');

  t = performance.now();
  const all = await engine.query('SELECT * FROM big', { all: 's3' });
  const s3Ms = performance.now() - t;
  const gets = fake.count('S3.GetObject');
  await fake.stop();

  console.log(`\nAthena result of ${n.toLocaleString('en')} rows (through the SDK, loopback endpoint)`);
  console.log(`  GetQueryResults paging: ${pages} requests, ${count} rows, ${ms(pagedMs)}`);
  console.log(`  S3 result CSV:          ${gets} GetObject (+1 page for the column types), ${all.rows.length} rows, ${ms(s3Ms)}`);
}

(async () => {
  console.log(`TableSpec engine benchmark, node ${process.version}`);
  const local = await localLoad();
  await athenaResult();
  console.log('\nTargets:');
  console.log(`  ${local.ratio <= 2 ? 'met ' : 'MISSED'}  load with cleansing ≤ 2 × plain copy`);
  console.log(`  ${local.previewMs <= 300 ? 'met ' : 'MISSED'}  preview first page ≤ 300 ms`);
})();
