/**
 * The portable hash of verify, computed the same way on every engine: a value's canonical text, then the
 * first 4 bytes of the MD5 of its UTF-8 bytes as an unsigned number. Run here on DuckDB (the local engine)
 * and on the AWS emulator's Trino functions (Athena's SQL), against the same number computed in Node.
 * Oracle's form (STANDARD_HASH … 'MD5', RAWTOHEX, TO_NUMBER … 'XXXXXXXX') is checked for its text only:
 * no Oracle was run.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { openEngine, runQuery, type Engine } from '../helpers/aws-emulator/duck';
import { toDuckdb } from '../helpers/aws-emulator/trino-sql';
import { keyText, textHash, valueText } from '../../server/src/sql/verify-dialect';
import { literal } from '../../server/src/sql/identifiers';
import type { GlueType } from '../../server/src/glue/glue-type';

const md5First4 = (text: string) => createHash('md5').update(Buffer.from(text, 'utf8')).digest().readUInt32BE(0);

// Typed values as each engine writes them, and the canonical text both must give.
const cases: { type: GlueType; duck: string; trino: string; text: string }[] = [
  { type: { kind: 'decimal', precision: 15, scale: 2 }, duck: 'CAST(1520.5 AS DECIMAL(15,2))', trino: 'CAST(1520.5 AS DECIMAL(15,2))', text: '1520.50' },
  { type: { kind: 'decimal', precision: 15, scale: 2 }, duck: 'CAST(-0.5 AS DECIMAL(15,2))', trino: 'CAST(-0.5 AS DECIMAL(15,2))', text: '-0.50' },
  { type: { kind: 'bigint' }, duck: 'CAST(-42 AS BIGINT)', trino: 'CAST(-42 AS BIGINT)', text: '-42' },
  { type: { kind: 'date' }, duck: "DATE '2024-02-29'", trino: "DATE '2024-02-29'", text: '2024-02-29' },
  { type: { kind: 'timestamp' }, duck: "CAST(TIMESTAMP '2024-03-05 14:07:09.123' AS TIMESTAMP_MS)", trino: "TIMESTAMP '2024-03-05 14:07:09.123'", text: '2024-03-05 14:07:09.123' },
  { type: { kind: 'double' }, duck: 'CAST(1 AS DOUBLE) / 3', trino: 'CAST(1 AS DOUBLE) / 3', text: '0.333333' },
  { type: { kind: 'string' }, duck: "'스타벅스, 강남점'", trino: "'스타벅스, 강남점'", text: '스타벅스, 강남점' },
  { type: { kind: 'boolean' }, duck: 'TRUE', trino: 'TRUE', text: 'true' },
];

describe('the portable hash, the same on DuckDB and Athena (emulator)', () => {
  let duck: DuckDBConnection;
  let instance: DuckDBInstance;
  let trino: Engine;
  const onDuck = async (sql: string) => (await duck.runAndReadAll(sql)).getRowsJS()[0]!.map((v) => (v === null ? null : String(v)));
  const onTrino = async (sql: string) => (await runQuery(trino, toDuckdb(sql))).rows[0]!;

  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    duck = await instance.connect();
    trino = await openEngine();
  });
  after(() => {
    duck.closeSync();
    instance.closeSync();
    trino.close();
  });

  it('writes each type as the same canonical text, and hashes it to the same number as Node', async () => {
    for (const c of cases) {
      const d = await onDuck(`SELECT ${valueText(c.duck, c.type, 'duckdb-portable')}, ${textHash(valueText(c.duck, c.type, 'duckdb-portable'), 'duckdb-portable')}`);
      const t = await onTrino(`SELECT ${valueText(c.trino, c.type, 'trino')}, ${textHash(valueText(c.trino, c.type, 'trino'), 'trino')}`);
      assert.deepEqual(d, [c.text, String(md5First4(c.text))], `DuckDB, ${c.type.kind}`);
      assert.deepEqual(t, [c.text, String(md5First4(c.text))], `Trino, ${c.type.kind}`);
    }
  });

  it('hashes a NULL to NULL (left out of sums), and a key with its seed the same way', async () => {
    assert.deepEqual(await onDuck(`SELECT ${textHash('CAST(NULL AS VARCHAR)', 'duckdb-portable')}`), [null]);
    assert.deepEqual(await onTrino(`SELECT ${textHash('CAST(NULL AS VARCHAR)', 'trino')}`), [null]);
    const parts = [
      { expr: 'CAST(17 AS BIGINT)', type: { kind: 'bigint' } as GlueType },
      { expr: 'CAST(NULL AS VARCHAR)', type: { kind: 'string' } as GlueType },
    ];
    const expected = String(md5First4('7|17|\\N'));
    assert.deepEqual(await onDuck(`SELECT ${textHash(keyText(parts, 'duckdb-portable', 7), 'duckdb-portable')}`), [expected]);
    assert.deepEqual(await onTrino(`SELECT ${textHash(keyText(parts, 'trino', 7), 'trino')}`), [expected]);
  });

  it("writes Oracle's form with functions Oracle has", () => {
    assert.equal(textHash(literal('x'), 'oracle'), "TO_NUMBER(SUBSTR(RAWTOHEX(STANDARD_HASH('x', 'MD5')), 1, 8), 'XXXXXXXX')");
    assert.equal(valueText('"amt"', { kind: 'decimal', precision: 15, scale: 2 }, 'oracle'), `TO_CHAR("amt", 'FM9999999999990.00')`);
    assert.equal(valueText('"ts"', { kind: 'timestamp' }, 'oracle'), `TO_CHAR("ts", 'YYYY-MM-DD HH24:MI:SS.FF3')`);
  });
});
