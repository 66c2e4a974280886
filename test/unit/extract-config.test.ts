/** Sqoop and Spark JDBC settings for large tables, against golden files (UPDATE_GOLDEN=1 rewrites them). */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { specExtractConfig } from '../../server/src/ops/extract';
import { loadSpec } from '../../server/src/ops/spec-context';
import { fixtures } from '../helpers/fixture-workspace';
import { assertGolden } from '../helpers/golden';
import { tempWorkspace } from '../helpers/temp-workspace';

const workspace = `defaults:\n  database: card_dw\noracle:\n  connect_string: card-db.internal:1521/CARDDB\n  user: etl_reader\nenvironments:\n  dev:\n    engine: athena\n    staging: s3://card-raw-dev/{database}/{table}/\n`;
const big = `table: card_txn
kind: source
source:
  object: CARD.CARD_TXN
  size_gb: 700
  staging: { format: text, delimiter: "\\u0001", header: false, null_value: "\\\\N" }
  extract: { hint: "FULL(t) PARALLEL(t, 16)", fetch_size: 50000, split_by: txn_seq, parallelism: 16 }
load: { mode: upsert, keys: [txn_seq], incremental_by: chg_dtm }
columns:
  - { name: txn_seq, oracle: NUMBER(18), nullable: false }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256 }
  - { name: "txn_amt", oracle: "NUMBER(15,2)" }
  - { name: mrch_nm, source: "Mrch Nm", oracle: VARCHAR2(200) }
  - { name: txn_dt, oracle: DATE }
  - { name: chg_dtm, oracle: TIMESTAMP(6) }
`;
const byDate = big
  .replace('split_by: txn_seq', 'split_by: txn_dt')
  .replace('table: card_txn', 'table: card_txn_by_date')
  .replace('format: text, delimiter: "\\u0001", header: false, null_value: "\\\\N"', 'format: parquet');

function golden(name: string, text: string) {
  assertGolden(join(fixtures, 'extract', name), text);
}

describe('extract configuration', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'card_txn.table.yaml': big, 'card_txn_by_date.table.yaml': byDate });
  for (const name of ['card_txn', 'card_txn_by_date']) {
    it(`${name}: Sqoop and Spark, golden`, () => {
      const config = specExtractConfig(loadSpec(ws.path(`${name}.table.yaml`), 'dev'), name === 'card_txn' ? { lower: '1', upper: '987654321' } : undefined);
      golden(`${name}.sqoop.sh`, config.sqoop + '\n');
      golden(`${name}.spark.json`, JSON.stringify(config.spark, null, 2) + '\n');
      golden(`${name}.notes.txt`, config.notes.join('\n') + '\n');
    });
  }
  it('reads the columns in the spec order, quoting names Oracle stores with spaces, and formats dates for the load', () => {
    const c = specExtractConfig(loadSpec(ws.path('card_txn.table.yaml'), 'dev'));
    assert.equal(
      c.query,
      `SELECT /*+ FULL(t) PARALLEL(t, 16) */ TXN_SEQ, CARD_NO, TXN_AMT, "Mrch Nm", TO_CHAR(TXN_DT, 'YYYY-MM-DD HH24:MI:SS') AS TXN_DT, TO_CHAR(CHG_DTM, 'YYYY-MM-DD HH24:MI:SS.FF3') AS CHG_DTM FROM CARD.CARD_TXN`,
    );
    assert.match(c.sqoop, /--num-mappers 16/);
    assert.match(c.sqoop, /--fetch-size 50000/);
    assert.equal(c.spark.read.numPartitions, '16');
  });
  it('runs one mapper when no split column is named, and says so', () => {
    ws.write('small.table.yaml', big.replace(', split_by: txn_seq', '').replace('table: card_txn', 'table: small'));
    const c = specExtractConfig(loadSpec(ws.path('small.table.yaml'), 'dev'));
    assert.match(c.sqoop, /--num-mappers 1/);
    assert.equal(c.spark.read.partitionColumn, undefined);
    assert.ok(c.notes.some((n) => /one mapper/.test(n)));
  });
});
