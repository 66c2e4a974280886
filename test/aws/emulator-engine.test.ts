/**
 * The AWS emulator's Athena engine reads and computes as Athena does: Trino's datetime specifiers and
 * binary functions, unknown functions and types refused, staging files read by OpenCSVSerDe and
 * LazySimpleSerDe. Driven through the real Athena SDK.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { clients, runAthena, type Ran } from '../helpers/aws-emulator/client';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator/index';

let aws: AwsEmulator;
let c: ReturnType<typeof clients>;
const run = (sql: string) => runAthena(c.athena, sql);

/** The data rows of a SUCCEEDED SELECT (the header row dropped). */
async function rows(sql: string): Promise<(string | null)[][]> {
  const r = await run(sql);
  assert.equal(r.execution.Status!.State, 'SUCCEEDED', r.execution.Status!.StateChangeReason);
  return r.rows.slice(1);
}

function failed(r: Ran, reason: RegExp): void {
  assert.equal(r.execution.Status!.State, 'FAILED');
  assert.match(r.execution.Status!.StateChangeReason!, reason);
  assert.equal(r.execution.Status!.AthenaError!.ErrorMessage, r.execution.Status!.StateChangeReason);
}

before(async () => {
  aws = await startAwsEmulator({ databases: ['dw'], workgroups: { primary: { outputLocation: 's3://results/' } } });
  c = clients(aws);
});
after(() => aws.stop());

describe('Trino functions ("Date and time functions", "Binary functions", "Conversion functions")', () => {
  it('reads %i as minutes and %M as the month name, %H %s %f as hour, seconds, fraction', async () => {
    assert.deepEqual(await rows(`SELECT date_parse('2024-03-05 14:07:09.123', '%Y-%m-%d %H:%i:%s.%f') AS t`), [['2024-03-05 14:07:09.123']]);
    assert.deepEqual(await rows(`SELECT date_parse('05 March 2024', '%d %M %Y') AS t`), [['2024-03-05 00:00:00.000']]);
    // %M is not minutes: an Oracle "MI" translated to %M does not parse a time.
    failed(await run(`SELECT date_parse('2024-03-05 14:07', '%Y-%m-%d %H:%M') AS t`), /^INVALID_FUNCTION_ARGUMENT: Invalid format: "2024-03-05 14:07" is malformed at "07"/);
    assert.deepEqual(await rows(`SELECT try(date_parse('2024-03-05 14:07', '%Y-%m-%d %H:%M')) AS t`), [[null]]);
  });

  it('reads a two-digit year %y as 1970..2069', async () => {
    assert.deepEqual(await rows(`SELECT date_parse('69-01-02', '%y-%m-%d') AS a, date_parse('70-01-02', '%y-%m-%d') AS b, date_parse('00-01-02', '%y-%m-%d') AS c`), [
      ['2069-01-02 00:00:00.000', '1970-01-02 00:00:00.000', '2000-01-02 00:00:00.000'],
    ]);
  });

  it('hashes varbinary only: sha256(varchar) fails, to_hex(sha256(to_utf8(x))) is upper-case hex', async () => {
    const expected = createHash('sha256').update('salt|4111111111111111').digest('hex');
    assert.deepEqual(await rows(`SELECT lower(to_hex(sha256(to_utf8(concat('salt|', '4111111111111111'))))) AS h, to_hex(sha256(to_utf8('a'))) AS u`), [
      [expected, createHash('sha256').update('a').digest('hex').toUpperCase()],
    ]);
    failed(await run(`SELECT sha256(CAST(1 AS varchar)) AS h`), /^FUNCTION_NOT_FOUND: line 1:8: Unexpected parameters \(varchar\) for function sha256/);
    failed(await run(`SELECT sha256('abc') AS h`), /^FUNCTION_NOT_FOUND: line 1:8: Unexpected parameters \(varchar\(3\)\) for function sha256/);
    assert.deepEqual(await rows(`SELECT from_hex('4142') = to_utf8('AB') AS same`), [['true']]);
  });

  it('returns NULL from concat with a NULL argument, and replaces every regexp match', async () => {
    assert.deepEqual(await rows(`SELECT concat('a', CAST(NULL AS varchar)) AS n, regexp_replace('a\tb\tc', '[\\t]') AS r, regexp_replace('x1y2', '(\\d)', '<$1>') AS g`), [[null, 'abc', 'x<1>y<2>']]);
  });

  it('fails an unknown function with FUNCTION_NOT_FOUND and a Hive type in a CAST with TYPE_NOT_FOUND', async () => {
    failed(await run('SELECT nvl(1, 2) AS x'), /^FUNCTION_NOT_FOUND: line 1:8: Function 'nvl' not registered$/);
    failed(await run('SELECT CAST(1 AS string) AS x'), /^TYPE_NOT_FOUND: line 1:18: Unknown type: string$/);
  });

  it('casts varchar to an integer type only from plain digits, as Trino does ("Conversion functions")', async () => {
    assert.deepEqual(
      await rows(
        `SELECT TRY_CAST('1.5' AS integer) AS a, TRY_CAST(' 12 ' AS bigint) AS b, TRY_CAST('+12' AS bigint) AS c, TRY_CAST('1e3' AS bigint) AS d, CAST(1.5 AS integer) AS e, TRY_CAST('1e3' AS double) AS f`,
      ),
      [[null, null, '12', null, '2', '1000.0']],
    );
    failed(await run(`SELECT CAST('1.5' AS integer) AS a`), /^INVALID_CAST_ARGUMENT: Cannot cast '1.5' to INT$/);
  });

  it('prints doubles as Trino does', async () => {
    assert.deepEqual(await rows(`SELECT CAST(3 AS double) AS a, CAST(10000000000 AS double) AS b, CAST(0.0001 AS double) AS c, CAST(1.25 AS double) AS d`), [['3.0', '1.0E10', '1.0E-4', '1.25']]);
  });

  it('counts with count_if and approx_distinct, and lists the most frequent values with approx_most_frequent', async () => {
    assert.deepEqual(
      await rows(
        `SELECT count_if(x > 1) AS c, approx_distinct(x) AS d, CAST(map_keys(approx_most_frequent(2, CAST(x AS varchar), 1000)) AS json) AS top FROM (VALUES (1), (2), (2), (3), (3), (3)) AS v(x)`,
      ),
      [['5', '3', '["3","2"]']],
    );
  });
});

