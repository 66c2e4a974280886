/**
 * The AWS emulator refuses what Athena refuses, with Athena's own failure shape: each rule of
 * test/helpers/aws-emulator driven through the real @aws-sdk/client-athena. A FAILED query carries
 * Status.StateChangeReason "<CODE>: …" and Status.AthenaError {ErrorCategory, ErrorType, Retryable, ErrorMessage}.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetTableCommand, GlueClient, UpdateTableCommand } from '@aws-sdk/client-glue';
import { tableInput } from '../../server/src/backends/aws/glue-catalog';
import { awsHome } from '../helpers/aws-emulator/aws-home';
import { clients, runAthena, type Ran } from '../helpers/aws-emulator/client';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator/index';

let aws: AwsEmulator;
let c: ReturnType<typeof clients>;
const run = (sql: string, options: Parameters<typeof runAthena>[2] = {}) => runAthena(c.athena, sql, options);

function failed(r: Ran, code: string, reason?: RegExp, type = 1000, retryable = false): void {
  const st = r.execution.Status!;
  assert.equal(st.State, 'FAILED', `expected FAILED: ${r.execution.Query}`);
  assert.ok(st.StateChangeReason!.startsWith(code ? `${code}: ` : 'FAILED: '), st.StateChangeReason);
  if (reason) assert.match(st.StateChangeReason!, reason);
  assert.deepEqual(st.AthenaError, { ErrorCategory: 2, ErrorType: type, Retryable: retryable, ErrorMessage: st.StateChangeReason });
}

function ok(r: Ran): Ran {
  assert.equal(r.execution.Status!.State, 'SUCCEEDED', r.execution.Status!.StateChangeReason);
  return r;
}

const ICEBERG = (name: string, cols = '`id` bigint, `nm` string', location = `s3://lake/dw/${name}/`) =>
  `CREATE TABLE \`dw\`.\`${name}\` (${cols}) LOCATION '${location}' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')`;
const CSV = (name: string, location: string, props = '') =>
  `CREATE EXTERNAL TABLE \`dw\`.\`${name}\` (\`a\` string, \`b\` string) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar'=',', 'quoteChar'='"', 'escapeChar'='\\\\') STORED AS TEXTFILE LOCATION '${location}'${props}`;

before(async () => {
  aws = await startAwsEmulator({ databases: ['dw'], workgroups: { primary: { outputLocation: 's3://results/' }, managed: { managed: true } } });
  c = clients(aws);
  ok(await run(ICEBERG('ice')));
  ok(await run(`INSERT INTO "dw"."ice" ("id", "nm") VALUES (1, 'a'), (2, 'b')`));
  aws.s3.put('raw', 'ext/part-0.csv', 'x,y\n1,\n');
  ok(await run(CSV('ext', 's3://raw/ext/')));
});
after(() => aws.stop());

describe('Athena statements: syntax and state', () => {
  it('goes QUEUED, RUNNING, SUCCEEDED, with the statement type and the bytes scanned', async () => {
    const r = ok(await run('SELECT count(*) AS n FROM "dw"."ice"'));
    assert.deepEqual(r.states, ['QUEUED', 'RUNNING', 'SUCCEEDED']);
    assert.equal(r.execution.StatementType, 'DML');
    assert.ok(r.execution.Statistics!.DataScannedInBytes! > 0);
    assert.deepEqual(r.rows, [['n'], ['2']]);
    assert.equal(ok(await run('DROP TABLE IF EXISTS `dw`.`nothing`')).execution.StatementType, 'DDL');
  });

  it('fails a statement that does not parse with SYNTAX_ERROR at its line and column', async () => {
    failed(await run('SELECT FROM "dw"."ice"'), 'SYNTAX_ERROR', /^SYNTAX_ERROR: line 1:8: mismatched input 'FROM'/);
    // Trino does not take backticks; Hive DDL does not take double quotes.
    failed(await run('SELECT `id` FROM "dw"."ice"'), 'SYNTAX_ERROR', /line 1:8: backquoted identifiers are not supported/);
    failed(await run('CREATE EXTERNAL TABLE "dw"."q" (a string) LOCATION \'s3://raw/q/\''), '', /ParseException line 1:22/, 1003);
  });

  it('names unaliased expressions _col<i> in the result, as Trino does', async () => {
    const r = ok(await run('SELECT count(*), 1 + 1, "nm", "nm" AS x, t."id", "nm" y FROM "dw"."ice" t GROUP BY "nm", t."id"'));
    assert.deepEqual(r.rows[0], ['_col0', '_col1', 'nm', 'x', 'id', 'y']);
  });

  it('logs every statement, so a test can tell that none ran', async () => {
    const before = aws.statements.length;
    await run('SELECT 1 AS one');
    assert.equal(aws.statements.length, before + 1);
    assert.deepEqual([aws.statements.at(-1)!.sql, aws.statements.at(-1)!.state, aws.statements.at(-1)!.workgroup], ['SELECT 1 AS one', 'SUCCEEDED', 'primary']);
  });
});

describe('Athena execution parameters ("Use parameterized queries")', () => {
  it('takes a quoted string value in a WHERE clause', async () => {
    const r = ok(await run('SELECT "nm" FROM "dw"."ice" WHERE "nm" = ?', { params: ["'b'"] }));
    assert.deepEqual(r.rows, [['nm'], ['b']]);
    assert.deepEqual(aws.statements.at(-1)!.params, ["'b'"]);
  });

  it('reads an unquoted string value as SQL text, so it fails', async () => {
    failed(await run('SELECT "nm" FROM "dw"."ice" WHERE "nm" = ?', { params: ['b'] }), 'COLUMN_NOT_FOUND', /Column 'b' cannot be resolved/);
  });

  it('refuses a ? outside WHERE, the wrong number of values, and statements other than SELECT, INSERT, CTAS, UNLOAD', async () => {
    failed(await run('SELECT lower(to_hex(sha256(to_utf8(concat(?, "nm"))))) FROM "dw"."ice"', { params: ["'salt'"] }), 'INVALID_PARAMETER_USAGE', /line 1:43: .*WHERE clause, found one in SELECT/);
    failed(await run('SELECT "nm" FROM "dw"."ice" WHERE "id" = ?'), 'INVALID_PARAMETER_USAGE', /expected 1 but found 0/);
    failed(await run('SELECT "nm" FROM "dw"."ice" WHERE "id" = ?', { params: ['1', '2'] }), 'INVALID_PARAMETER_USAGE', /expected 1 but found 2/);
    failed(await run('DELETE FROM "dw"."ice" WHERE "id" = ?', { params: ['1'] }), 'INVALID_PARAMETER_USAGE', /only for SELECT, INSERT INTO, CTAS and UNLOAD/);
    failed(await run(`MERGE INTO "dw"."ice" AS t USING (SELECT 1 AS "id") AS s ON (t."id" = s."id") WHEN MATCHED AND t."nm" = ? THEN DELETE`, { params: ["'a'"] }), 'INVALID_PARAMETER_USAGE');
  });
});

describe('Athena Iceberg-only statements and types', () => {
  it('runs DELETE, UPDATE, MERGE, VACUUM, OPTIMIZE and RENAME TO on Iceberg tables only', async () => {
    for (const sql of [
      'DELETE FROM "dw"."ext" WHERE "a" = \'1\'',
      'UPDATE "dw"."ext" SET "b" = \'x\'',
      `MERGE INTO "dw"."ext" AS t USING (SELECT '1' AS "a") AS s ON (t."a" = s."a") WHEN MATCHED THEN DELETE`,
    ]) {
      failed(await run(sql), 'NOT_SUPPORTED', /Modifying Hive table rows is only supported for transactional tables/);
    }
    failed(await run('VACUUM dw.ext'), 'NOT_SUPPORTED', /only for Iceberg/);
    failed(await run('OPTIMIZE dw.ext REWRITE DATA USING BIN_PACK'), 'NOT_SUPPORTED', /only for Iceberg/);
    failed(await run('ALTER TABLE `dw`.`ext` RENAME TO `dw`.`ext2`'), '', /RENAME TO .* not an Iceberg table/, 1003);
    assert.ok(aws.glue.table('dw', 'ext') && !aws.glue.table('dw', 'ext2'));
    ok(await run('UPDATE "dw"."ice" SET "nm" = \'bb\' WHERE "id" = 2'));
    assert.deepEqual(ok(await run('SELECT "nm" FROM "dw"."ice" ORDER BY "id"')).rows, [['nm'], ['a'], ['bb']]);
  });

  it('refuses tinyint, smallint, char and varchar columns in an Iceberg table ("Supported data types for Iceberg tables")', async () => {
    for (const type of ['tinyint', 'smallint', 'char(2)', 'varchar(10)'])
      failed(await run(ICEBERG(`t_${type.replace(/\W/g, '')}`, `\`x\` ${type}`)), '', new RegExp(`Unsupported Iceberg column type ${type.replace(/[()]/g, '\\$&')}`), 1003);
    ok(await run(ICEBERG('t_ok', '`x` int, `y` string, `z` decimal(12,2), `w` timestamp')));
    failed(await run('ALTER TABLE `dw`.`t_ok` ADD COLUMNS (`s` smallint)'), '', /Unsupported Iceberg column type smallint/, 1003);
    ok(await run('ALTER TABLE `dw`.`t_ok` ADD COLUMNS (`s` int)'));
    ok(await run('ALTER TABLE `dw`.`t_ok` DROP COLUMN `w`'));
    assert.deepEqual(
      aws.glue.table('dw', 't_ok')!.StorageDescriptor!.Columns!.map((col) => col.Name),
      ['x', 'y', 'z', 's'],
    );
  });

  it('creates Iceberg tables only as Athena\'s CREATE TABLE synopsis has them ("Create Iceberg tables")', async () => {
    failed(await run(ICEBERG('t_ext').replace('CREATE TABLE', 'CREATE EXTERNAL TABLE')), '', /^FAILED: External keyword not supported for table type ICEBERG$/, 1003);
    failed(await run(ICEBERG('t_cmt').replace(') LOCATION', ") COMMENT 'a table' LOCATION")), '', /table COMMENT is not part of the Iceberg CREATE TABLE syntax/, 1003);
    failed(await run(ICEBERG('t_pt').replace(') LOCATION', ') PARTITIONED BY (`nm` string) LOCATION')), '', /the column type must not be included/, 1003);
    failed(await run(ICEBERG('t_pu').replace(') LOCATION', ') PARTITIONED BY (`dt`) LOCATION')), '', /Partition column dt is not declared/, 1003);
    ok(await run(ICEBERG('t_pok').replace(') LOCATION', ') PARTITIONED BY (`nm`, bucket(16, `id`)) LOCATION')));
    failed(await run("CREATE TABLE `dw`.`t_plain` (`x` int) LOCATION 's3://lake/dw/t_plain/'"), '', /Only external table creation is supported/, 1003);
  });

  it('fails VACUUM and OPTIMIZE with a double-quoted table name ("VACUUM")', async () => {
    failed(await run('VACUUM "dw"."ice"'), 'SYNTAX_ERROR', /line 1:8: mismatched input '"dw"'/);
    failed(await run('OPTIMIZE "dw"."ice" REWRITE DATA USING BIN_PACK'), 'SYNTAX_ERROR', /line 1:10/);
    ok(await run('VACUUM dw.ice'));
    ok(await run('VACUUM `dw`.`ice`'));
  });

  it('keeps Iceberg snapshots (readable by time travel) for vacuum_max_snapshot_age_seconds, then VACUUM deletes them and their files', async () => {
    ok(await run(ICEBERG('purge')));
    ok(await run(`INSERT INTO "dw"."purge" ("id", "nm") VALUES (1, 'secret')`));
    ok(await run(`UPDATE "dw"."purge" SET "nm" = NULL`));
    const files = () => aws.s3.keys('lake', 'dw/purge/data/').length;
    assert.equal(files(), 2);
    const snapshots = ok(await run('SELECT snapshot_id FROM "dw"."purge$snapshots" ORDER BY committed_at'))
      .rows.slice(1)
      .map((r) => r[0]!);
    assert.equal(snapshots.length, 3);
    const asOf = `SELECT "nm" FROM "dw"."purge" FOR VERSION AS OF ${snapshots[1]}`;
    assert.deepEqual(ok(await run(asOf)).rows, [['nm'], ['secret']]);
    ok(await run('VACUUM dw.purge'));
    assert.equal(files(), 2, 'the 5-day default keeps the old snapshot and its file');
    assert.deepEqual(ok(await run(asOf)).rows, [['nm'], ['secret']], 'the purged value is still readable by time travel');
    ok(await run(`ALTER TABLE \`dw\`.\`purge\` SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds'='60')`));
    aws.advanceTime(120);
    ok(await run('VACUUM dw.purge'));
    assert.equal(files(), 1);
    failed(await run(asOf), 'INVALID_ARGUMENT', /Iceberg snapshot ID does not exists/);
    assert.deepEqual(ok(await run('SELECT "nm" FROM "dw"."purge"')).rows, [['nm'], [null]]);
  });
});

describe('Athena table locations, CTAS, DROP and RENAME', () => {
  it('takes an external LOCATION only as a folder ending in a slash ("Table location in Amazon S3")', async () => {
    for (const loc of ['s3://raw/ext/part-0.csv', 's3://raw/ext', 's3://raw//ext/', 's3://raw/e*/']) failed(await run(CSV('bad', loc)), '', /Invalid LOCATION/, 1003);
    assert.equal(aws.glue.table('dw', 'bad'), undefined);
  });

  it('fails a CTAS whose location already holds objects (HIVE_PATH_ALREADY_EXISTS)', async () => {
    aws.s3.put('lake', 'dw/busy/leftover.parquet', 'x');
    failed(
      await run(`CREATE TABLE "dw"."busy" WITH (table_type = 'ICEBERG', is_external = false, location = 's3://lake/dw/busy/') AS SELECT "id" FROM "dw"."ice"`),
      'HIVE_PATH_ALREADY_EXISTS',
      /s3:\/\/lake\/dw\/busy\//,
    );
  });

  it('gives a CTAS table no column comments and none of the parameters set through Glue', async () => {
    ok(await run(ICEBERG('src', "`id` bigint COMMENT 'key', `nm` string COMMENT 'name'")));
    const t = (await c.glue.send(new GetTableCommand({ DatabaseName: 'dw', Name: 'src' }))).Table!;
    await c.glue.send(new UpdateTableCommand({ DatabaseName: 'dw', TableInput: tableInput({ ...t, Parameters: { ...t.Parameters, 'tablespec.spec': 'x' } }), VersionId: t.VersionId }));
    ok(await run(`CREATE TABLE "dw"."copy" WITH (table_type = 'ICEBERG', is_external = false, location = 's3://lake/dw/copy/') AS SELECT "id", "nm" FROM "dw"."src"`));
    const copy = aws.glue.table('dw', 'copy')!;
    assert.deepEqual(
      copy.StorageDescriptor!.Columns!.map((col) => [col.Name, col.Type, col.Comment]),
      [
        ['id', 'bigint', undefined],
        ['nm', 'string', undefined],
      ],
    );
    assert.deepEqual(Object.keys(copy.Parameters!).sort(), ['metadata_location', 'table_type']);
  });

  it('moves a table on RENAME TO, keeping its location and parameters', async () => {
    const before = aws.glue.table('dw', 'src')!;
    ok(await run('ALTER TABLE `dw`.`src` RENAME TO `dw`.`src2`'));
    const moved = aws.glue.table('dw', 'src2')!;
    assert.equal(aws.glue.table('dw', 'src'), undefined);
    assert.equal(moved.StorageDescriptor!.Location, before.StorageDescriptor!.Location);
    assert.equal(moved.Parameters!['tablespec.spec'], 'x');
  });

  it('deletes the files under an Iceberg table location on DROP, a nested table\'s too ("Drop Iceberg tables")', async () => {
    ok(await run(ICEBERG('outer')));
    ok(await run(`INSERT INTO "dw"."outer" ("id", "nm") VALUES (1, 'a')`));
    ok(await run(`CREATE TABLE "dw"."inner" WITH (table_type = 'ICEBERG', is_external = false, location = 's3://lake/dw/outer/load_1/') AS SELECT "id", "nm" FROM "dw"."outer"`));
    ok(await run('DROP TABLE `dw`.`outer`'));
    assert.deepEqual(aws.s3.keys('lake', 'dw/outer/'), []);
    failed(await run('SELECT count(*) FROM "dw"."inner"'), 'ICEBERG_INVALID_METADATA', /load_1\/metadata\//, 233);
  });

  it('leaves the files of an external table on DROP', async () => {
    aws.s3.put('raw', 'keep/a.csv', '1,2\n');
    ok(await run(CSV('keep', 's3://raw/keep/')));
    ok(await run('DROP TABLE `dw`.`keep`'));
    assert.deepEqual(aws.s3.keys('raw', 'keep/'), ['keep/a.csv']);
  });
});

