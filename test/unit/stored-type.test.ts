/** Types compared as ALL_TAB_COLUMNS records them, never as written. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOracleType } from '../../server/src/oracle/parse-oracle-type';
import { sameStoredType, storedFromRow, storedFromType } from '../../server/src/oracle/stored-type';

const stored = (t: string) => storedFromType(parseOracleType(t, { extended: false }).type!);

describe('stored types', () => {
  const alike: [string, string][] = [
    ['VARCHAR(10)', 'VARCHAR2(10)'],
    ['VARCHAR2(10 BYTE)', 'VARCHAR2(10)'],
    ['INTEGER', 'NUMBER(*,0)'],
    ['INT', 'SMALLINT'],
    ['DECIMAL', 'INTEGER'],
    ['NUMERIC(10,2)', 'NUMBER(10,2)'],
    ['DEC(10)', 'NUMBER(10,0)'],
    ['NUMBER(*)', 'NUMBER'],
    ['FLOAT', 'FLOAT(126)'],
    ['DOUBLE PRECISION', 'FLOAT'],
    ['REAL', 'FLOAT(63)'],
    ['TIMESTAMP', 'TIMESTAMP(6)'],
    ['CHAR', 'CHAR(1 BYTE)'],
    ['CHARACTER(5)', 'CHAR(5)'],
    ['NCHAR', 'NCHAR(1)'],
    ['INTERVAL DAY TO SECOND', 'INTERVAL DAY(2) TO SECOND(6)'],
    ['INTERVAL YEAR TO MONTH', 'INTERVAL YEAR(2) TO MONTH'],
    ['UROWID', 'UROWID(4000)'],
  ];
  for (const [a, b] of alike) it(`${a} = ${b}`, () => assert.ok(sameStoredType(stored(a), stored(b))));
  const apart: [string, string][] = [
    ['INTEGER', 'NUMBER(38)'],
    ['NUMBER', 'NUMBER(38)'],
    ['VARCHAR2(10 CHAR)', 'VARCHAR2(10)'],
    ['NUMBER(10,2)', 'NUMBER(10)'],
    ['FLOAT', 'BINARY_DOUBLE'],
    ['TIMESTAMP', 'TIMESTAMP(3)'],
    ['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP'],
    ['CHAR(2)', 'VARCHAR2(2)'],
    ['NVARCHAR2(10)', 'VARCHAR2(10 CHAR)'],
  ];
  for (const [a, b] of apart) it(`${a} ≠ ${b}`, () => assert.ok(!sameStoredType(stored(a), stored(b))));

  it('reads the fields of a dictionary row', () => {
    assert.deepEqual(storedFromRow({ DATA_TYPE: 'NUMBER', DATA_PRECISION: '', DATA_SCALE: '0' }), { dataType: 'NUMBER', precision: null, scale: 0, charUsed: null, length: null });
    assert.deepEqual(storedFromRow({ DATA_TYPE: 'VARCHAR2', DATA_LENGTH: '400', CHAR_LENGTH: '100', CHAR_USED: 'C' }), {
      dataType: 'VARCHAR2',
      precision: null,
      scale: null,
      charUsed: 'C',
      length: 100,
    });
    assert.deepEqual(storedFromRow({ DATA_TYPE: 'TIMESTAMP(6) WITH TIME ZONE', DATA_SCALE: '6' }), {
      dataType: 'TIMESTAMP(6) WITH TIME ZONE',
      precision: null,
      scale: 6,
      charUsed: null,
      length: null,
    });
  });
  it('compares a row with a writing', () => {
    assert.ok(sameStoredType(stored('INTEGER'), storedFromRow({ DATA_TYPE: 'NUMBER', DATA_PRECISION: '', DATA_SCALE: '0' })));
    assert.ok(!sameStoredType(stored('NUMBER(38)'), storedFromRow({ DATA_TYPE: 'NUMBER', DATA_PRECISION: '', DATA_SCALE: '0' })));
    assert.ok(sameStoredType(stored('NVARCHAR2(100)'), storedFromRow({ DATA_TYPE: 'NVARCHAR2', DATA_LENGTH: '200', CHAR_LENGTH: '100', CHAR_USED: 'C' })));
    assert.ok(sameStoredType(stored('INTERVAL DAY TO SECOND'), storedFromRow({ DATA_TYPE: 'INTERVAL DAY(2) TO SECOND(6)', DATA_PRECISION: '2', DATA_SCALE: '6' })));
    // An export without DATA_PRECISION cannot tell NUMBER(10) from NUMBER(12): no difference is reported.
    assert.ok(sameStoredType(stored('NUMBER(10)'), storedFromRow({ DATA_TYPE: 'NUMBER', DATA_SCALE: '0' })));
  });
});
