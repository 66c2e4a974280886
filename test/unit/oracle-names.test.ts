/** Oracle names in generated Oracle SQL: Oracle's naming rules, quoting only where Oracle needs it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHint, oracleIdent, oracleObject } from '../../server/src/oracle/oracle-names';
import { SqlSafetyError } from '../../server/src/sql/identifiers';

describe('Oracle names', () => {
  it('writes upper-case nonquoted names bare, and quotes the rest', () => {
    assert.deepEqual(['CUST_NO', 'A$1#', 'cust_no', 'Mixed Case', 'DATE', '고객번호', '가'.repeat(42)].map(oracleIdent), [
      'CUST_NO',
      'A$1#',
      '"cust_no"',
      '"Mixed Case"',
      '"DATE"',
      '"고객번호"',
      `"${'가'.repeat(42)}"`,
    ]);
  });
  it('refuses a name Oracle cannot hold: `"`, NUL, empty, over 128 bytes', () => {
    for (const bad of ['A"B', 'X" FROM DUAL --', 'A\u0000', '', '가'.repeat(43), 'A'.repeat(129)]) assert.throws(() => oracleIdent(bad), SqlSafetyError, JSON.stringify(bad));
    assert.throws(() => oracleIdent('A"B'), { message: 'The Oracle name `A"B` cannot be used: a quoted Oracle name cannot contain `"`.' });
  });
  it('reads OBJECT, SCHEMA.OBJECT, quoted parts and a database link', () => {
    for (const ok of ['CARD.T', 'card.t', 'T', 'CARD."T@X"', '"Ca.rd"."T"', 'CARD."USER"', 'CARD.T@DBLINK.EXAMPLE.COM']) assert.equal(oracleObject(ok), ok);
  });
  it('refuses anything else in place of an object', () => {
    const bad: [string, RegExp][] = [
      ['CARD.USER', /reserved word/],
      ['A.B.C', /OBJECT or SCHEMA.OBJECT/],
      ['CARD."T"" --"', /cannot contain/],
      ['CARD.T; DROP TABLE CARD.T', /OBJECT or SCHEMA.OBJECT/],
      ['CARD.T;', /neither a nonquoted name/],
      ['(SELECT * FROM DBA_USERS)', /neither a nonquoted name/],
      ['CARD."T', /not closed/],
      ['"X"@y z', /database link/],
    ];
    for (const [object, message] of bad)
      assert.throws(
        () => oracleObject(object),
        (e: Error) => e instanceof SqlSafetyError && message.test(e.message),
        object,
      );
  });
  it('takes a hint body, not the end of its comment', () => {
    assert.equal(checkHint('FULL(t) INDEX(t pk_t) PARALLEL(8)'), 'FULL(t) INDEX(t pk_t) PARALLEL(8)');
    for (const bad of ['FULL(t) */ DELETE FROM T', "PARALLEL(8) '", 'x -- y', 'a;b']) assert.throws(() => checkHint(bad), SqlSafetyError, bad);
  });
});
