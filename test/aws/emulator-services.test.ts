/**
 * The AWS emulator's Glue, S3 and Athena result paths, its Trino functions and SerDes, and the SDK's
 * own client-side errors, driven through the real SDK clients: the error shapes (exception name,
 * HTTP status) and the paging are the services'.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetQueryResultsCommand } from '@aws-sdk/client-athena';
import { CreateTableCommand, DeleteTableCommand, GetTableCommand, GetTablesCommand, UpdateTableCommand, type TableInput } from '@aws-sdk/client-glue';
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { clients, runAthena } from '../helpers/aws-emulator/client';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator/index';

let aws: AwsEmulator;
let c: ReturnType<typeof clients>;
const run = (sql: string, options: Parameters<typeof runAthena>[2] = {}) => runAthena(c.athena, sql, options);

/** The SDK error a promise rejects with: its name (the service's __type or S3 Code) and HTTP status. */
async function awsFailure(p: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  assert.fail('expected the call to fail');
}

const table = (name: string, extra: Partial<TableInput> = {}): TableInput => ({
  Name: name,
  TableType: 'EXTERNAL_TABLE',
  StorageDescriptor: { Columns: [{ Name: 'id', Type: 'bigint' }], Location: `s3://lake/dw/${name}/` },
  ...extra,
});

before(async () => {
  aws = await startAwsEmulator({ databases: ['dw'], workgroups: { primary: { outputLocation: 's3://results/' }, managed: { managed: true }, bare: {} } });
  c = clients(aws);
});
after(() => aws.stop());

