/**
 * Verify's SQL in Oracle's dialect (the source side computed in Oracle) and in Athena's (Trino), against
 * golden files in test/fixtures/verify-sql. A missing golden file fails the test; `UPDATE_GOLDEN=1` writes
 * them after a deliberate change. Every Oracle statement must parse with a real PL/SQL parser (dt-sql-parser's
 * PL/SQL grammar, `plsql-parser`), every Athena one with its Trino grammar. None holds the salt: Oracle binds
 * it (:salt), Athena reads it from the salt table.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TrinoSQL } from 'dt-sql-parser';
import * as plsql from 'plsql-parser/dist/parser/plsql.js';
import { loadSpec } from '../../server/src/ops/spec-context';
import { runVerify } from '../../server/src/commands/run-verify';
import { oracleEngine, oracleSide } from '../../server/src/ops/verify-oracle';
import { athenaExtractSide, bucketRowsSql, checksumSql, countSql, icebergCountSql, sampleSql, tableSide, type VerifySide } from '../../server/src/sql/verify-sql';
import type { NormalizedTable } from '../../server/src/sql/normalized-table';
import { fixtures } from '../helpers/fixture-workspace';
import { tempWorkspace } from '../helpers/temp-workspace';

const salt = 'golden-salt-value-0123456789';
const workspace = `defaults:
  database: card_dw
environments:
  dev:
    engine: athena
    region: ap-northeast-2
    warehouse: s3://card-lake-dev/{database}/{table}/
    staging: s3://card-raw-dev/{database}/{table}/
`;
const specs: Record<string, string> = {
  // Partitioned append: a CHAR trimmed, a text date converted, a hashed card number, the extract's hint.
  card_txn: `table: card_txn
kind: source
source: { object: CARD.CARD_TXN, primary_key: [txn_id], extract: { hint: "PARALLEL(4) FULL(CARD_TXN)" } }
load: { mode: append, partition_by: [base_dt], retention: 13m }
columns:
  - { name: txn_id, oracle: NUMBER(12), nullable: false }
  - { name: base_dt, oracle: DATE, type: date }
  - { name: amt, oracle: "NUMBER(15,2)", cleansing: [{ null_if: ["-"] }] }
  - { name: grade_cd, oracle: CHAR(3), cleansing: [rtrim] }
  - { name: aprv_dt, oracle: VARCHAR2(8), type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256 }
`,
  // Upsert: floating point, timestamps, month names and two-digit years, sentinels, control characters, purges.
  accounts: `table: accounts
kind: source
source: { object: CARD.ACCOUNTS, primary_key: [acct_id] }
load: { mode: upsert, keys: [acct_id], incremental_by: chg_dtm }
columns:
  - { name: acct_id, oracle: NUMBER(10), nullable: false }
  - { name: rate, oracle: BINARY_DOUBLE }
  - { name: chg_dtm, oracle: TIMESTAMP(3) }
  - { name: open_dtm, oracle: VARCHAR2(23), type: timestamp, cleansing: [{ to_timestamp: YYYY-MM-DD HH24:MI:SS.FF3 }] }
  - { name: birth_dt, oracle: VARCHAR2(9), type: date, cleansing: [{ to_date: DD-MON-RR }] }
  - { name: close_dt, oracle: VARCHAR2(8), type: date, cleansing: [{ to_date: { format: YYYYMMDD, sentinels: ["99991231"] } }], purge: { after: 5y, basis: close_dt, action: delete_row } }
  - { name: memo, oracle: VARCHAR2(200), cleansing: [remove_control_chars, trim, empty_to_null, { default: "-" }] }
  - { name: acct_no, oracle: VARCHAR2(20), pii: account_no, encrypt: sha256, purge: { after: 18m, basis: chg_dtm, action: nullify } }
`,
  // No primary key: rows are bucketed by the whole row; tier 3 does not run.
  daily_nokey: `table: daily_nokey
kind: mart
source: { object: MART.DAILY }
load: { mode: overwrite }
columns:
  - { name: row_seq, oracle: NUMBER(9), cleansing: [to_number] }
  - { name: memo, oracle: VARCHAR2(20), cleansing: [trim] }
`,
};

const ws = tempWorkspace({ 'tablespec.yaml': workspace, ...Object.fromEntries(Object.entries(specs).map(([n, s]) => [`specs/${n}.table.yaml`, s])) });

/** Every statement verify sends for one side: tier 1, tier 2 (per partition, a drill level, a leaf's rows), tier 3. */
function statements(plan: NormalizedTable, side: VerifySide): [string, string][] {
  const partition = Object.fromEntries(plan.partitionBy.map((p) => [p, '2024-01-01']));
  const out: [string, string][] = [
    ['tier 1: rows per partition', countSql(plan, side)],
    ['tier 2: checksums per partition', checksumSql(plan, side)],
    ['tier 2: a differing partition split into 256 buckets of the key hash, within buckets 3 and 7 of 16', checksumSql(plan, side, { partition, modulus: 16, buckets: [3, 7] }, 256)],
    ['tier 2: the rows of a small bucket', bucketRowsSql(plan, side, { partition, modulus: 256, buckets: [19] }, 257)],
  ];
  if (plan.primaryKey?.length) out.push(['tier 3: the rows whose seeded key hash is below 5000 in a million', sampleSql(plan, side, 1, 5000, 800)]);
  return out;
}

