/**
 * The Oracle format table against both engines' documented specifiers, and DuckDB's side executed.
 * Trino's side cannot run here: its patterns are checked against Trino's documentation table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { compileColumn } from '../../server/src/sql/cleansing-sql';
import { convertFormat, expandTwoDigitYear, formatElements } from '../../server/src/sql/datetime-formats';
import { literal, SqlSafetyError } from '../../server/src/sql/identifiers';
import { checkDateFormat } from '../../server/src/rules/cleansing-catalogue';

// Trino "Date and time functions", MySQL date functions, the specifiers date_parse reads
// (https://trino.io/docs/current/functions/datetime.html#mysql-date-functions).
const trinoDoc: Record<string, string> = {
  '%b': 'abbreviated month name',
  '%d': 'day of month (01-31)',
  '%f': 'fraction of second',
  '%H': 'hour (00-23)',
  '%h': 'hour (01-12)',
  '%I': 'hour (01-12)',
  '%i': 'minutes (00-59)',
  '%j': 'day of year',
  '%M': 'month name',
  '%m': 'month (01-12)',
  '%p': 'AM or PM',
  '%S': 'seconds (00-59)',
  '%s': 'seconds (00-59)',
  '%Y': 'year, four digits',
  '%y': 'year, two digits', // read as 1970-2069: not Oracle's YY or RR, so never used
};

// DuckDB "Format specifiers" (https://duckdb.org/docs/sql/functions/dateformat#format-specifiers).
const duckdbDoc: Record<string, string> = {
  '%b': 'abbreviated month name',
  '%B': 'month name',
  '%d': 'day of month (01-31)',
  '%f': 'fraction of second', // microseconds, 000000-999999
  '%n': 'fraction of second', // nanoseconds, 000000000-999999999
  '%g': 'fraction of second', // milliseconds, 000-999
  '%H': 'hour (00-23)',
  '%I': 'hour (01-12)',
  '%j': 'day of year',
  '%M': 'minutes (00-59)',
  '%m': 'month (01-12)',
  '%p': 'AM or PM',
  '%S': 'seconds (00-59)',
  '%Y': 'year, four digits',
  '%y': 'year, two digits', // read as 1969-2068
};

describe('Oracle datetime formats per engine', () => {
  it('maps every element to a specifier that each engine documents with the same meaning', () => {
    for (const e of formatElements) {
      // Two-digit years are expanded to four digits before parsing (see below).
      const meaning = e.oracle === 'YY' || e.oracle === 'RR' ? 'year, four digits' : e.meaning;
      assert.equal(trinoDoc[e.trino], meaning, `${e.oracle} → Trino ${e.trino}`);
      assert.equal(duckdbDoc[e.duckdb], meaning, `${e.oracle} → DuckDB ${e.duckdb}`);
    }
  });

  it('writes minutes as %i for Athena and %M for DuckDB (HH24:MI:SS)', () => {
    assert.deepEqual(convertFormat('YYYY-MM-DD HH24:MI:SS', 'athena'), { pattern: '%Y-%m-%d %H:%i:%s', length: 19 });
    assert.deepEqual(convertFormat('YYYY-MM-DD HH24:MI:SS', 'duckdb'), { pattern: '%Y-%m-%d %H:%M:%S', length: 19 });
    assert.deepEqual(convertFormat('DD-MONTH-YYYY HH12:MI AM', 'athena'), { pattern: '%d-%M-%Y %h:%i %p' });
    assert.deepEqual(convertFormat('YYYYMMDD"T"HH24MISS.FF3', 'athena'), { pattern: '%Y%m%dT%H%i%s.%f', length: 19 });
  });

  it('compiles the Athena conversion with Trino specifiers only', () => {
    const c = compileColumn('"x"', 'string', [{ name: 'to_timestamp', arg: 'YYYY-MM-DD HH24:MI:SS' }], { kind: 'timestamp' }, undefined, 'athena');
    assert.match(c.expr, /date_parse\("x", '%Y-%m-%d %H:%i:%s'\)/);
  });

  it('refuses a two-digit year where its position is unknown, and a second year', () => {
    assert.throws(
      () => convertFormat('DD-MONTH-RR'),
      (e: Error) => e instanceof SqlSafetyError && /two-digit year \(RR\)/.test(e.message),
    );
    assert.throws(() => convertFormat('YYYY-YY'), SqlSafetyError);
    assert.match(checkDateFormat('DD-MONTH-RR') ?? '', /two-digit year/);
    assert.equal(checkDateFormat('DD-MON-RR'), undefined);
    assert.equal(checkDateFormat('YYYY-MM-DD HH24:MI:SS.FF6'), undefined);
  });

  describe('DuckDB runs its side', () => {
    let db: DuckDBInstance;
    let c: DuckDBConnection;
    before(async () => {
      db = await DuckDBInstance.create(':memory:');
      c = await db.connect();
    });
    after(() => c.closeSync());
    const parse = async (value: string, format: string, to: 'date' | 'timestamp' = 'timestamp') => {
      const e = compileColumn(literal(value), 'string', [{ name: to === 'date' ? 'to_date' : 'to_timestamp', arg: { format, sentinels: [] } }], { kind: to }, undefined, 'duckdb');
      const rows = (await c.runAndReadAll(`SELECT CAST(${e.expr} AS VARCHAR) AS v`)).getRowsJS();
      return rows[0]![0] as string | null;
    };

    const cases: [string, string, string | null][] = [
      ['2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS', '2024-03-05 14:07:09'],
      ['20240305140709', 'YYYYMMDDHH24MISS', '2024-03-05 14:07:09'],
      ['2024-03-05 14:07:09.123', 'YYYY-MM-DD HH24:MI:SS.FF3', '2024-03-05 14:07:09.123'],
      ['2024-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.FF6', '2024-03-05 14:07:09.123'],
      ['2024-03-05 14:07:09.123456789', 'YYYY-MM-DD HH24:MI:SS.FF9', '2024-03-05 14:07:09.123'],
      ['05-MAR-2024', 'DD-MON-YYYY', '2024-03-05 00:00:00'],
      ['05-MARCH-2024', 'DD-MONTH-YYYY', '2024-03-05 00:00:00'],
      ['2024 065', 'YYYY DDD', '2024-03-05 00:00:00'],
      ['2024-03-05 02:07:09 PM', 'YYYY-MM-DD HH12:MI:SS AM', '2024-03-05 14:07:09'],
      ['2024-03-05 02:07:09 PM', 'YYYY-MM-DD HH:MI:SS PM', '2024-03-05 14:07:09'],
      ['20240305T140709', 'YYYYMMDD"T"HH24MISS', '2024-03-05 14:07:09'],
      ['2024-13-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS', null],
      ['2024-3-5 14:07:09', 'YYYY-MM-DD HH24:MI:SS', null], // short: the fixed width says no
    ];
    for (const [value, format, want] of cases) {
      it(`${format}: ${value}`, async () => assert.equal(await parse(value, format), want));
    }

    it('reads RR and YY as Oracle does, not as %y', async () => {
      // Oracle RR in 2000-2049: 00-49 → 20xx, 50-99 → 19xx. DuckDB's own %y would read 68 as 2068.
      const year = new Date().getUTCFullYear();
      assert.ok(year % 100 < 50, 'the RR expectations below assume a year xx00-xx49');
      assert.equal(await parse('05-MAR-68', 'DD-MON-RR', 'date'), '1968-03-05');
      assert.equal(await parse('05-MAR-24', 'DD-MON-RR', 'date'), '2024-03-05');
      assert.equal(await parse('680305', 'RRMMDD', 'date'), '1968-03-05');
      assert.equal(await parse('05-MAR-68', 'DD-MON-YY', 'date'), `${Math.floor(year / 100)}68-03-05`);
      // The RR rule in a year xx50-xx99 picks the next century for 00-49.
      const late = expandTwoDigitYear("'10'", 0, 'RR', new Date(Date.UTC(2061, 0, 1)));
      assert.equal((await c.runAndReadAll(`SELECT ${late}`)).getRowsJS()[0]![0], '2110');
    });
  });
});