describe('Glue through the SDK', () => {
  it('creates, reads and deletes tables, with AlreadyExists and EntityNotFound as Glue sends them', async () => {
    await c.glue.send(new CreateTableCommand({ DatabaseName: 'dw', TableInput: table('t1') }));
    assert.deepEqual(await awsFailure(c.glue.send(new CreateTableCommand({ DatabaseName: 'dw', TableInput: table('t1') }))), {
      name: 'AlreadyExistsException',
      status: 400,
      message: 'Table already exists.',
    });
    assert.deepEqual((await awsFailure(c.glue.send(new CreateTableCommand({ DatabaseName: 'nodb', TableInput: table('t1') })))).name, 'EntityNotFoundException');
    assert.equal((await c.glue.send(new GetTableCommand({ DatabaseName: 'dw', Name: 't1' }))).Table!.VersionId, '0');
    await c.glue.send(new DeleteTableCommand({ DatabaseName: 'dw', Name: 't1' }));
    assert.deepEqual(await awsFailure(c.glue.send(new GetTableCommand({ DatabaseName: 'dw', Name: 't1' }))), { name: 'EntityNotFoundException', status: 400, message: 'Table t1 not found.' });
    assert.equal((await awsFailure(c.glue.send(new DeleteTableCommand({ DatabaseName: 'dw', Name: 't1' })))).name, 'EntityNotFoundException');
  });

  it('refuses input outside the Column and TableInput constraints with ValidationException', async () => {
    const col = (Comment: string) => table('tv', { StorageDescriptor: { Columns: [{ Name: 'id', Type: 'bigint', Comment }], Location: 's3://lake/dw/tv/' } });
    const cases: [TableInput, RegExp][] = [
      [col('x'.repeat(256)), /at 'tableInput.storageDescriptor.columns.1.member.comment' failed to satisfy constraint: Member must have length less than or equal to 255/],
      [col('line one\nline two'), /columns.1.member.comment' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      // Lengths in UTF-8 bytes (the developer guide's "Table API" page): 86 Korean characters are 258 bytes.
      [col('계'.repeat(86)), /columns.1.member.comment' .*less than or equal to 255/],
      [table('tv', { Description: 'd'.repeat(2049) }), /'tableInput.description' .*less than or equal to 2048/],
      [table('tv', { Parameters: { ['k'.repeat(256)]: 'v' } }), /'tableInput.parameters.key' .*less than or equal to 255/],
      [table('tv', { Parameters: { k: 'v'.repeat(512001) } }), /'tableInput.parameters.k.member' .*less than or equal to 512000/],
      [table('tv', { StorageDescriptor: { Columns: [{ Name: '', Type: 'bigint' }] } }), /columns.1.member.name' .*greater than or equal to 1/],
      [table('tv', { StorageDescriptor: { Columns: [], Location: `s3://lake/${'p/'.repeat(1030)}` } }), /storageDescriptor.location' .*less than or equal to 2056/],
    ];
    for (const [input, message] of cases) {
      const f = await awsFailure(c.glue.send(new CreateTableCommand({ DatabaseName: 'dw', TableInput: input })));
      assert.equal(f.name, 'ValidationException');
      assert.equal(f.status, 400);
      assert.match(f.message, /^1 validation error detected: Value '/);
      assert.match(f.message, message);
    }
    // The limits themselves pass: 255 bytes of comment with a tab and Korean text, a 2,048-byte multi-line description.
    await c.glue.send(
      new CreateTableCommand({
        DatabaseName: 'dw',
        TableInput: table('tv', { Description: `${'d'.repeat(2046)}\r\n`, StorageDescriptor: { Columns: [{ Name: 'id', Type: 'bigint', Comment: `계좌\t${'x'.repeat(248)}` }] } }),
      }),
    );
    assert.equal(Buffer.byteLength(aws.glue.table('dw', 'tv')!.StorageDescriptor!.Columns![0]!.Comment!), 255);
  });

  it('updates at the version read, with a new VersionId each time and ConcurrentModificationException on a stale one', async () => {
    await c.glue.send(new CreateTableCommand({ DatabaseName: 'dw', TableInput: table('tu', { Description: 'first' }) }));
    await c.glue.send(new UpdateTableCommand({ DatabaseName: 'dw', TableInput: table('tu', { Parameters: { a: '1' } }), VersionId: '0' }));
    const t = (await c.glue.send(new GetTableCommand({ DatabaseName: 'dw', Name: 'tu' }))).Table!;
    assert.equal(t.VersionId, '1');
    assert.equal(t.Description, undefined, 'UpdateTable replaces the whole definition');
    assert.deepEqual(await awsFailure(c.glue.send(new UpdateTableCommand({ DatabaseName: 'dw', TableInput: table('tu'), VersionId: '0' }))), {
      name: 'ConcurrentModificationException',
      status: 400,
      message: 'Update table failed due to concurrent modifications.',
    });
    assert.equal((await awsFailure(c.glue.send(new UpdateTableCommand({ DatabaseName: 'dw', TableInput: table('nope') })))).name, 'EntityNotFoundException');
  });

  it('answers injected service errors (throttling, expired tokens) the number of times asked, then serves again', async () => {
    aws.injectError('AWSGlue.GetTable', { type: 'ThrottlingException', message: 'Rate exceeded', times: 2 });
    const { GlueClient } = await import('@aws-sdk/client-glue');
    const retrying = new GlueClient({ region: 'ap-northeast-2', endpoint: aws.endpoint, credentials: { accessKeyId: 'AKID', secretAccessKey: 's' }, maxAttempts: 3 });
    await c.glue.send(new CreateTableCommand({ DatabaseName: 'dw', TableInput: table('tthr') }));
    const before = aws.count('AWSGlue.GetTable');
    assert.equal((await retrying.send(new GetTableCommand({ DatabaseName: 'dw', Name: 'tthr' }))).Table!.Name, 'tthr');
    assert.equal(aws.count('AWSGlue.GetTable') - before, 3);
    aws.injectError('S3.GetObject', { type: 'SlowDown', message: 'Please reduce your request rate.', status: 503 });
    aws.s3.put('b', 'x', 'y');
    assert.deepEqual((await awsFailure(c.s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'x' })))).name, 'SlowDown');
  });

  it('pages GetTables with MaxResults 1..100 and NextToken', async () => {
    aws.glue.database('many');
    for (let i = 0; i < 250; i++) aws.glue.create('many', { Name: `t${String(i).padStart(3, '0')}` });
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const out = await c.glue.send(new GetTablesCommand({ DatabaseName: 'many', MaxResults: 100, ...(token ? { NextToken: token } : {}) }));
      sizes.push(out.TableList!.length);
      token = out.NextToken;
    } while (token);
    assert.deepEqual(sizes, [100, 100, 50]);
    for (const n of [0, 101]) assert.equal((await awsFailure(c.glue.send(new GetTablesCommand({ DatabaseName: 'many', MaxResults: n })))).name, 'ValidationException');
    assert.equal((await awsFailure(c.glue.send(new GetTablesCommand({ DatabaseName: 'many', NextToken: 'garbage' })))).name, 'InvalidInputException');
  });
});