function golden(name: string, list: [string, string][]): void {
  const file = join(fixtures, 'verify-sql', name);
  const text = list.map(([what, sql]) => `-- ${what}\n${sql};\n`).join('\n');
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
  assert.ok(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 to write it, then review it`);
  assert.equal(text, readFileSync(file, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 to accept)`);
}

const oracleParser = new plsql.PLSQL();
const trinoParser = new TrinoSQL();

describe("verify's SQL against golden files, parsed by real parsers", () => {
  after(() => ws.remove());
  for (const name of Object.keys(specs)) {
    it(`${name}: the Oracle source side, every statement valid PL/SQL`, () => {
      const ctx = loadSpec(ws.path(`specs/${name}.table.yaml`), 'dev');
      const { side, object } = oracleSide(ctx, salt);
      assert.equal(side.flavor, 'oracle');
      assert.equal(object, name === 'daily_nokey' ? 'MART.DAILY' : `CARD.${name.toUpperCase()}`);
      const list = statements(ctx.plan, side);
      golden(`${name}.oracle.sql`, list);
      for (const [what, sql] of list) {
        assert.deepEqual(oracleParser.validate(sql), [], `${name}, ${what}: not valid PL/SQL`);
        assert.ok(!sql.includes(salt), 'the salt is bound, never written');
        // The extract's own query, hint and all, is the innermost read of the source table.
        if (name === 'card_txn')
          assert.match(
            sql,
            /\(SELECT \/\*\+ PARALLEL\(4\) FULL\(CARD_TXN\) \*\/ TXN_ID, TO_CHAR\(BASE_DT, 'YYYY-MM-DD HH24:MI:SS'\) AS BASE_DT, AMT, GRADE_CD, APRV_DT, CARD_NO FROM CARD\.CARD_TXN\) src/,
          );
        // Oracle has no LIMIT and no GROUP BY position.
        assert.doesNotMatch(sql, /\bLIMIT \d|GROUP BY \d/);
      }
      assert.deepEqual(side.params, ctx.plan.columns.some((c) => c.encrypt === 'sha256') ? [salt] : []);
    });

    it(`${name}: the Athena sides, every statement valid Trino`, () => {
      const ctx = loadSpec(ws.path(`specs/${name}.table.yaml`), 'dev');
      const source = athenaExtractSide(ctx.plan);
      const target = tableSide(ctx.plan, source, 'trino');
      const list = [
        ...statements(ctx.plan, source).map(([w, s]): [string, string] => [`source, ${w}`, s]),
        ...statements(ctx.plan, target).map(([w, s]): [string, string] => [`target, ${w}`, s]),
        ['target, tier 1 from Iceberg metadata', icebergCountSql(ctx.plan)] as [string, string],
      ];
      golden(`${name}.athena.sql`, list);
      for (const [what, sql] of list) {
        assert.deepEqual(trinoParser.validate(sql), [], `${name}, ${what}: not valid Trino`);
        assert.ok(!sql.includes(salt) && !sql.includes('?'), 'no salt and no parameter in Athena SQL');
      }
    });
  }

  it('fails when a golden file is missing', () => {
    const update = process.env.UPDATE_GOLDEN;
    delete process.env.UPDATE_GOLDEN;
    try {
      assert.throws(() => golden('no-such-table.oracle.sql', [['x', 'SELECT 1 FROM dual']]), /is missing: run with UPDATE_GOLDEN=1/);
    } finally {
      if (update !== undefined) process.env.UPDATE_GOLDEN = update;
    }
  });
});

