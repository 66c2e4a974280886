/**
 * Verify figures on the local engine, printed side by side:
 * - tiers 1-2 on a faithful load of BENCH_ROWS rows (default 10 million, 30 partitions) against one scan
 *   of the table and one scan of the extract through the load's SQL (the least any comparison reads);
 * - the same after one value is changed: tier 2 drills down to the row;
 * - the rows that leave the engine per side (aggregates and compared rows), counted by verify itself;
 * - tier 2's per-partition query on the table with DuckDB's hash and with the portable MD5-based hash
 *   that sides on different engines use (local against Athena or Oracle): what the portable hash costs.
 * Run with `npm run bench:verify` (BENCH_ROWS=1000000 for a quicker run).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import { openLocalBackend } from '../server/src/backends/local/duckdb-backend';
import { runOperation } from '../server/src/commands/run-operation';
import { runVerify } from '../server/src/commands/run-verify';
import { loadSpec } from '../server/src/ops/spec-context';
import { stagedSelect } from '../server/src/sql/duckdb-sql';
import { checksumSql, tableSide } from '../server/src/sql/verify-sql';
import { tempWorkspace } from '../test/helpers/temp-workspace';

const rows = Number(process.env.BENCH_ROWS ?? 10_000_000);
const ms = (x: number) => `${x.toFixed(0)} ms`;

const spec = `table: bench_verify
kind: mart
source: { object: MART.BENCH_VERIFY, primary_key: [txn_id] }
load: { mode: append, partition_by: [base_dt] }
columns:
  - { name: txn_id, oracle: NUMBER(18), nullable: false, cleansing: [trim, to_number] }
  - { name: base_dt, oracle: DATE, type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - { name: cust_nm, oracle: VARCHAR2(100), cleansing: [trim, remove_control_chars, empty_to_null] }
  - { name: grade_cd, oracle: CHAR(3), cleansing: [rtrim] }
  - { name: txn_amt, oracle: "NUMBER(15,2)", cleansing: [trim, to_number] }
`;

async function main() {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'specs/bench_verify.table.yaml': spec, 'data/.keep': '', '.tablespec/.keep': '' });
  try {
    const csv = ws.path('data/bench_verify.csv');
    const gen = await DuckDBInstance.create(':memory:');
    const c = await gen.connect();
    await c.run(
      `COPY (SELECT i AS TXN_ID, strftime(DATE '2024-01-01' + CAST(i % 30 AS INTEGER), '%Y%m%d') AS BASE_DT, CASE WHEN i % 50 = 0 THEN '' ELSE ' 고객 ' || (i % 1000) END AS CUST_NM, CASE i % 3 WHEN 0 THEN 'A  ' WHEN 1 THEN 'B  ' ELSE 'C  ' END AS GRADE_CD, CAST((i % 100000) / 100.0 AS VARCHAR) AS TXN_AMT FROM range(${rows}) t(i)) TO '${csv}' (HEADER, DELIMITER ',')`,
    );
    c.closeSync();
    gen.closeSync();
    const file = ws.path('specs/bench_verify.table.yaml');
    await runOperation({ operation: 'deploy', file, environment: 'local' });
    let t = performance.now();
    await runOperation({ operation: 'load', file, environment: 'local', confirmation: { yes: true } });
    const loadMs = performance.now() - t;

    // The baselines: one scan of the table, one of the extract through the load's own SQL, each hashing every column.
    const ctx = loadSpec(file, 'local');
    const backend = await openLocalBackend(ws.path('.tablespec/local.duckdb'));
    const all = 'sum(hash(txn_id, base_dt, cust_nm, grade_cd, txn_amt))';
    t = performance.now();
    await backend.query(`SELECT count(*), ${all} FROM card_dw.bench_verify`);
    const tableScanMs = performance.now() - t;
    t = performance.now();
    await backend.query(`SELECT count(*), ${all} FROM (${stagedSelect(ctx.plan, csv, false).sql})`);
    const extractScanMs = performance.now() - t;
    t = performance.now();
    await backend.query(checksumSql(ctx.plan, tableSide(ctx.plan, undefined, 'duckdb')));
    const nativeMs = performance.now() - t;
    t = performance.now();
    await backend.query(checksumSql(ctx.plan, tableSide(ctx.plan, undefined, 'duckdb-portable')));
    const portableMs = performance.now() - t;
    await backend.close();

    t = performance.now();
    const faithful = (await runVerify({ file, environment: 'local', tier: 2 })).result;
    const faithfulMs = performance.now() - t;

    const b = await openLocalBackend(ws.path('.tablespec/local.duckdb'));
    await b.query(`UPDATE card_dw.bench_verify SET txn_amt = txn_amt + 0.01 WHERE txn_id = ${Math.floor(rows / 2) + 7}`);
    await b.close();
    t = performance.now();
    const defect = (await runVerify({ file, environment: 'local', tier: 2 })).result;
    const defectMs = performance.now() - t;
    t = performance.now();
    const sampled = (await runVerify({ file, environment: 'local', tier: 3 })).result;
    const sampleMs = performance.now() - t;

    const baseline = tableScanMs + extractScanMs;
    console.log(`verify bench: ${rows.toLocaleString('en')} rows in 30 partitions, extract ${(statSync(csv).size / 1024 ** 2).toFixed(0)} MB (load ${ms(loadMs)})`);
    console.log(`  one scan of the table:                         ${ms(tableScanMs)}`);
    console.log(`  one scan of the extract through the load SQL:  ${ms(extractScanMs)}`);
    console.log(
      `  tiers 1-2, faithful:        ${ms(faithfulMs)}  = ${(faithfulMs / baseline).toFixed(2)} x (both scans), agree=${faithful.agree}, ${faithful.queries} queries, rows back ${faithful.rowsRead.source} + ${faithful.rowsRead.target}`,
    );
    console.log(
      `  tiers 1-2, one value off:   ${ms(defectMs)}  = ${(defectMs / baseline).toFixed(2)} x (both scans), found ${JSON.stringify(defect.checksums?.rows.map((r) => [r.key, r.columns]))}, ${defect.queries} queries, rows back ${defect.rowsRead.source} + ${defect.rowsRead.target}`,
    );
    console.log(`  tier 2 on the table, DuckDB's hash:   ${ms(nativeMs)};  portable MD5 hash (cross-engine): ${ms(portableMs)} = ${(portableMs / nativeMs).toFixed(1)} x`);
    console.log(`  tiers 1-3 (sample ${sampled.sample?.compared} keys): ${ms(sampleMs)}  = ${(sampleMs / baseline).toFixed(2)} x, rows back ${sampled.rowsRead.source} + ${sampled.rowsRead.target}`);
  } finally {
    ws.remove();
  }
}

void main();
