/**
 * Import from a dictionary export and from DDL scripts written the way real ones are: every generated
 * spec checks with no error, and its types are the source's types.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { defaultConfig, defaultSettings } from '../../server/src/config/workspace-config';
import { generateSpec } from '../../server/src/oracle/generate-spec';
import { parseDdl } from '../../server/src/oracle/parse-ddl';
import { parseOracleType } from '../../server/src/oracle/parse-oracle-type';
import { readDictionary, typeFromDictionary } from '../../server/src/oracle/read-dictionary';
import type { SourceTable } from '../../server/src/oracle/source-table';
import { createSpecChecker } from '../../server/src/document/check-spec';
import { emptyWorkspace } from '../../server/src/document/workspace-index';
import { fixtures } from '../helpers/fixture-workspace';

const options = { defaultDatabase: 'card_dw', defaultEncrypt: 'sha256' as const, extended: false, from: 'test' };
const env = { config: { ...defaultConfig, defaultDatabase: 'card_dw' }, settings: defaultSettings, workspace: emptyWorkspace };

function checkClean(table: SourceTable) {
  const spec = generateSpec(table, options);
  const result = createSpecChecker()(spec.text, env);
  assert.deepEqual(
    result.problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`),
    [],
    spec.text,
  );
  // Every imported column keeps the source's type.
  const doc = parse(spec.text) as { columns: { name: string; source?: string; oracle: string }[] };
  for (const c of doc.columns) {
    const src = table.columns.find((s) => s.name === (c.source ?? c.name.toUpperCase()))!;
    assert.equal(parseOracleType(c.oracle).type!.canonical, parseOracleType(src.type).type!.canonical, c.name);
  }
  return { spec, doc, result };
}

describe('dictionary export', () => {
  const dict = readDictionary(readFileSync(join(fixtures, 'oracle', 'all_tab_columns.csv'), 'utf8'));

  it('reads tables, types, nullability, comments and primary keys', () => {
    assert.deepEqual(dict.problems, []);
    assert.deepEqual([...dict.tables.keys()], ['CARD.CUST_MASTER', 'CARD.CARD_TXN']);
    const cust = dict.tables.get('CARD.CUST_MASTER')!;
    assert.deepEqual(
      cust.columns.map((c) => `${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`),
      [
        'CUST_NO NUMBER(12) NOT NULL',
        'CUST_NM VARCHAR2(100 CHAR)',
        'JUMIN_NO CHAR(13)',
        'CUST_GRD_CD CHAR(2)',
        'HP_NO VARCHAR2(20)',
        'EMAIL_RCV_YN CHAR(1)',
        'JOIN_DT DATE',
        'PNT_BAL NUMBER',
        'CUST_SEQ INTEGER NOT NULL',
        'CHG_DTM TIMESTAMP(6) WITH TIME ZONE',
        'SCORE FLOAT(126)',
        'ENG_NM NVARCHAR2(100)',
        'PHOTO_REF BFILE',
        'LOC SDO_GEOMETRY',
        'GUID RAW(16)',
      ],
    );
    assert.equal(cust.columns[2]!.comment, '주민번호, 암호화 대상');
    assert.equal(cust.columns[7]!.comment, '포인트 "잔액"');
    assert.equal(cust.comment, '고객 마스터');
    assert.deepEqual(dict.tables.get('CARD.CARD_TXN')!.primaryKey, ['CARD_NO', 'TXN_SEQ']);
  });

  it('reads a SQL Developer JSON export the same way', () => {
    const csv = dict.tables.get('CARD.CARD_TXN')!;
    const items = csv.columns.map((c) => ({
      owner: 'CARD',
      table_name: 'CARD_TXN',
      column_name: c.name,
      data_type: c.type.replace(/\(.*$/, ''),
      data_length: 16,
      data_precision: /NUMBER\((\d+)/.exec(c.type)?.[1] ?? null,
      data_scale: /,(\d+)\)/.exec(c.type)?.[1] ?? (c.type.startsWith('NUMBER') ? 0 : null),
      nullable: c.nullable ? 'Y' : 'N',
      column_id: c.position,
      char_length: 16,
      char_used: 'B',
    }));
    const json = readDictionary(JSON.stringify({ results: [{ items }] }));
    assert.deepEqual(json.problems, []);
    assert.equal(json.tables.get('CARD.CARD_TXN')!.columns.length, csv.columns.length);
  });

  it('writes each type as DDL does', () => {
    assert.equal(typeFromDictionary({ DATA_TYPE: 'NUMBER', DATA_PRECISION: '', DATA_SCALE: '' }), 'NUMBER');
    assert.equal(typeFromDictionary({ DATA_TYPE: 'NUMBER', DATA_PRECISION: '', DATA_SCALE: '2' }), 'NUMBER(*,2)');
    assert.equal(typeFromDictionary({ DATA_TYPE: 'VARCHAR2', DATA_LENGTH: '400', CHAR_LENGTH: '100', CHAR_USED: 'C' }), 'VARCHAR2(100 CHAR)');
    assert.equal(typeFromDictionary({ DATA_TYPE: 'VARCHAR2', DATA_LENGTH: '100', CHAR_LENGTH: '100', CHAR_USED: 'B' }), 'VARCHAR2(100)');
  });

  it('refuses an export without the dictionary columns, saying which', () => {
    const r = readDictionary('OWNER,NAME\nCARD,X\n');
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.severity, p.line]),
      [['dictionary-columns-missing', 'error', 1]],
    );
    assert.equal(r.tables.size, 0);
  });

  it('gives every problem of an export its code and line', () => {
    const header = 'OWNER,TABLE_NAME,COLUMN_NAME,DATA_TYPE\n';
    const rows = readDictionary(`${header}CARD,T,A,NUMBER\nCARD,T,,NUMBER\nCARD,T,C,DATE\n,T,D,DATE\n`);
    assert.deepEqual(
      rows.problems.map((p) => [p.code, p.line]),
      [
        ['dictionary-row-incomplete', 3],
        ['dictionary-row-incomplete', 5],
      ],
    );
    assert.deepEqual(
      rows.tables.get('CARD.T')!.columns.map((c) => c.name),
      ['A', 'C'],
    );
    assert.deepEqual(
      readDictionary(`${header}CARD,T,"A,NUMBER\n`, 'csv').problems.map((p) => [p.code, p.line]),
      [['dictionary-unreadable', 1]],
    );
    assert.deepEqual(
      readDictionary('{"results": [', 'json').problems.map((p) => [p.code, p.line]),
      [['dictionary-unreadable', 1]],
    );
    assert.deepEqual(
      readDictionary('{"rows": []}', 'json').problems.map((p) => [p.code, p.line]),
      [['dictionary-no-rows', 1]],
    );
  });

  for (const name of ['CARD.CUST_MASTER', 'CARD.CARD_TXN']) {
    it(`generates a spec for ${name} that checks with no error and keeps the source's types`, () => void checkClean(dict.tables.get(name)!));
  }

  it('marks personal data, trims CHAR, keys from the primary key, leaves out what cannot load', () => {
    const { doc, spec } = checkClean(dict.tables.get('CARD.CUST_MASTER')!);
    const col = (n: string) => (doc.columns as Record<string, unknown>[]).find((c) => c.name === n)!;
    assert.deepEqual([col('jumin_no').pii, col('jumin_no').encrypt, col('jumin_no').cleansing], ['rrn', 'sha256', ['rtrim']]);
    assert.deepEqual([col('hp_no').pii, col('hp_no').encrypt], ['phone', 'sha256']);
    assert.equal(col('email_rcv_yn').pii, undefined);
    assert.equal(col('email_rcv_yn').cleansing, undefined); // CHAR(1): no padding to trim
    assert.equal(col('cust_no').nullable, false);
    assert.deepEqual(
      spec.skipped.map((s) => [s.column, s.code]),
      [
        ['PHOTO_REF', 'type-not-loadable'],
        ['LOC', 'oracle-type-invalid'],
      ],
    );
    assert.deepEqual(
      spec.text
        .split('\n')
        .filter((l) => l.startsWith('# not imported: '))
        .map((l) => l.split(':')[1]!.trim()),
      ['PHOTO_REF BFILE', 'LOC SDO_GEOMETRY'],
    );
    const txn = checkClean(dict.tables.get('CARD.CARD_TXN')!).doc as unknown as { load: unknown; columns: { name: string; source?: string }[] };
    assert.deepEqual(txn.load, { mode: 'upsert', keys: ['card_no', 'txn_seq'], incremental_by: 'last_upd_dtm' });
    assert.deepEqual((txn as unknown as { source: { primary_key: unknown } }).source.primary_key, ['card_no', 'txn_seq']);
    assert.deepEqual(
      txn.columns.find((c) => c.source === 'Mixed Col'),
      { name: 'mixed_col', source: 'Mixed Col', oracle: 'VARCHAR2(10)' },
    );
  });
});

describe('DDL scripts', () => {
  const ddl = parseDdl(readFileSync(join(fixtures, 'oracle', 'card_tables.sql'), 'utf8'));

  it('reads CREATE TABLE with its constraints, comments and ALTER TABLE … PRIMARY KEY, skipping SQL*Plus lines', () => {
    assert.deepEqual(ddl.problems, []);
    assert.deepEqual([...ddl.tables.keys()], ['CARD.CUST_CARD_MASTER', 'CARD.CARD_APRV_HIST', 'CARD.TMP_WORK']);
    const m = ddl.tables.get('CARD.CUST_CARD_MASTER')!;
    assert.deepEqual(m.primaryKey, ['CARD_NO']);
    assert.equal(m.comment, '카드 고객 마스터');
    assert.deepEqual(
      m.columns.map((c) => c.type),
      ['VARCHAR2(16 BYTE)', 'NUMBER(12,0)', 'VARCHAR2(100 CHAR)', 'CHAR(13 BYTE)', 'VARCHAR2(2 BYTE)', 'DATE', 'DATE', 'NUMBER(15,2)', 'NUMBER', 'TIMESTAMP(6) WITH LOCAL TIME ZONE', 'DATE'],
    );
    assert.equal(m.columns.find((c) => c.name === 'AVL_LMT_AMT')!.nullable, false);
    assert.equal(m.columns.find((c) => c.name === 'CHG_DTM')!.comment, "변경일시 (it's UTC)");
    const h = ddl.tables.get('CARD.CARD_APRV_HIST')!;
    assert.deepEqual(h.primaryKey, ['APRV_SEQ']);
    assert.deepEqual(h.columns[0], { name: 'APRV_SEQ', type: 'NUMBER', nullable: false, position: 1 });
    assert.equal(h.columns.find((c) => c.name === 'MEMO')!.comment, '여러 줄\n메모');
    assert.equal(ddl.tables.get('CARD.TMP_WORK')!.columns[1]!.name, 'Mixed Case');
  });

  for (const name of ['CARD.CUST_CARD_MASTER', 'CARD.CARD_APRV_HIST', 'CARD.TMP_WORK']) {
    it(`generates a spec for ${name} that checks with no error`, () => void checkClean(ddl.tables.get(name)!));
  }

  it('records the primary key as data whatever the load mode, and none for a table without one', () => {
    const doc = (t: SourceTable) => checkClean(t).doc as unknown as { source: { primary_key?: string[] }; load: { mode: string } };
    const master = doc(ddl.tables.get('CARD.CUST_CARD_MASTER')!);
    assert.deepEqual([master.load.mode, master.source.primary_key], ['upsert', ['card_no']]);
    const hist = doc(ddl.tables.get('CARD.CARD_APRV_HIST')!);
    assert.deepEqual([hist.load.mode, hist.source.primary_key], ['overwrite', ['aprv_seq']]);
    assert.equal(doc({ ...ddl.tables.get('CARD.TMP_WORK')!, primaryKey: [] }).source.primary_key, undefined);
  });

  it('uses the given owner for tables that name none, and says when none is given', () => {
    assert.deepEqual([...parseDdl('CREATE TABLE T1 (A NUMBER(1));', 'CARD').tables.keys()], ['CARD.T1']);
    assert.deepEqual(
      parseDdl('CREATE TABLE T1 (A NUMBER(1));').problems.map((p) => [p.code, p.severity, p.line]),
      [['ddl-owner-missing', 'error', 1]],
    );
  });

  it('says, by code and line, which CREATE TABLE it could not read', () => {
    const r = parseDdl('-- a copy\nCREATE TABLE CARD.T_COPY\n  AS SELECT * FROM CARD.T;\nCREATE TABLE CARD.T2 (A NUMBER(1));', 'CARD');
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.line]),
      [['ddl-column-list-missing', 2]],
    );
    assert.deepEqual([...r.tables.keys()], ['CARD.T2']);
  });
});