describe('S3 through the SDK', () => {
  it('puts, gets, heads and deletes objects; a missing key is NoSuchKey 404 (NotFound on HEAD)', async () => {
    await c.s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'a/1.csv', Body: '가,나\n' }));
    assert.equal(await (await c.s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'a/1.csv' }))).Body!.transformToString('utf8'), '가,나\n');
    assert.equal((await c.s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'a/1.csv' }))).ContentLength, 8);
    assert.deepEqual(await awsFailure(c.s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'a/none' }))), { name: 'NoSuchKey', status: 404, message: 'The specified key does not exist.' });
    assert.deepEqual((await awsFailure(c.s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'a/none' })))).status, 404);
    assert.deepEqual(await awsFailure(c.s3.send(new ListObjectsV2Command({ Bucket: 'never-made', Prefix: 'x/' }))), {
      name: 'NoSuchBucket',
      status: 404,
      message: 'The specified bucket does not exist',
    });
    aws.s3.bucket('made');
    assert.equal((await c.s3.send(new ListObjectsV2Command({ Bucket: 'made' }))).KeyCount, 0);
    await c.s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: 'a/1.csv' }));
    aws.s3.put('b', 'a/2', 'x');
    aws.s3.put('b', 'a/3', 'y');
    await c.s3.send(new DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects: [{ Key: 'a/2' }, { Key: 'a/3' }] } }));
    assert.deepEqual(aws.s3.keys('b', 'a/'), []);
  });

  it('lists at most MaxKeys (default 1,000) a page, with IsTruncated and NextContinuationToken', async () => {
    for (let i = 0; i < 2500; i++) aws.s3.put('big', `p/${String(i).padStart(5, '0')}`, 'x');
    const pages: { n: number; truncated: boolean | undefined }[] = [];
    let token: string | undefined;
    do {
      const out = await c.s3.send(new ListObjectsV2Command({ Bucket: 'big', Prefix: 'p/', ...(token ? { ContinuationToken: token } : {}) }));
      pages.push({ n: out.KeyCount!, truncated: out.IsTruncated });
      token = out.NextContinuationToken;
    } while (token);
    assert.deepEqual(pages, [
      { n: 1000, truncated: true },
      { n: 1000, truncated: true },
      { n: 500, truncated: false },
    ]);
    const small = await c.s3.send(new ListObjectsV2Command({ Bucket: 'big', Prefix: 'p/', MaxKeys: 2 }));
    assert.deepEqual([small.Contents!.map((o) => o.Key), small.IsTruncated], [['p/00000', 'p/00001'], true]);
  });
});