describe('the Oracle side runs through an oracledb session', () => {
  it('fixes the number characters first, binds the salt by name only where the SQL names it, and returns the rows', async () => {
    const sent: [string, Record<string, unknown> | undefined][] = [];
    const session = {
      dictionary: () => Promise.reject(new Error('not used')),
      count: () => Promise.reject(new Error('not used')),
      query: async (sql: string, binds?: Record<string, unknown>) => {
        sent.push([sql, binds]);
        return [{ p__0: '2024-01-01', n: 3 }];
      },
      close: async () => undefined,
    };
    const engine = await oracleEngine(session, 'Oracle card-db');
    assert.equal(engine.dialect, 'oracle');
    const r = await engine.query('SELECT STANDARD_HASH(:salt || x, \'SHA256\') AS "h" FROM tab', { params: [salt] });
    await engine.query('SELECT count(*) AS "n" FROM tab', { params: [salt] });
    assert.deepEqual(r.rows, [{ p__0: '2024-01-01', n: 3 }]);
    assert.deepEqual(sent, [
      ["ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,'", undefined],
      ['SELECT STANDARD_HASH(:salt || x, \'SHA256\') AS "h" FROM tab', { salt }],
      ['SELECT count(*) AS "n" FROM tab', {}],
    ]);
  });
});

describe('--against oracle asks before connecting', () => {
  const w = tempWorkspace({
    'tablespec.yaml': `defaults:\n  database: card_dw\noracle:\n  connect_string: card-db.internal:1521/CARDDB\n  user: etl_reader\n  password_env: TABLESPEC_VERIFY_TEST_PASSWORD\n`,
    'specs/daily_nokey.table.yaml': specs.daily_nokey!,
  });
  after(() => w.remove());
  it('names the host and connects only with --yes or the host listed; a missing password is said, never guessed', async () => {
    const file = w.path('specs/daily_nokey.table.yaml');
    const saved = { ...process.env };
    try {
      delete process.env.TABLESPEC_ORACLE_HOSTS;
      delete process.env.TABLESPEC_VERIFY_TEST_PASSWORD;
      await assert.rejects(runVerify({ file, environment: 'local', against: 'oracle' }), (e: Error & { kind?: string }) => e.kind === 'needs-confirmation' && /card-db\.internal/.test(e.message));
      process.env.TABLESPEC_ORACLE_HOSTS = 'card-db.internal';
      await assert.rejects(
        runVerify({ file, environment: 'local', against: 'oracle' }),
        (e: Error & { kind?: string }) => e.kind === 'no-credentials' && /TABLESPEC_VERIFY_TEST_PASSWORD/.test(e.message),
      );
    } finally {
      process.env = saved;
    }
  });
});