describe('Athena Iceberg commits update Glue', () => {
  it('gives every commit a new VersionId and metadata_location, keeps table parameters, rewrites columns from the Iceberg schema', async () => {
    ok(await run(ICEBERG('commits', "`id` bigint COMMENT 'key', `nm` string")));
    const t = (await c.glue.send(new GetTableCommand({ DatabaseName: 'dw', Name: 'commits' }))).Table!;
    const columns = t.StorageDescriptor!.Columns!.map((col) => (col.Name === 'nm' ? { ...col, Comment: 'set in Glue', Parameters: { 'tablespec.pii': 'name' } } : col));
    await c.glue.send(
      new UpdateTableCommand({
        DatabaseName: 'dw',
        TableInput: tableInput({ ...t, Parameters: { ...t.Parameters, 'tablespec.load_mode': 'upsert' }, StorageDescriptor: { ...t.StorageDescriptor, Columns: columns } }),
        VersionId: t.VersionId,
      }),
    );
    const mid = aws.glue.table('dw', 'commits')!;
    ok(await run(`INSERT INTO "dw"."commits" ("id", "nm") VALUES (1, 'a')`));
    const after = aws.glue.table('dw', 'commits')!;
    assert.equal(Number(after.VersionId), Number(mid.VersionId) + 1);
    assert.notEqual(after.Parameters!.metadata_location, mid.Parameters!.metadata_location);
    assert.equal(after.Parameters!.previous_metadata_location, mid.Parameters!.metadata_location);
    assert.equal(after.Parameters!['tablespec.load_mode'], 'upsert');
    const nm = after.StorageDescriptor!.Columns!.find((col) => col.Name === 'nm')!;
    assert.equal(nm.Comment, undefined);
    assert.equal(nm.Parameters!['tablespec.pii'], undefined);
    assert.equal(after.StorageDescriptor!.Columns!.find((col) => col.Name === 'id')!.Comment, 'key');
  });

  it('fails a MERGE in which a target row matches more than one source row (MERGE_TARGET_ROW_MULTIPLE_MATCHES)', async () => {
    const r = await run(`MERGE INTO "dw"."ice" AS t USING (SELECT 1 AS "id", 'x' AS "nm" UNION ALL SELECT 1, 'y') AS s ON (t."id" = s."id") WHEN MATCHED THEN UPDATE SET "nm" = s."nm"`);
    failed(r, 'MERGE_TARGET_ROW_MULTIPLE_MATCHES', /One MERGE target table row matched more than one source row/);
    assert.deepEqual(ok(await run('SELECT "nm" FROM "dw"."ice" WHERE "id" = 1')).rows[1], ['a']);
  });

  it('fails a statement injected with failNext as Athena reports a retryable Iceberg commit conflict, without running it', async () => {
    aws.athena.failNext(/^INSERT INTO "dw"."ice"/, { errorType: 'ICEBERG_COMMIT_ERROR', message: 'Failed to commit Iceberg update to table: dw.ice', category: 2, type: 233, retryable: true });
    const sql = `INSERT INTO "dw"."ice" ("id", "nm") VALUES (3, 'c')`;
    failed(await run(sql), 'ICEBERG_COMMIT_ERROR', /Failed to commit/, 233, true);
    assert.deepEqual(ok(await run('SELECT count(*) FROM "dw"."ice"')).rows[1], ['2']);
    ok(await run(sql));
    assert.deepEqual(ok(await run('SELECT count(*) FROM "dw"."ice"')).rows[1], ['3']);
  });
});