const csvTable = (name: string, props = '') =>
  `CREATE EXTERNAL TABLE \`dw\`.\`${name}\` (\`a\` string, \`b\` string, \`c\` string) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar'=',', 'quoteChar'='"', 'escapeChar'='\\\\') STORED AS TEXTFILE LOCATION 's3://raw/${name}/'${props}`;

describe('Staging files as Athena reads them', () => {
  it('OpenCSVSerDe: every field a string, an empty field the empty string, serialization.null.format ignored', async () => {
    aws.s3.put('raw', 'csv1/part-0.csv', 'h1,h2,h3\n1,,\\N\n2,"x, y",""\n');
    assert.equal((await run(csvTable('csv1', " TBLPROPERTIES ('skip.header.line.count'='1', 'serialization.null.format'='')"))).execution.Status!.State, 'SUCCEEDED');
    assert.deepEqual(await rows('SELECT "a", "b", "c", "b" IS NULL AS b_null FROM "dw"."csv1" ORDER BY "a"'), [
      ['1', '', '\\N', 'false'],
      ['2', 'x, y', '', 'false'],
    ]);
  });

  it('OpenCSVSerDe: a line break inside a quoted field splits the row; the text is read as UTF-8', async () => {
    aws.s3.put('raw', 'csv2/a.csv', '1,"line one\nline two",z\n');
    aws.s3.put('raw', 'csv2/b.csv', Buffer.concat([Buffer.from('2,'), Buffer.from([0xb0, 0xa1]), Buffer.from(',z\n')])); // '가' in CP949
    await run(csvTable('csv2'));
    const r = await rows('SELECT "a", "b", "c" FROM "dw"."csv2"');
    assert.equal(r.length, 3);
    assert.deepEqual(r[0], ['1', 'line one', null]);
    assert.deepEqual(r[2], ['2', '\ufffd\ufffd', 'z']);
  });

  it('LazySimpleSerDe: \\N is NULL by default, serialization.null.format is honoured, an empty field stays empty', async () => {
    aws.s3.put('raw', 'tsv1/a.tsv', '1\t\\N\t\n');
    aws.s3.put('raw', 'tsv2/a.tsv', '1\tNULL\t\n');
    await run(`CREATE EXTERNAL TABLE \`dw\`.\`tsv1\` (\`a\` string, \`b\` string, \`c\` string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' STORED AS TEXTFILE LOCATION 's3://raw/tsv1/'`);
    await run(
      `CREATE EXTERNAL TABLE \`dw\`.\`tsv2\` (\`a\` string, \`b\` string, \`c\` string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' STORED AS TEXTFILE LOCATION 's3://raw/tsv2/' TBLPROPERTIES ('serialization.null.format'='NULL')`,
    );
    assert.deepEqual(await rows('SELECT "a", "b", "c" FROM "dw"."tsv1"'), [['1', null, '']]);
    assert.deepEqual(await rows('SELECT "a", "b", "c" FROM "dw"."tsv2"'), [['1', null, '']]);
  });

  it('reads a location as a folder: s3://raw/loc does not take the files of s3://raw/loc2/', async () => {
    aws.s3.put('raw', 'loc/a.csv', '1,2,3\n');
    aws.s3.put('raw', 'loc2/a.csv', '4,5,6\n');
    aws.glue.create('dw', {
      Name: 'loc',
      TableType: 'EXTERNAL_TABLE',
      StorageDescriptor: {
        Columns: ['a', 'b', 'c'].map((n) => ({ Name: n, Type: 'string' })),
        Location: 's3://raw/loc',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde' },
      },
    });
    assert.deepEqual(await rows('SELECT "a" FROM "dw"."loc"'), [['1']]);
  });

  it('skips files whose names start with _ or . and reads every other object under the location', async () => {
    aws.s3.put('raw', 'csv3/_SUCCESS', 'x,y,z\n');
    aws.s3.put('raw', 'csv3/.hidden', 'x,y,z\n');
    aws.s3.put('raw', 'csv3/part-1.csv', '1,2,3\n');
    await run(csvTable('csv3'));
    assert.deepEqual(await rows('SELECT count(*) FROM "dw"."csv3"'), [['1']]);
  });
});

