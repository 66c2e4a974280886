/** The value scan: validators with right and wrong check digits, column findings, masked examples. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyValue, maskValue, scanValues } from '../../server/src/privacy/scan-values';
import {
  checkAccountLayout,
  checkCardNumber,
  checkDriverLicence,
  checkEmail,
  checkForeignerNumber,
  checkLandline,
  checkMobile,
  checkPassport,
  checkRrn,
  luhn,
} from '../../server/src/privacy/validators';
import * as gen from '../helpers/pii-values';

const bare = (s: string) => s.replace(/\D/g, '');

describe('validators', () => {
  const r = gen.rng(7);
  it('RRN: a right check digit is valid, a wrong one unverified, a bad date nothing', () => {
    for (let i = 0; i < 200; i++) {
      assert.equal(checkRrn(bare(gen.rrn(r, true))), 'valid');
      assert.equal(checkRrn(bare(gen.rrn(r, false))), 'unverified');
    }
    assert.equal(checkRrn('9013011234567'), undefined); // month 13
    assert.equal(checkRrn('9002301234567'), undefined); // 30 February
    assert.equal(checkRrn('9001015234567'), undefined); // sex digit 5: a foreigner's number
    assert.equal(checkRrn('900101123456'), undefined); // 12 digits
  });
  it('RRN issued from October 2020: no check digit, valid by its date', () => {
    for (let i = 0; i < 100; i++) assert.equal(checkRrn(bare(gen.rrnAfter2020(r))), 'valid');
  });
  it('a worked example: 800101-123456 has check digit 0 (Σ = 122, 11 − 122 mod 11 = 10, mod 10 = 0)', () => {
    assert.equal(checkRrn('8001011234560'), 'valid');
    assert.equal(checkRrn('8001011234568'), 'unverified');
  });
  it('foreigner registration numbers', () => {
    for (let i = 0; i < 100; i++) {
      assert.equal(checkForeignerNumber(bare(gen.foreignerNumber(r, true))), 'valid');
      assert.equal(checkForeignerNumber(bare(gen.foreignerNumber(r, false))), 'unverified');
    }
    assert.equal(checkForeignerNumber('8001011234560'), undefined);
  });
  it('card numbers: Luhn and issuer prefix', () => {
    assert.ok(luhn('4111111111111111'));
    assert.ok(!luhn('4111111111111112'));
    for (let i = 0; i < 200; i++) {
      assert.ok(checkCardNumber(bare(gen.cardNumber(r, true))));
      assert.ok(!checkCardNumber(bare(gen.cardNumber(r, false))));
    }
    assert.ok(!checkCardNumber('1234567812345670')); // Luhn holds, no issuer starts with 1
    assert.ok(checkCardNumber('378282246310005')); // American Express, 15 digits
    assert.ok(!checkCardNumber('37828224631000')); // too short for Amex
  });
  it('phones', () => {
    for (const ok of ['01012345678', '0111234567', '0223456789', '03123456789', '07023456789']) assert.ok(checkMobile(ok) || checkLandline(ok), ok);
    for (const bad of ['01002345678', '0101234567', '0991234567', '0201234567', '1588123400']) assert.ok(!checkMobile(bad) && !checkLandline(bad), bad);
  });
  it('accounts, passports, licences, e-mail', () => {
    assert.ok(checkAccountLayout('123456-12-123456'));
    assert.ok(checkAccountLayout('3333-01-1234567'));
    assert.ok(!checkAccountLayout('010-1234-5678'));
    assert.ok(!checkAccountLayout('2024-01-31'));
    assert.ok(checkPassport('M12345678'));
    assert.ok(checkPassport('M123A4567'));
    assert.ok(!checkPassport('X12345678'));
    assert.ok(checkDriverLicence('11-17-123456-12'));
    assert.ok(!checkDriverLicence('99-17-123456-12'));
    assert.ok(!checkDriverLicence('111712345612'));
    assert.ok(checkEmail('kim.cs@card.co.kr'));
    assert.ok(!checkEmail('kim@@card.co.kr'));
    assert.ok(!checkEmail('kim@localhost'));
  });
});

describe('classifyValue', () => {
  const cases: [string, string | undefined][] = [
    ['800101-1234560', 'rrn'],
    ['8001011234560', 'rrn'],
    ['4111-1111-1111-1111', 'card_no'],
    ['4111 1111 1111 1111', 'card_no'],
    ['010-1234-5678', 'phone'],
    ['(02) 234-5678', 'phone'],
    ['+82-10-1234-5678', 'phone'],
    ['123456-12-123456', 'account_no'],
    ['M12345678', 'passport'],
    ['11-17-123456-12', 'driver_license'],
    ['kim@card.co.kr', 'email'],
    ['2024-01-31', undefined],
    ['220-81-62517', undefined], // a business registration number (3-2-5 with its check digit), not an account
    ['220-81-62518', 'account_no'],
    ['20240131', undefined],
    ['1234567', undefined],
    ['A1', undefined],
    ['정상 승인', undefined],
  ];
  for (const [v, kind] of cases) it(`${v} → ${kind ?? 'nothing'}`, () => assert.equal(classifyValue(v)?.kind, kind));
});

describe('scanValues', () => {
  const r = gen.rng(42);
  const many = (n: number, f: () => string) => Array.from({ length: n }, f);

  it('finds a column of RRNs, with its count and a masked example', () => {
    const values = [...many(950, () => gen.rrn(r)), ...many(30, () => gen.rrnAfter2020(r)), null, '', ...many(18, () => gen.rrn(r, false))];
    const s = scanValues(values);
    assert.equal(s.sampled, 1000);
    assert.equal(s.nonEmpty, 998);
    assert.equal(s.findings.length, 1);
    const f = s.findings[0]!;
    assert.deepEqual([f.kind, f.within, f.matched, f.unverified], ['rrn', 'value', 980, 18]);
    assert.match(f.example, /^\d{2}\*{4}-\*{7}$/);
  });
  it('a column of RRNs with wrong check digits is not called valid', () => {
    const s = scanValues(many(1000, () => gen.rrn(r, false)));
    assert.deepEqual(s.findings, []);
  });
  it('finds card numbers, phones, accounts, e-mail, passports, licences and foreigner numbers', () => {
    const kinds: [() => string, string][] = [
      [() => gen.cardNumber(r), 'card_no'],
      [() => gen.cardNumber(r, true, 'bare'), 'card_no'],
      [() => gen.mobile(r), 'phone'],
      [() => gen.landline(r), 'phone'],
      [() => gen.account(r), 'account_no'],
      [() => gen.email(r), 'email'],
      [() => gen.passport(r), 'passport'],
      [() => gen.driverLicence(r), 'driver_license'],
      [() => gen.foreignerNumber(r), 'alien_reg'],
    ];
    for (const [make, kind] of kinds) {
      const s = scanValues(many(500, make));
      assert.deepEqual(
        s.findings.map((f) => [f.kind, f.within, f.matched]),
        [[kind, 'value', 500]],
        kind,
      );
    }
  });
  it('finds numbers quoted inside free text', () => {
    const memos = many(1000, () => gen.cleanValue(r, 'memo'));
    memos[10] = `고객 요청: 주민번호 ${gen.rrn(r)} 확인 후 재발급`;
    memos[20] = `call back on ${gen.mobile(r)} after 6pm`;
    memos[30] = `카드 ${gen.cardNumber(r)} 분실 신고`;
    memos[40] = gen.mobile(r);
    const s = scanValues(memos);
    assert.deepEqual(s.findings.map((f) => [f.kind, f.within, f.matched]).sort(), [
      ['card_no', 'text', 1],
      ['phone', 'text', 2],
      ['rrn', 'text', 1],
    ]);
  });
  it('finds nothing in clean columns', () => {
    for (const kind of ['id13', 'id16', 'amount', 'date', 'code', 'memo'] as const) {
      const s = scanValues(many(20000, () => gen.cleanValue(r, kind)));
      assert.deepEqual(s.findings, [], kind);
    }
  });
  it('masks examples: only the first characters survive', () => {
    assert.equal(maskValue('800101-1234560', 'rrn'), '80****-*******');
    assert.equal(maskValue('4111-1111-1111-1111', 'card_no'), '4111-****-****-****');
    assert.equal(maskValue('010-1234-5678', 'phone'), '010-****-****');
    assert.equal(maskValue('kim.cs@card.co.kr', 'email'), 'k*****@c***.c*.kr');
    assert.equal(maskValue('M123A4567', 'passport'), 'M********');
  });
});
