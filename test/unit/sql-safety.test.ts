/** Names are checked before they are quoted, values escaped, and a view's filter is one condition. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPredicate } from '../../server/src/sql/check-predicate';
import { convertFormat } from '../../server/src/sql/cleansing-sql';
import { ident, literal, s3Location, SqlSafetyError } from '../../server/src/sql/identifiers';

const unsafe = (f: () => unknown, message: RegExp) => assert.throws(f, (e: Error) => e instanceof SqlSafetyError && message.test(e.message));

describe('identifiers and literals', () => {
  it('quotes safe names for DML and DDL', () => {
    assert.equal(ident('cust_no'), '"cust_no"');
    assert.equal(ident('cust_no', 'column', 'ddl'), '`cust_no`');
  });
  it('says what an unsafe name names', () => {
    assert.throws(() => ident('Aprv_dt', 'partition column'), { message: 'Partition column `Aprv_dt` is not a safe name: lower-case letters, digits and `_`, starting with a letter.' });
    assert.throws(() => ident('a b'), { message: 'Name `a b` is not a safe name: lower-case letters, digits and `_`, starting with a letter.' });
  });
  for (const bad of ['Cust', 'a"; DROP TABLE t; --', 'a`b', '_x', '1a', 'a b', '', 'a'.repeat(256)]) {
    it(`refuses the name ${JSON.stringify(bad.slice(0, 30))}`, () => unsafe(() => ident(bad), /not a safe name/));
  }
  it('escapes quotes in literals, and keeps Korean text as it is', () => assert.equal(literal("고객's '이름'"), "'고객''s ''이름'''"));
  it('refuses NUL in a literal', () => unsafe(() => literal('a\u0000b'), /NUL/));
  it('accepts an S3 location and refuses one that breaks out of its quotes', () => {
    assert.equal(s3Location('s3://card-lake/card_dw/t'), "'s3://card-lake/card_dw/t/'");
    unsafe(() => s3Location("s3://card-lake/x' TBLPROPERTIES ('a'='b"), /not a valid S3 location/);
  });
});

describe('view filters', () => {
  const columns = ['grade_cd', 'base_dt', 'amt', 'flag', 'memo', 'nm', 'select'];
  const ok = [
    "grade_cd = 'A'",
    "base_dt >= DATE '2020-01-01' AND (amt > 0 OR flag IS NULL)",
    "memo <> 'a;b -- c /* d */'",
    "nm = 'it''s'",
    '"select" = 1',
    "lower(nm) LIKE 'k%' AND amt BETWEEN 1 AND 9 AND grade_cd IN ('A', 'B')",
    "CAST(amt AS integer) > 3 AND coalesce(flag, 'N') = 'Y'",
  ];
  for (const w of ok) it(`accepts ${w}`, () => assert.equal(checkPredicate(w, columns), w));
  const bad: [string, RegExp][] = [
    ["grade_cd = 'A'; DROP TABLE t", /goes on after its condition/],
    ['1 = 1 -- and the rest', /comment/],
    ['1 = 1 /* x */', /comment/],
    ["grade_cd = 'A", /not one SQL condition/],
    ['(amt = 1', /not one SQL condition/],
    ['amt = 1)', /goes on after its condition/],
    ['amt IN (SELECT x FROM secrets)', /subquery/],
    ["amt IN (FROM read_text('/etc/passwd'))", /goes on after its condition|not one SQL condition/],
    ["nm = E'\\'' OR 1 = 1; DROP TABLE t; SELECT '", /`e'…'`/],
    ['nm = $$x$$', /not one SQL condition/],
    ['secret_col = 1', /not a column of the table/],
    ['t.amt = 1', /without a qualifier/],
    ["read_csv('/etc/passwd') IS NULL", /calls `read_csv`/],
    ['amt = ?', /may not use/],
    ['', /empty/],
  ];
  for (const [w, m] of bad) it(`refuses ${JSON.stringify(w)}`, () => unsafe(() => checkPredicate(w, columns), m));
});

describe('date formats', () => {
  it('converts Oracle formats and knows their fixed length', () => {
    assert.deepEqual(convertFormat('YYYYMMDD'), { pattern: '%Y%m%d', length: 8 });
    assert.deepEqual(convertFormat('YYYY-MM-DD HH24:MI:SS'), { pattern: '%Y-%m-%d %H:%M:%S', length: 19 });
    assert.deepEqual(convertFormat('DD-MON-RR'), { pattern: '%d-%b-%Y', length: 9, twoDigitYear: { at: 7, rule: 'RR' } });
  });
  it('refuses an unknown element', () => unsafe(() => convertFormat("YYYY'); DROP"), /unknown element/));
});