describe('Athena results', () => {
  before(async () => {
    aws.s3.put('raw', 'seq/a.csv', Array.from({ length: 2500 }, (_, i) => `${i},${i % 3 ? 'v' + i : ''}`).join('\n') + '\n');
    await run(
      `CREATE EXTERNAL TABLE \`dw\`.\`seq\` (\`i\` string, \`v\` string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://raw/seq/' TBLPROPERTIES ('serialization.null.format'='')`,
    );
  });

  it('pages 1,000 rows with the header row on the first page only; NULL is a Datum without VarCharValue', async () => {
    const r = await run('SELECT CAST("i" AS integer) AS i, "v" FROM "dw"."seq" ORDER BY 1');
    assert.deepEqual(
      r.pages.map((p) => p.length),
      [1000, 1000, 501],
    );
    assert.deepEqual(r.rows[0], ['i', 'v']);
    assert.deepEqual(r.rows[1], ['0', null]);
    assert.deepEqual(r.pages[0]![1]!.Data, [{ VarCharValue: '0' }, {}]);
    assert.deepEqual(r.pages[1]![0]!.Data, [{ VarCharValue: '999' }, {}]);
    assert.equal(r.rows.filter((row) => row[0] === 'i').length, 1);
    const f = await awsFailure(c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: r.id, MaxResults: 1001 })));
    assert.equal(f.name, 'InvalidRequestException');
  });

  it('resolves unqualified names in QueryExecutionContext.Database, and fails an unknown table with TABLE_NOT_FOUND', async () => {
    const r = await run('SELECT count(*) AS n FROM seq', { database: 'dw' });
    assert.deepEqual(r.rows, [['n'], ['2500']]);
    const f = await run('SELECT count(*) AS n FROM seq');
    assert.equal(f.execution.Status!.StateChangeReason, "TABLE_NOT_FOUND: line 1:27: Table 'awsdatacatalog.default.seq' does not exist");
    assert.deepEqual((await run('WITH seq AS (SELECT 1 AS x) SELECT x FROM seq')).rows, [['x'], ['1']]);
  });

  it('writes the result CSV to <OutputLocation><id>.csv, every value quoted and NULL empty', async () => {
    const r = await run(`SELECT 'a"b' AS s, CAST(NULL AS varchar) AS n, 1 AS k`);
    assert.equal(r.execution.ResultConfiguration!.OutputLocation, `s3://results/${r.id}.csv`);
    assert.equal(aws.s3.get('results', `${r.id}.csv`)!.toString('utf8'), '"s","n","k"\n"a""b",,"1"\n');
  });

  it('serves a managed-results workgroup without an OutputLocation, and refuses a query with no output location at all', async () => {
    const r = await run('SELECT 1 AS one', { workgroup: 'managed' });
    assert.deepEqual([r.execution.Status!.State, r.execution.ResultConfiguration!.OutputLocation, r.rows], ['SUCCEEDED', undefined, [['one'], ['1']]]);
    const f = await awsFailure(run('SELECT 1', { workgroup: 'bare' }));
    assert.deepEqual([f.name, f.status], ['InvalidRequestException', 400]);
    assert.match(f.message, /No output location provided/);
  });

  it('answers a repeated ClientRequestToken with the same execution, and refuses the token for another query', async () => {
    const { StartQueryExecutionCommand } = await import('@aws-sdk/client-athena');
    const token = 'tok-0000000000000000000000000000000001';
    const before = aws.statements.length;
    const a = await c.athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1 AS a', ClientRequestToken: token }));
    const b = await c.athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1 AS a', ClientRequestToken: token }));
    assert.equal(a.QueryExecutionId, b.QueryExecutionId);
    assert.equal(aws.statements.length, before + 1);
    const f = await awsFailure(c.athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 2 AS a', ClientRequestToken: token })));
    assert.deepEqual([f.name, f.status], ['InvalidRequestException', 400]);
    const e = await awsFailure(c.athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1 AS a', ExecutionParameters: [] })));
    assert.deepEqual([e.name, e.status], ['InvalidRequestException', 400]);
  });

  it('cancels a query held RUNNING when it is stopped', async () => {
    aws.athena.holdNext(/slow/);
    const { StartQueryExecutionCommand, GetQueryExecutionCommand, StopQueryExecutionCommand } = await import('@aws-sdk/client-athena');
    const { QueryExecutionId } = await c.athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1 AS slow' }));
    for (let i = 0; i < 4; i++) assert.notEqual((await c.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!.Status!.State, 'SUCCEEDED');
    await c.athena.send(new StopQueryExecutionCommand({ QueryExecutionId }));
    assert.equal((await c.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!.Status!.State, 'CANCELLED');
  });
});
