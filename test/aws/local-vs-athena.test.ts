/**
 * The same messy extract through the local DuckDB engine and through the Athena path on the AWS
 * emulator: the same staged count, the same failed conversions per column, the same stored rows
 * (hashed values included) — where the emulator can tell (it runs Athena's SQL on DuckDB with Trino's
 * functions and OpenCSVSerDe's reading; see the README, "What was tried against real AWS", for what it does not emulate).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runOperation, runQuery, type OperationRequest } from '../../server/src/commands/run-operation';
import type { LoadReport } from '../../server/src/ops/load';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator/index';
import { tempWorkspace } from '../helpers/temp-workspace';

const SALT = 'compare-salt-0123456789ab';
const workspace = `defaults:
  database: card_dw
environments:
  dev:
    engine: athena
    region: ap-northeast-2
    workgroup: primary
    salt_location: s3://card-secure-dev/tablespec-salt/
    warehouse: s3://card-lake-dev/{database}/{table}/
    staging: s3://card-raw-dev/{database}/{table}/
`;
const spec = `table: card_cmp
kind: source
source: { object: CARD.CARD_CMP }
storage: { format: iceberg }
load: { mode: overwrite }
columns:
  - { name: txn_id, oracle: NUMBER(12) }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256 }
  - { name: rrn, oracle: VARCHAR2(14), pii: rrn, encrypt: sha256, cleansing: [trim, { null_if: ['-'] }] }
  - name: txn_amt
    oracle: "NUMBER(15,2)"
    cleansing: [{ null_if: ['-', 'N/A'] }]
  - { name: mrch_nm, oracle: VARCHAR2(100), cleansing: [trim, remove_control_chars] }
  - { name: txn_dtm, oracle: VARCHAR2(19), type: timestamp, cleansing: [{ to_timestamp: YYYY-MM-DD HH24:MI:SS }] }
  - { name: apv_dtm, oracle: VARCHAR2(14), type: timestamp, cleansing: [{ to_timestamp: YYYYMMDDHH24MISS }] }
  - { name: base_dt, oracle: VARCHAR2(8), type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - { name: birth_dt, oracle: VARCHAR2(9), type: date, cleansing: [{ to_date: DD-MON-RR }] }
  - { name: cnt, oracle: NUMBER(5) }
  - { name: stl_dtm, oracle: VARCHAR2(23), type: timestamp, cleansing: [{ to_timestamp: YYYY-MM-DD HH24:MI:SS.FF3 }] }
  - { name: open_dt, oracle: VARCHAR2(20), type: date, cleansing: [{ to_date: DD-MONTH-YYYY }] }
`;
// Every kind of mess: blanks around numbers, quoted and unquoted empty fields, sentinels, impossible
// dates and times, text in number columns, commas and quotes inside quotes, Korean, two-digit years.
const extract = [
  'TXN_ID,CARD_NO,RRN,TXN_AMT,MRCH_NM,TXN_DTM,APV_DTM,BASE_DT,BIRTH_DT,CNT,STL_DTM,OPEN_DT',
  ' 1 ,4111111111111111, 900101-1234567 ,1520.50,"  스타벅스, 강남점 ",2024-03-05 14:07:09,20240305140709,20240305,05-MAR-68,3,2024-03-05 14:07:09.123,05-MARCH-2024',
  '2,4111111111111112,-,-,"",2024-03-05 25:00:00,20240305250000,20240230,31-DEC-49,,2024-03-05 14:07:09.5,31-JUNE-2024',
  '3,,"",N/A,"say ""hi""",2024-03-06 09:30:00,,99991231,01-JAN-50,x,,01-January-2024',
  'abc,4111111111111113,800202-2345678,12x,편의점,2024-3-6 10:00:00,2024030610,00000000,29-FEB-23,7,2024-02-30 00:00:00.000,',
  ',4111111111111114,,10,편의점,,,20240306,,1.5,2024-03-05 14:07:09.999,7-MAY-2024',
  '6,"",,99.99,,2015-01-01 00:00:00,20150101000000,20150101,01-JAN-00, 8 ,,',
].join('\n');

/** A stored value as text, the same way on both engines (timestamps to the second, numbers plain). */
function norm(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 19).replace('T', ' ');
  const s = String(v);
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(s)) return s.slice(0, 19).replace('T', ' ');
  if (/^-?\d+\.\d+$/.test(s)) return String(Number(s));
  return s;
}

