/** Personal-data detection: the name variants of Korean financial DBs, and the near misses that must stay quiet. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectPii } from '../../server/src/rules/detect-pii';

describe('detectPii', () => {
  const hits: [string, string | undefined, string][] = [
    ['RRNO', undefined, 'rrn'],
    ['cust_rrno', undefined, 'rrn'],
    ['JUMIN_NO', undefined, 'rrn'],
    ['res_reg_no', undefined, 'rrn'],
    ['ssn', undefined, 'rrn'],
    ['rrno_enc', undefined, 'rrn'],
    ['PSPT_NO', undefined, 'passport'],
    ['DRVR_LCNS_NO', undefined, 'driver_license'],
    ['FRN_REG_NO', undefined, 'alien_reg'],
    ['CARD_NO', undefined, 'card_no'],
    ['crd_no', undefined, 'card_no'],
    ['card_no_2', undefined, 'card_no'],
    ['ACNO', undefined, 'account_no'],
    ['ACTNO', undefined, 'account_no'],
    ['acnt_no', undefined, 'account_no'],
    ['PWD', undefined, 'password'],
    ['PSWD', undefined, 'password'],
    ['pin', undefined, 'password'],
    ['HP_NO', undefined, 'phone'],
    ['MBL_TELNO', undefined, 'phone'],
    ['EML_ADDR', undefined, 'email'],
    ['DTL_ADDR', undefined, 'address'],
    ['ZIP_CD', undefined, 'address'],
    ['CUST_NM', undefined, 'name'],
    ['BRDT', undefined, 'birth'],
    ['x1', '주민등록번호', 'rrn'],
    ['x2', '고객 주민번호', 'rrn'],
    ['x3', '카드번호', 'card_no'],
    ['x4', '결제 계좌번호 (암호화 전)', 'account_no'],
    ['x5', '비밀번호', 'password'],
    ['x6', 'Customer card number', 'card_no'],
    ['x7', '휴대폰번호', 'phone'],
    ['x8', '생년월일', 'birth'],
  ];
  for (const [name, comment, kind] of hits) it(`${name}${comment ? ` (${comment})` : ''} → ${kind}`, () => assert.equal(detectPii(name, comment), kind));

  const quiet: [string, string | undefined][] = [
    ['card_tp_cd', '카드유형코드'],
    ['card_issu_dt', '카드발급일자'],
    ['email_rcv_yn', '이메일 수신 여부'],
    ['card_no_cnt', '보유 카드 수'],
    ['acno_type', undefined],
    ['brnch_nm', '지점명'],
    ['mrch_nm', '가맹점명'],
    ['ip_addr', 'IP 주소 유형'],
    ['pwd_chg_dt', '비밀번호 변경일'],
    ['rrno_yn', '주민번호 보유 여부'],
    ['sping_cd', undefined],
    ['happy_no', undefined],
  ];
  for (const [name, comment] of quiet) it(`${name}${comment ? ` (${comment})` : ''} → nothing`, () => assert.equal(detectPii(name, comment), undefined));
});
