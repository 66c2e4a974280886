/** The Oracle grammar and the default mapping, row by row from table-spec.md. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGlueType, parseGlueType } from '../../server/src/glue/glue-type';
import { mapOracleType } from '../../server/src/glue/map-oracle-type';
import { parseOracleType } from '../../server/src/oracle/parse-oracle-type';

function mapped(oracle: string, extended = false): string {
  const p = parseOracleType(oracle, { extended });
  if (!p.type) return `invalid: ${p.problems.map((x) => x.code).join(',')}`;
  const m = mapOracleType(p.type);
  return [m.glue ? formatGlueType(m.glue) : 'none', ...m.notes.map((n) => `${n.severity}:${n.code}`)].join(' ');
}

describe('default mapping (table-spec.md)', () => {
  const rows: [string, string][] = [
    ['NUMBER(9)', 'int'],
    ['NUMBER(10)', 'bigint'],
    ['NUMBER(18,0)', 'bigint'],
    ['NUMBER(19)', 'decimal(19,0)'],
    ['NUMBER(38)', 'decimal(38,0)'],
    ['NUMBER(12,2)', 'decimal(12,2)'],
    ['NUMBER(4,5)', 'decimal(5,5)'],
    ['NUMBER(5,-2)', 'decimal(7,0)'],
    ['NUMBER(36,-2)', 'decimal(38,0)'],
    ['NUMBER(38,-1)', 'double warning:number-beyond-decimal'],
    ['NUMBER(10,-84)', 'double warning:number-beyond-decimal'],
    ['NUMBER(*,-2)', 'double warning:number-beyond-decimal'],
    ['NUMBER(2,38)', 'decimal(38,38)'],
    ['NUMBER(4,39)', 'double warning:number-beyond-decimal'],
    ['NUMBER(*,127)', 'double warning:number-beyond-decimal'],
    ['NUMBER(*,38)', 'decimal(38,38)'],
    ['NUMBER', 'decimal(38,10) warning:number-precision-unknown'],
    ['NUMBER(*)', 'decimal(38,10) warning:number-precision-unknown'],
    ['FLOAT', 'decimal(38,10) warning:number-precision-unknown'],
    ['FLOAT(24)', 'decimal(38,10) warning:number-precision-unknown'],
    ['NUMBER(*,3)', 'decimal(38,3)'],
    ['INTEGER', 'decimal(38,0)'],
    ['SMALLINT', 'decimal(38,0)'],
    ['DECIMAL(10,2)', 'decimal(10,2)'],
    ['BINARY_FLOAT', 'float'],
    ['BINARY_DOUBLE', 'double'],
    ['CHAR(10)', 'string'],
    ['NCHAR(5)', 'string'],
    ['VARCHAR2(100 CHAR)', 'string'],
    ['NVARCHAR2(10)', 'string'],
    ['VARCHAR(10)', 'string'],
    ['CLOB', 'string'],
    ['NCLOB', 'string'],
    ['LONG', 'string'],
    ['XMLTYPE', 'string'],
    ['JSON', 'string'],
    ['ROWID', 'string'],
    ['UROWID', 'string'],
    ['INTERVAL YEAR TO MONTH', 'string'],
    ['INTERVAL DAY(3) TO SECOND(2)', 'string'],
    ['DATE', 'timestamp'],
    ['TIMESTAMP(3)', 'timestamp'],
    ['TIMESTAMP', 'timestamp info:timestamp-precision'],
    ['TIMESTAMP(9) WITH TIME ZONE', 'timestamp info:timestamp-precision'],
    ['TIMESTAMP(0) WITH LOCAL TIME ZONE', 'timestamp info:timestamp-time-zone'],
    ['RAW(16)', 'binary'],
    ['BLOB', 'binary'],
    ['LONG RAW', 'binary'],
    ['BOOLEAN', 'boolean'],
    ['BFILE', 'none error:type-not-loadable'],
  ];
  for (const [oracle, glue] of rows) it(`${oracle} → ${glue}`, () => assert.equal(mapped(oracle), glue));
});

describe('Oracle type limits', () => {
  const errors: [string, string, string][] = [
    ['NUMBER(39)', 'oracle-type-limit', '39'],
    ['NUMBER(0)', 'oracle-type-limit', '0'],
    ['NUMBER(10,128)', 'oracle-type-limit', '128'],
    ['NUMBER(10,-85)', 'oracle-type-limit', '-85'],
    ['VARCHAR2', 'oracle-type-invalid', 'VARCHAR2'],
    ['VARCHAR2(4001)', 'oracle-type-limit', '4001'],
    ['NVARCHAR2(0)', 'oracle-type-limit', '0'],
    ['CHAR(2001)', 'oracle-type-limit', '2001'],
    ['TIMESTAMP(10)', 'oracle-type-limit', '10'],
    ['FLOAT(127)', 'oracle-type-limit', '127'],
    ['RAW(2001)', 'oracle-type-limit', '2001'],
    ['RAW', 'oracle-type-invalid', 'RAW'],
    ['INTERVAL DAY(10) TO SECOND', 'oracle-type-limit', '10'],
    ['TIMESTAMP WITH ZONE', 'oracle-type-invalid', 'ZONE'],
    ['NUMBER(12', 'oracle-type-invalid', '12'],
    ['NUMBER(12) NOT NULL', 'oracle-type-invalid', 'NOT NULL'],
    ['VARCHAR2(10 WORDS)', 'oracle-type-invalid', 'WORDS'],
    ['STRING', 'oracle-type-invalid', 'STRING'],
    ['', 'oracle-type-invalid', ''],
  ];
  for (const [text, code, at] of errors) {
    it(`${JSON.stringify(text)}: ${code} at ${JSON.stringify(at)}`, () => {
      const p = parseOracleType(text);
      assert.equal(p.type, undefined);
      assert.deepEqual(
        p.problems.map((x) => [x.code, text.slice(x.start, x.end)]),
        [[code, at]],
      );
    });
  }
  it('is case-insensitive and space-free', () => assert.equal(parseOracleType('  varchar2 ( 100  char )').type?.canonical, 'VARCHAR2(100 CHAR)'));
  it('raises string limits with MAX_STRING_SIZE=EXTENDED', () => {
    assert.equal(parseOracleType('VARCHAR2(32767)', { extended: true }).type?.length, 32767);
    assert.equal(parseOracleType('RAW(32767)', { extended: true }).problems.length, 0);
    assert.equal(parseOracleType('VARCHAR2(32768)', { extended: true }).problems[0]?.code, 'oracle-type-limit');
    assert.equal(parseOracleType('CHAR(2001)', { extended: true }).problems[0]?.code, 'oracle-type-limit');
  });
});

describe('Glue type grammar', () => {
  const ok: [string, string][] = [
    ['INT', 'int'],
    ['integer', 'int'],
    ['decimal(18, 2)', 'decimal(18,2)'],
    ['varchar(65535)', 'varchar(65535)'],
    ['array<struct<a:int,b:map<string,array<bigint>>>>', 'array<struct<a:int,b:map<string,array<bigint>>>>'],
  ];
  for (const [text, canonical] of ok) it(`${text} → ${canonical}`, () => assert.equal(formatGlueType(parseGlueType(text).type!), canonical));
  for (const bad of ['decimal(39)', 'decimal(5,6)', 'char(256)', 'varchar', 'array<>', 'map<string>', 'strng', 'int int']) {
    it(`rejects ${bad}`, () => assert.equal(parseGlueType(bad).problems[0]?.code, 'glue-type-invalid'));
  }
});