describe('one messy extract, local DuckDB and Athena (emulator)', () => {
  let aws: AwsEmulator;
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/card_cmp.table.yaml': spec, 'data/card_cmp.csv': extract + '\n' });
  const saved = { ...process.env };
  const load = (environment: string) =>
    runOperation({ operation: 'load', file: ws.path('specs/card_cmp.table.yaml'), environment, salt: SALT, confirmation: { yes: true } } as OperationRequest).then((r) => r.result as LoadReport);
  const stored = async (environment: string) => {
    const cols = 'txn_id, card_no, rrn, txn_amt, mrch_nm, txn_dtm, apv_dtm, base_dt, birth_dt, cnt, stl_dtm, open_dt';
    const r = await runQuery(ws.root, environment, `SELECT ${cols} FROM card_dw.card_cmp ORDER BY card_no NULLS LAST, txn_id NULLS LAST`, 100);
    return r.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, norm(v)])));
  };

  before(async () => {
    aws = await startAwsEmulator({ databases: ['card_dw'], workgroups: { primary: { outputLocation: 's3://card-athena-results-dev/' } } });
    process.env.TABLESPEC_AWS_ENDPOINT = aws.endpoint;
    process.env.TABLESPEC_ATHENA_POLL_MS = '5';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    aws.s3.put('card-raw-dev', 'card_dw/card_cmp/part-0001.csv', extract + '\n');
    for (const environment of ['local', 'dev']) await runOperation({ operation: 'deploy', file: ws.path('specs/card_cmp.table.yaml'), environment, confirmation: { yes: true } } as OperationRequest);
  });
  after(async () => {
    process.env = saved;
    await aws.stop();
    ws.remove();
  });

  it('stages, fails and stores the same, hashes included', async () => {
    const local = await load('local');
    const athena = await load('dev');
    assert.equal(athena.staged, local.staged);
    assert.deepEqual(athena.failedConversions, local.failedConversions);
    assert.deepEqual([athena.rowsAfter, athena.deletedOnPurpose], [local.rowsAfter, local.deletedOnPurpose]);
    // What each engine found wrong in this extract, written out: so that "the same" is not "both empty".
    assert.deepEqual(local.failedConversions, { txn_id: 1, txn_amt: 1, txn_dtm: 2, apv_dtm: 2, base_dt: 1, birth_dt: 1, cnt: 2, stl_dtm: 2, open_dt: 1 });
    // The rejected values kept: the same rows, raw values and failed columns on both (Athena's rows carry no number in the extract).
    const sample = (r: LoadReport) => r.rejected!.rows.map((x) => JSON.stringify([x.values, x.failed])).sort();
    assert.equal(local.rejected!.rows.length, 4);
    assert.deepEqual(sample(athena), sample(local));
    assert.deepEqual([athena.rejected!.columns, athena.rejected!.masked], [local.rejected!.columns, local.rejected!.masked]);
    assert.ok(athena.rejected!.rows.every((x) => x.row === undefined) && local.rejected!.rows.every((x) => typeof x.row === 'number'));
    // ('1.5' in an integer column is a failure on both: DuckDB alone would have rounded it to 2.)
    const [l, a] = [await stored('local'), await stored('dev')];
    assert.equal(l.length, 6);
    assert.deepEqual(a, l);
    // And the stored values are the spec's: hashed with the salt, two-digit years as Oracle reads them.
    const first = l.find((r) => r.txn_id === '1')!;
    assert.equal(first.birth_dt, '1968-03-05');
    assert.equal(first.mrch_nm, '스타벅스, 강남점');
  });
});
