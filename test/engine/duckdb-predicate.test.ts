/**
 * A view's condition as DuckDB's own parser reads it (json_serialize_sql), right before a local deploy:
 * the same rules as the checker's Trino grammar, so that what one accepts the other accepts, and a string
 * form only DuckDB knows cannot smuggle a second statement past either.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OperationError } from '../../server/src/backends/errors';
import { openLocalBackend, type LocalBackend } from '../../server/src/backends/local/duckdb-backend';
import { allowedFunctions, checkPredicate } from '../../server/src/sql/check-predicate';
import { SqlSafetyError } from '../../server/src/sql/identifiers';

const columns = ['grade_cd', 'base_dt', 'amt', 'flag', 'nm', 'chg_dtm'];

// One call of each allowed function, as a condition over the columns.
const calls: Record<string, string> = {
  abs: 'abs(amt) > 1',
  ceil: 'ceil(amt) > 1',
  ceiling: 'ceiling(amt) > 1',
  floor: 'floor(amt) > 1',
  round: 'round(amt, 1) > 1',
  mod: 'mod(amt, 3) = 1',
  sign: 'sign(amt) = -1',
  greatest: 'greatest(amt, 2) > 1',
  least: 'least(amt, 2) > 1',
  length: 'length(nm) > 2',
  lower: "lower(nm) = 'a'",
  upper: "upper(nm) = 'A'",
  trim: "trim(nm) = 'a'",
  ltrim: "ltrim(nm) = 'a'",
  rtrim: "rtrim(nm) = 'a'",
  substr: "substr(nm, 2, 1) = 'b'",
  substring: "substring(nm, 2, 1) = 'b'",
  replace: "replace(nm, 'b', 'x') = 'axc'",
  strpos: "strpos(nm, 'b') = 2",
  starts_with: "starts_with(nm, 'a')",
  concat: "concat(nm, 'b') = 'ab'",
  lpad: "lpad(nm, 3, 'x') = 'xxa'",
  rpad: "rpad(nm, 3, 'x') = 'axx'",
  reverse: "reverse(nm) = 'ba'",
  coalesce: "coalesce(flag, 'N') = 'Y'",
  nullif: "nullif(flag, '') IS NULL",
  if: 'if(amt > 0, 1, 2) = 1',
  year: 'year(base_dt) = 2024',
  quarter: 'quarter(base_dt) = 1',
  month: 'month(base_dt) = 1',
  day: 'day(base_dt) = 2',
  hour: 'hour(chg_dtm) = 3',
  minute: 'minute(chg_dtm) = 4',
  second: 'second(chg_dtm) = 5',
  date_trunc: "date_trunc('month', base_dt) = DATE '2024-01-01'",
  date_diff: "date_diff('day', base_dt, current_date) < 30",
};

const accepted = [
  "grade_cd = 'A'",
  "base_dt >= DATE '2020-01-01' AND (amt > 0 OR flag IS NULL)",
  "nm <> 'a;b -- c /* d */'",
  "nm = 'it''s'",
  "grade_cd IN ('A', 'B') AND amt BETWEEN 1 AND 9 AND nm NOT LIKE 'x%'",
  'CAST(amt AS integer) > 3 AND NOT (flag IS NOT NULL)',
  "CASE WHEN amt > 0 THEN 'p' ELSE 'n' END = 'p'",
  'chg_dtm < current_timestamp AND base_dt <= current_date',
  "nm || 'x' = 'ax' AND amt * 2 + 1 > 3",
  'EXTRACT(year FROM base_dt) = 2024',
];

const refused = [
  "grade_cd = E'\\'' ; DROP TABLE card_dw.acct; SELECT E'\\''",
  "grade_cd = $$'$$ ; DROP TABLE card_dw.acct; SELECT $$'$$",
  "grade_cd IN (FROM read_csv('/etc/passwd'))",
  "EXISTS (FROM glob('/etc/*'))",
  "grade_cd = 'A' UNION ALL FROM read_csv('/etc/passwd')",
  "read_text('/etc/passwd') IS NOT NULL",
  "grade_cd = getenv('HOME')",
  'secret_col = 1',
  "t.grade_cd = 'A'",
  'grade_cd = ?',
  "grade_cd = 'A' ORDER BY 1",
  "grade_cd = 'A' LIMIT 1",
  "grade_cd = 'A' GROUP BY grade_cd",
  'len(list_filter([1], x -> x > 0)) > 0',
  'count(*) FILTER (WHERE amt > 0) > 0',
  "grade_cd = 'A'); DROP TABLE card_dw.acct; --",
  '*',
];

describe("a view's condition, by DuckDB's parser", () => {
  let backend: LocalBackend;
  before(async () => {
    backend = await openLocalBackend(':memory:');
  });
  after(() => backend.close());

  it('knows every allowed function: each one runs in DuckDB, and both parsers accept it', async () => {
    assert.deepEqual(Object.keys(calls).sort(), [...allowedFunctions].sort());
    await backend.query("CREATE TABLE t AS SELECT 'A' AS grade_cd, DATE '2024-01-02' AS base_dt, -1.5 AS amt, 'Y' AS flag, 'abc' AS nm, TIMESTAMP '2024-01-02 03:04:05' AS chg_dtm");
    for (const [name, condition] of Object.entries(calls)) {
      assert.equal(checkPredicate(condition, columns), condition, name);
      await backend.checkPredicate(condition, 'main', 't', columns);
      await backend.query(`SELECT count(*) FROM t WHERE ${condition}`);
    }
  });
  for (const w of accepted) {
    it(`accepts ${w}`, async () => {
      assert.equal(checkPredicate(w, columns), w);
      await backend.checkPredicate(w, 'card_dw', 'acct', columns);
    });
  }
  for (const w of refused) {
    it(`refuses ${JSON.stringify(w)}`, async () => {
      await assert.rejects(backend.checkPredicate(w, 'card_dw', 'acct', columns), SqlSafetyError);
      assert.throws(() => checkPredicate(w, columns), SqlSafetyError);
    });
  }
  it('runs one statement at a time on the writable connection too', async () => {
    await assert.rejects(
      backend.query("CREATE VIEW v AS SELECT 1 WHERE 'a' = $$'$$ ; DROP TABLE t; SELECT $$'$$"),
      (e: OperationError) => e.kind === 'unsafe-sql' && /several statements/.test(e.message),
    );
    assert.deepEqual((await backend.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 't'")).rows, [{ n: '1' }]);
  });
  it('says why', async () => {
    await assert.rejects(backend.checkPredicate("grade_cd IN (FROM read_csv('/etc/passwd'))", 'card_dw', 'acct', columns), {
      message: "The view's `where` holds a subquery: a view's condition reads only its own table's columns.",
    });
    await assert.rejects(backend.checkPredicate('secret_col = 1', 'card_dw', 'acct', columns), { message: "The view's `where` names `secret_col`, which is not a column of the table." });
    await assert.rejects(backend.checkPredicate("grade_cd = $$'$$ ; DROP TABLE card_dw.acct; SELECT $$'$$", 'card_dw', 'acct', columns), /not one SQL condition to DuckDB|statements to DuckDB/);
  });
});