describe("The SDK's own client-side errors (what the product must map)", () => {
  // Profiles whose cached SSO tokens expired, as `aws sso login` leaves them a day later.
  const home = awsHome({ legacy: { region: 'ap-northeast-2', sso: 'expired' }, 'card-dev': { region: 'ap-northeast-2', sso: 'expired', ssoStyle: 'session' }, plain: { region: 'eu-west-1' } });
  before(() => home.apply());
  after(() => home.restore());
  const getTable = (client: GlueClient) =>
    client.send(new GetTableCommand({ DatabaseName: 'dw', Name: 'ice' })).then(
      () => assert.fail('expected a client-side error'),
      (e: Error) => e,
    );

  it('an expired SSO session (sso_start_url profile) is a CredentialsProviderError "The SSO session associated with this profile has expired"', async () => {
    const before = aws.calls.length;
    const e = await getTable(new GlueClient({ profile: 'legacy', region: 'ap-northeast-2', endpoint: aws.endpoint }));
    assert.equal(e.name, 'CredentialsProviderError');
    assert.match(e.message, /^The SSO session associated with this profile has expired\. To refresh this SSO session run aws sso login with the corresponding profile\./);
    assert.equal(aws.calls.length, before, 'nothing reached the service');
  });

  it('an expired SSO token of an sso-session profile is a CredentialsProviderError saying to run aws sso login', async () => {
    const e = await getTable(new GlueClient({ profile: 'card-dev', region: 'ap-northeast-2', endpoint: aws.endpoint }));
    assert.equal(e.name, 'CredentialsProviderError');
    assert.match(e.message, /SSO Token.*To refresh this SSO session run 'aws sso login' with the corresponding profile\./);
  });

  it("a client given a profile and no region takes the profile's region from ~/.aws/config", async () => {
    assert.equal(await new GlueClient({ profile: 'plain' }).config.region(), 'eu-west-1');
  });

  it('a client with no region fails before sending with "Region is missing"', async () => {
    const e = await getTable(new GlueClient({ endpoint: aws.endpoint, credentials: { accessKeyId: 'AKID', secretAccessKey: 's' } }));
    assert.equal(e.message, 'Region is missing');
  });
});
