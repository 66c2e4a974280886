/**
 * Queries from the editor on Athena, against the strict emulator: bytes scanned and cost come back with the
 * rows, every query is kept in the workspace's query history, and a query the workgroup's per-query scan
 * limit (BytesScannedCutoffPerQuery) cancels is said so, with the limit, not shrugged off as "Cancelled".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OperationError } from '../../server/src/backends/errors';
import { athenaCost } from '../../server/src/backends/aws/athena-engine';
import { runRecordedQuery } from '../../server/src/commands/run-operation';
import { readQueryHistory } from '../../server/src/ops/query-history';
import { clients, runAthena } from '../helpers/aws-emulator/client';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator/index';
import { tempWorkspace } from '../helpers/temp-workspace';

const workspace = `defaults:
  database: card_dw
environments:
  dev:
    engine: athena
    region: ap-northeast-2
    workgroup: primary
  capped:
    engine: athena
    region: ap-northeast-2
    workgroup: capped
`;

const limit = 10_000_000;
const table = (name: string) =>
  `CREATE EXTERNAL TABLE \`card_dw\`.\`${name}\` (\`id\` string, \`txt\` string) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' STORED AS TEXTFILE LOCATION 's3://card-raw/${name}/'`;
// About 12 MB of rows: more than the capped workgroup lets one query scan.
const wide = Array.from({ length: 120_000 }, (_, i) => `${i},${'x'.repeat(90)}`).join('\n') + '\n';
const narrow = '1,a\n2,b\n3,c\n';

describe('queries from the editor on Athena (emulator)', () => {
  let aws: AwsEmulator;
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'queries/big.sql': 'SELECT count(*) AS n FROM card_dw.big_log\n' });
  const saved = { ...process.env };

  before(async () => {
    aws = await startAwsEmulator({
      databases: ['card_dw'],
      workgroups: { primary: { outputLocation: 's3://results/' }, capped: { outputLocation: 's3://results/', bytesScannedCutoffPerQuery: limit } },
    });
    const c = clients(aws);
    aws.s3.put('card-raw', 'big_log/part-0.csv', wide);
    aws.s3.put('card-raw', 'small/part-0.csv', narrow);
    for (const sql of [table('big_log'), table('small')]) assert.equal((await runAthena(c.athena, sql)).execution.Status!.State, 'SUCCEEDED');
    process.env.TABLESPEC_AWS_ENDPOINT = aws.endpoint;
    process.env.TABLESPEC_ATHENA_POLL_MS = '5';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  });
  after(async () => {
    process.env = saved;
    await aws.stop();
    ws.remove();
  });

  it('emulator: a workgroup cutoff below 10,000,000 bytes is refused ("WorkGroupConfiguration": minimum 10000000)', () => {
    assert.throws(
      () => aws.athena.workgroup('tiny', { outputLocation: 's3://results/', bytesScannedCutoffPerQuery: 9_999_999 }),
      (e: Error & { type?: string }) => /greater than or equal to 10000000/.test(e.message),
    );
  });

  it('emulator: a query over the cutoff is CANCELLED with "Bytes scanned limit was exceeded", billed up to the limit; a narrow one runs', async () => {
    const c = clients(aws);
    const big = await runAthena(c.athena, 'SELECT count(*) AS n FROM card_dw.big_log', { workgroup: 'capped' });
    assert.equal(big.execution.Status!.State, 'CANCELLED');
    assert.equal(big.execution.Status!.StateChangeReason, 'Bytes scanned limit was exceeded');
    assert.equal(big.execution.Status!.AthenaError, undefined);
    assert.equal(big.execution.Statistics!.DataScannedInBytes, limit);
    const small = await runAthena(c.athena, 'SELECT count(*) AS n FROM card_dw.small', { workgroup: 'capped' });
    assert.equal(small.execution.Status!.State, 'SUCCEEDED');
    assert.deepEqual(small.rows, [['n'], ['3']]);
    // Without the limit the same query runs, and scans the whole object.
    const free = await runAthena(c.athena, 'SELECT count(*) AS n FROM card_dw.big_log');
    assert.equal(free.execution.Status!.State, 'SUCCEEDED');
    assert.equal(free.execution.Statistics!.DataScannedInBytes, Buffer.byteLength(wide));
  });

  it('emulator: a write over the cutoff is cancelled before it commits anything: no table, no file', async () => {
    const c = clients(aws);
    const copy = await runAthena(c.athena, `CREATE TABLE "card_dw"."big_copy" WITH (external_location = 's3://card-raw/big_copy/', format = 'PARQUET') AS SELECT * FROM "card_dw"."big_log"`, {
      workgroup: 'capped',
    });
    assert.equal(copy.execution.Status!.State, 'CANCELLED');
    assert.equal(copy.execution.Status!.StateChangeReason, 'Bytes scanned limit was exceeded');
    assert.equal(aws.glue.table('card_dw', 'big_copy'), undefined);
    assert.deepEqual(aws.s3.keys('card-raw', 'big_copy/'), []);
  });

  it('returns bytes scanned and the cost ($5 per TB, 10 MB at least) with the rows, and records the query', async () => {
    const { report, entry } = await runRecordedQuery(ws.root, 'dev', 'SELECT count(*) AS n FROM card_dw.small;', 100, { source: 'queries/small.sql' });
    assert.deepEqual(report.rows, [{ n: 3 }]);
    assert.equal(report.stats.bytesScanned, Buffer.byteLength(narrow));
    // 12 bytes are billed as the 10 MB minimum: 10 × 2^20 × $5 / 2^40.
    assert.equal(report.stats.costUsd, (10 * 1024 * 1024 * 5) / 1024 ** 4);
    assert.equal(athenaCost(Buffer.byteLength(wide)), (Math.ceil(Buffer.byteLength(wide) / 1024 ** 2) * 1024 ** 2 * 5) / 1024 ** 4);
    const latest = readQueryHistory(ws.root)[0]!;
    assert.deepEqual(
      { ...latest, at: undefined, elapsedMs: undefined },
      {
        id: entry!.id,
        at: undefined,
        elapsedMs: undefined,
        environment: 'dev',
        source: 'queries/small.sql',
        sql: 'SELECT count(*) AS n FROM card_dw.small;',
        result: 'ok',
        rows: 1,
        bytesScanned: 12,
        costUsd: report.stats.costUsd,
        queryId: report.stats.queryId,
      },
    );
  });

  it('says plainly that the workgroup scan limit cancelled the query, with the limit, and records it so', async () => {
    await assert.rejects(runRecordedQuery(ws.root, 'capped', 'SELECT count(*) AS n FROM card_dw.big_log', 100, { source: 'queries/big.sql' }), (e: OperationError) => {
      assert.equal(e.kind, 'scan-limit');
      assert.match(e.message, /workgroup `capped`/);
      assert.match(e.message, /9\.54 MB = 10000000 bytes/);
      assert.match(e.detail!, /Bytes scanned limit was exceeded \(limit 10000000 bytes, scanned 10000000 bytes\)$/);
      return true;
    });
    const latest = readQueryHistory(ws.root)[0]!;
    assert.equal(latest.result, 'scan-limit');
    assert.equal(latest.source, 'queries/big.sql');
    assert.equal(latest.environment, 'capped');
  });

  it('refuses a .sql text that writes, before anything reaches Athena, and records the refusal', async () => {
    const before = aws.count('AmazonAthena.StartQueryExecution');
    await assert.rejects(runRecordedQuery(ws.root, 'dev', "INSERT INTO card_dw.small VALUES ('4', 'd')", 100), (e: OperationError) => e.kind === 'unsafe-sql');
    await assert.rejects(runRecordedQuery(ws.root, 'dev', 'SELECT 1; SELECT 2', 100), (e: OperationError) => e.kind === 'unsafe-sql' && /one statement at a time/.test(e.message));
    assert.equal(aws.count('AmazonAthena.StartQueryExecution'), before);
    assert.deepEqual(
      readQueryHistory(ws.root)
        .slice(0, 2)
        .map((q) => q.result),
      ['refused', 'refused'],
    );
  });
});