describe('Iceberg writes as the loader sends them', () => {
  it('deletes the rows of re-run partitions, NULL partitions included, without an UpdateCount', async () => {
    await run("CREATE TABLE `dw`.`parts` (`id` bigint, `dt` date) PARTITIONED BY (`dt`) LOCATION 's3://lake/dw/parts/' TBLPROPERTIES ('table_type'='ICEBERG')");
    await run(`INSERT INTO "dw"."parts" ("id", "dt") VALUES (1, DATE '2024-01-01'), (2, NULL), (3, DATE '2024-01-02')`);
    const del = await run(
      `DELETE FROM "dw"."parts" WHERE EXISTS (SELECT 1 FROM (SELECT CAST(NULL AS date) AS "dt" UNION ALL SELECT DATE '2024-01-02') AS s WHERE "parts"."dt" IS NOT DISTINCT FROM s."dt")`,
    );
    assert.equal(del.execution.Status!.State, 'SUCCEEDED', del.execution.Status!.StateChangeReason);
    // GetQueryResults' UpdateCount counts rows of CTAS, INSERT INTO and UPDATE only: a DELETE reports none.
    assert.equal(aws.statements.at(-1)!.updateCount, undefined);
    const { GetQueryResultsCommand } = await import('@aws-sdk/client-athena');
    assert.equal((await c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: del.id }))).UpdateCount, 0);
    assert.deepEqual(await rows('SELECT "id", "dt", date_format(CAST("dt" AS timestamp), \'%Y/%m/%d\') AS f FROM "dw"."parts"'), [['1', '2024-01-01', '2024/01/01']]);
  });
});

describe('INSERT types', () => {
  it('refuses a query whose column types need a CAST, as Trino does (TYPE_MISMATCH)', async () => {
    await run("CREATE TABLE `dw`.`typed` (`id` bigint, `amt` decimal(12,2), `ts` timestamp) LOCATION 's3://lake/dw/typed/' TBLPROPERTIES ('table_type'='ICEBERG')");
    failed(
      await run(`INSERT INTO "dw"."typed" ("id", "amt", "ts") VALUES ('1', 1.5, TIMESTAMP '2024-01-01 00:00:00')`),
      /^TYPE_MISMATCH: Insert query has mismatched column types: Table: \[bigint, decimal, timestamp\], Query: \[varchar, decimal, timestamp\]$/,
    );
    assert.equal((await run(`INSERT INTO "dw"."typed" ("id", "amt", "ts") VALUES (1, 1.5, DATE '2024-01-01')`)).execution.Status!.State, 'SUCCEEDED');
    assert.equal(aws.statements.at(-1)!.updateCount, 1);
    assert.deepEqual(await rows('SELECT "id", "amt", "ts" FROM "dw"."typed"'), [['1', '1.50', '2024-01-01 00:00:00.000']]);
  });
});

describe('Parquet tables (Hive) and what a statement scans', () => {
  it('reads a Parquet external table, adds a file on INSERT INTO, and counts the bytes of the files read', async () => {
    const ctas = await run(`CREATE TABLE "dw"."pq_src" WITH (external_location = 's3://lake/dw/pq_src/', format = 'PARQUET') AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, nm)`);
    assert.equal(ctas.execution.Status!.State, 'SUCCEEDED', ctas.execution.Status!.StateChangeReason);
    assert.equal(aws.glue.table('dw', 'pq_src')!.Parameters!.table_type, undefined);
    assert.equal(aws.statements.at(-1)!.updateCount, 2);
    await run("CREATE EXTERNAL TABLE `dw`.`pq` (`id` int, `nm` string) STORED AS PARQUET LOCATION 's3://lake/dw/pq_src/'");
    assert.deepEqual(await rows('SELECT "id", "nm" FROM "dw"."pq" ORDER BY "id"'), [
      ['1', 'a'],
      ['2', 'b'],
    ]);
    assert.equal((await run(`INSERT INTO "dw"."pq" ("id", "nm") VALUES (3, 'c')`)).execution.Status!.State, 'SUCCEEDED');
    assert.equal(aws.s3.keys('lake', 'dw/pq_src/').length, 2);
    const r = await run('SELECT count(*) FROM "dw"."pq"');
    assert.deepEqual(r.rows[1], ['3']);
    const size = aws.s3.keys('lake', 'dw/pq_src/').reduce((n, k) => n + aws.s3.get('lake', k)!.length, 0);
    assert.equal(r.execution.Statistics!.DataScannedInBytes, size);
  });

  it('refuses UPDATE of a Hive table even when the statement is otherwise valid', async () => {
    failed(await run(`UPDATE "dw"."pq" SET "nm" = 'z'`), /^NOT_SUPPORTED: Modifying Hive table rows is only supported for transactional tables$/);
  });
});
