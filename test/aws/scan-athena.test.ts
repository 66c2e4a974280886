/**
 * The value scan on Athena, through the real SDK against the loopback fake: it reads the loaded table
 * (a bounded LIMIT, every column cast to varchar, hashed columns left out), reads the result from its S3
 * CSV, and reports counts and masked examples; no value is ever in the SQL it sends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsClients } from '../../server/src/backends/aws/aws-backend';
import { createAthenaEngine } from '../../server/src/backends/aws/athena-engine';
import type { Backend } from '../../server/src/backends/types';
import { scan } from '../../server/src/ops/scan';
import { loadSpec } from '../../server/src/ops/spec-context';
import { FakeAws, scriptAthena } from '../helpers/fake-aws';
import * as gen from '../helpers/pii-values';
import { tempWorkspace } from '../helpers/temp-workspace';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
const workspaceFile = `defaults:
  database: card_dw
environments:
  dev:
    engine: athena
    region: ap-northeast-2
    profile: card-dev
    workgroup: primary
    output_location: s3://results/
    warehouse: s3://card-lake-dev/{database}/{table}/
    staging: s3://card-raw-dev/{database}/{table}/
`;
const spec = `table: cust
kind: source
source: { object: CARD.CUST }
load: { mode: overwrite }
columns:
  - name: cust_no
    oracle: NUMBER(12)
  - name: rrno
    oracle: CHAR(13)
    pii: rrn
    encrypt: sha256
    cleansing: [rtrim]
  - name: ctc_txt
    oracle: VARCHAR2(20)
`;

describe('value scan on Athena', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': workspaceFile, 'cust.table.yaml': spec });
  let fake: FakeAws;
  let endpoint: string;
  let log: { sql: string[] };
  const r = gen.rng(11);
  const phones = Array.from({ length: 40 }, () => gen.mobile(r));
  before(async () => {
    fake = new FakeAws();
    endpoint = await fake.start();
    fake.objects.set('results/q-scan.csv', `"cust_no","ctc_txt"\n${phones.map((p, i) => `"${100000000000 + i}","${p}"`).join('\n')}\n`);
    log = scriptAthena(fake, () => ({
      columns: [
        { name: 'cust_no', type: 'varchar' },
        { name: 'ctc_txt', type: 'varchar' },
      ],
      rows: [],
      outputLocation: 's3://results/q-scan.csv',
    }));
  });
  after(async () => {
    await fake.stop();
    ws.remove();
  });

  it('samples the loaded table and finds the phone numbers the spec does not declare', async () => {
    const ctx = loadSpec(ws.path('cust.table.yaml'), 'dev');
    const { athena, s3 } = awsClients(ctx.environment, { endpoint, credentials });
    const engine = createAthenaEngine(athena, s3, { workgroup: 'primary', outputLocation: 's3://results/', profile: 'card-dev', pollMs: 5, maxPollMs: 5 });
    const backend: Backend = { ...engine, environment: 'dev', getTable: async () => ({ Name: 'cust', DatabaseName: 'card_dw' }), listTables: async () => [], close: async () => undefined };
    const report = await scan(ctx, backend, { rows: 5000 });
    assert.deepEqual(log.sql, ['SELECT CAST("cust_no" AS varchar) AS "cust_no", CAST("ctc_txt" AS varchar) AS "ctc_txt" FROM "card_dw"."cust" LIMIT 5000']);
    assert.equal(report.from, 'table');
    assert.deepEqual(
      report.skipped.map((s) => s.column),
      ['rrno'],
    );
    assert.equal(report.rows, 40);
    assert.deepEqual(
      report.findings.map((f) => [f.column, f.kind, f.within, f.matched, f.sampled, f.declared]),
      [['ctc_txt', 'phone', 'value', 40, 40, false]],
    );
    assert.match(report.findings[0]!.example, /^010-\*{4}-\*{4}$/);
  });

  it('refuses to read the S3 extract itself: a load does that', async () => {
    const ctx = loadSpec(ws.path('cust.table.yaml'), 'dev');
    const backend = { dialect: 'athena', getTable: async () => undefined } as unknown as Backend;
    await assert.rejects(scan(ctx, backend, { rows: 10, from: 'staging' }), (e: { kind: string }) => e.kind === 'invalid-spec');
    await assert.rejects(scan(ctx, backend, { rows: 10 }), (e: { kind: string }) => e.kind === 'not-found');
  });
});
