/**
 * Rejected values on the local engine: a load that counts values that did not convert keeps a bounded sample of
 * those rows, personal columns masked, written beside the history and named by it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runOperation } from '../../server/src/commands/run-operation';
import { readHistory } from '../../server/src/ops/history';
import type { LoadReport } from '../../server/src/ops/load';
import { readRejected, type RejectedSample } from '../../server/src/ops/rejected';
import { tempWorkspace } from '../helpers/temp-workspace';

const salt = 'test-salt-0123456789';
const workspaceFile = `defaults:\n  database: card_dw\nenvironments:\n  local:\n    engine: duckdb\n    database_file: .tablespec/test.duckdb\n    staging: data/{table}.csv\n`;

const customer = `table: customer
kind: source
source: { object: CARD.CUSTOMER }
load: { mode: overwrite }
columns:
  - { name: cust_no, oracle: NUMBER(12), nullable: false }
  - { name: cust_nm, oracle: VARCHAR2(100 CHAR), cleansing: [trim], pii: name, encrypt: sha256 }
  - { name: grade_cd, oracle: CHAR(3), cleansing: [rtrim] }
  - { name: join_dtm, oracle: DATE }
  - { name: score, oracle: "NUMBER(5,2)" }
  - { name: birth_dt, oracle: VARCHAR2(8), type: date, pii: birth, cleansing: [{ to_date: YYYYMMDD }] }
`;
const csv =
  'CUST_NO,CUST_NM,GRADE_CD,JOIN_DTM,SCORE,BIRTH_DT\n1,"  김민준 ",A  ,2019-03-02 10:15:00,12.5,19800101\n2,,B  ,2020-11-30 00:00:00,abc,19811231\n3,"박\n지호",A  ,not a date,99.99,1990-1-1\n4,Choi,C  ,,,\n';

const wide = `table: wide
kind: source
source: { object: CARD.WIDE }
load: { mode: overwrite }
columns:
  - { name: id, oracle: NUMBER(9), nullable: false }
  - { name: amt, oracle: "NUMBER(9,2)" }
`;

describe('rejected values (local engine)', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': workspaceFile,
    'specs/customer.table.yaml': customer,
    'data/customer.csv': csv,
    'specs/wide.table.yaml': wide,
    'data/wide.csv': 'ID,AMT\n' + Array.from({ length: 150 }, (_, i) => `${i + 1},${i % 3 === 0 ? '1.5' : `x${i}`}`).join('\n') + '\n',
  });
  after(() => ws.remove());
  const load = async (spec: string) =>
    (await runOperation({ operation: 'load', file: ws.path(`specs/${spec}.table.yaml`), environment: 'local', salt, confirmation: { yes: true } })).result as LoadReport;

  before(async () => {
    for (const spec of ['customer', 'wide']) await runOperation({ operation: 'deploy', file: ws.path(`specs/${spec}.table.yaml`), environment: 'local', confirmation: { yes: true } });
  });

  it('keeps the rows whose values did not convert, raw, and personal columns by their length only', async () => {
    const r = await load('customer');
    assert.deepEqual(r.failedConversions, { score: 1, join_dtm: 1, birth_dt: 1 });
    assert.deepEqual(r.rejected, {
      columns: ['cust_no', 'cust_nm', 'grade_cd', 'join_dtm', 'score', 'birth_dt'],
      masked: ['cust_nm', 'birth_dt'],
      limit: 100,
      rows: [
        { row: 2, values: { cust_no: '2', cust_nm: null, grade_cd: 'B  ', join_dtm: '2020-11-30 00:00:00', score: 'abc', birth_dt: '<8 chars>' }, failed: ['score'] },
        { row: 3, values: { cust_no: '3', cust_nm: '<4 chars>', grade_cd: 'A  ', join_dtm: 'not a date', score: '99.99', birth_dt: '<8 chars>' }, failed: ['join_dtm', 'birth_dt'] },
      ],
    });
    // Nothing personal in clear anywhere the sample goes.
    const text = JSON.stringify(r.rejected);
    for (const personal of ['김민준', '박', '19811231', '1990-1-1']) assert.ok(!text.includes(personal), personal);
  });

  it('writes the sample beside the history, which names it and holds no value', async () => {
    const entry = readHistory(ws.root)
      .filter((e) => e.operation === 'load' && e.table === 'card_dw.customer')
      .at(-1)!;
    const path = entry.detail!.rejectedSample as string;
    assert.match(path, /^\.tablespec\/rejected\/local\/card_dw\.customer\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
    const sample: RejectedSample = readRejected(ws.root, path);
    assert.equal(sample.table, 'card_dw.customer');
    assert.equal(sample.environment, 'local');
    assert.deepEqual(sample.failedConversions, { score: 1, join_dtm: 1, birth_dt: 1 });
    assert.deepEqual(
      sample.rows.map((x) => x.row),
      [2, 3],
    );
    const history = readFileSync(ws.path('.tablespec/history.jsonl'), 'utf8');
    for (const value of ['abc', 'not a date', 'B  ']) assert.ok(!history.includes(value), value);
  });

  it('keeps at most 100 rows of a load, in the extract order, and counts them all', async () => {
    const r = await load('wide');
    assert.deepEqual(r.failedConversions, { amt: 100 });
    assert.equal(r.rejected!.rows.length, 100);
    assert.deepEqual(r.rejected!.rows.slice(0, 3), [
      { row: 2, values: { id: '2', amt: 'x1' }, failed: ['amt'] },
      { row: 3, values: { id: '3', amt: 'x2' }, failed: ['amt'] },
      { row: 5, values: { id: '5', amt: 'x4' }, failed: ['amt'] },
    ]);
    assert.equal(r.rejected!.rows.at(-1)!.row, 150);
  });

  it('keeps the samples of the last ten loads of a table', async () => {
    for (let i = 0; i < 11; i++) await load('customer');
    const dir = ws.path('.tablespec/rejected/local/card_dw.customer');
    assert.equal(readdirSync(dir).length, 10);
    const paths = readHistory(ws.root)
      .filter((e) => e.table === 'card_dw.customer' && e.detail?.rejectedSample)
      .map((e) => e.detail!.rejectedSample as string);
    assert.equal(paths.length, 12);
    assert.ok(!existsSync(ws.path(paths[0]!)) && !existsSync(ws.path(paths[1]!)) && existsSync(ws.path(paths[11]!)));
    assert.throws(
      () => readRejected(ws.root, paths[0]!),
      (e: Error & { kind: string }) => e.kind === 'not-found',
    );
  });

  it('reads no file outside .tablespec/rejected', () => {
    for (const path of ['.tablespec/history.jsonl', '.tablespec/rejected/../history.jsonl', '../etc/passwd.json', '/etc/passwd', '.tablespec/rejected/local/x.txt']) {
      assert.throws(
        () => readRejected(ws.root, path),
        (e: Error & { kind: string }) => e.kind === 'invalid-spec',
        path,
      );
    }
  });

  it('keeps nothing when every value converted', async () => {
    ws.write('data/wide.csv', 'ID,AMT\n1,2.5\n');
    const r = await load('wide');
    assert.deepEqual(r.failedConversions, {});
    assert.equal(r.rejected, undefined);
    assert.equal(readHistory(ws.root).at(-1)!.detail!.rejectedSample, undefined);
  });
});
