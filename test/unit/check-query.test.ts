/** A query typed for Athena: Trino's grammar must read one statement that only reads. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAthenaQuery } from '../../server/src/sql/check-query';
import { SqlSafetyError } from '../../server/src/sql/identifiers';

describe('Athena typed queries', () => {
  const reading = [
    'SELECT 1',
    'select * from card_dw.t where a = 1',
    'WITH x AS (SELECT 1 AS n) SELECT n FROM x',
    'VALUES 1, 2',
    'TABLE card_dw.t',
    'SHOW TABLES IN card_dw',
    'SHOW COLUMNS FROM card_dw.t',
    'SHOW CREATE TABLE card_dw.t',
    'DESCRIBE card_dw.t',
    'EXPLAIN SELECT 1',
    'EXPLAIN ANALYZE SELECT count(*) FROM card_dw.t',
    'SELECT * FROM card_dw.t FOR VERSION AS OF 1',
  ];
  for (const sql of reading) it(`runs ${sql}`, () => assert.equal(checkAthenaQuery(sql), sql));
  const refused: [string, RegExp][] = [
    ['WITH x AS (SELECT 1) DELETE FROM t', /does not read this as one query/],
    ['EXPLAIN ANALYZE DROP TABLE t', /this one is DROP TABLE/],
    ['EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1', /this one is CREATE TABLE AS SELECT/],
    ['INSERT INTO t SELECT 1', /this one is INSERT INTO/],
    ["UNLOAD (SELECT 1) TO 's3://x/' WITH (format = 'CSV')", /does not read this as one query/],
    ['SELECT 1; DROP TABLE t', /holds 2/],
    ['WITH FUNCTION f() RETURNS int RETURN 1 SELECT f()', /WITH FUNCTION/],
    ["SELECT * FROM TABLE(system.query(query => 'DROP TABLE x'))", /TABLE\(…\)/],
    ['', /empty/],
  ];
  for (const [sql, message] of refused)
    it(`refuses ${JSON.stringify(sql)}`, () =>
      assert.throws(
        () => checkAthenaQuery(sql),
        (e: Error) => e instanceof SqlSafetyError && message.test(e.message),
      ));
});
