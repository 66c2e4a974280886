/** Personal-data detection: the name variants of Korean financial DBs, and the near misses that must stay quiet. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectCardSecurityCode, detectColumn, detectPii } from '../../server/src/rules/detect-pii';

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

  const hiding: [string, string | undefined, string][] = [
    ['rrno_fst', undefined, 'rrn'],
    ['rrn_b7', undefined, 'rrn'],
    ['jumin_no_2', undefined, 'rrn'],
    ['hp_no3', undefined, 'phone'],
    ['tel_ddd', undefined, 'phone'],
    ['x9', '고객 주민번호 후반부', 'rrn'],
    ['x10', "holder's resident number", 'rrn'],
    ['x11', 'passport no. as printed', 'passport'],
    ['x12', '연락처(휴대폰, 이메일)', 'phone'],
    ['x13', '개인식별정보(여권번호, 주민번호)', 'rrn'],
    ['rlnm_no', undefined, 'rrn'],
    ['silmyung_no', undefined, 'rrn'],
    ['x14', '실명번호', 'rrn'],
    ['dmst_rsdc_rpt_no', undefined, 'alien_reg'],
    ['x15', '국내거소신고번호', 'alien_reg'],
    ['card_nbr', undefined, 'card_no'],
  ];
  for (const [name, comment, kind] of hiding) it(`${name}${comment ? ` (${comment})` : ''} → ${kind}`, () => assert.equal(detectPii(name, comment), kind));

  const traps: [string, string | undefined][] = [
    ['rrn_dup_cnt', '주민번호 중복 건수'],
    ['email_vrfy_yn', undefined],
    ['hp_chg_ymd', undefined],
    ['x16', '주민번호확인여부'],
    ['rrno_hash', '주민번호 해시값'],
    ['card_no_msk', '카드번호(마스킹)'],
    ['mrch_eng_nm', '가맹점 영문명'],
    ['brnch_tel_no', '지점 전화번호'],
    ['bldg_nm', undefined],
    ['rlnm_cnfm_yn', '실명확인여부'],
  ];
  for (const [name, comment] of traps) it(`${name}${comment ? ` (${comment})` : ''} → nothing`, () => assert.equal(detectPii(name, comment), undefined));

  it('reads a personal Oracle source name under a neutral target name', () => assert.deepEqual(detectColumn('col_07', 'RRNO', undefined), { kind: 'rrn', from: 'source' }));
  it('finds card verification codes, not their checks', () => {
    assert.equal(detectCardSecurityCode('cvv2', undefined), true);
    assert.equal(detectCardSecurityCode('x', '카드 보안코드'), true);
    assert.equal(detectCardSecurityCode('cvc_vrfy_yn', 'CVC 검증 여부'), false);
    assert.deepEqual(detectColumn('ref', 'CVC', undefined), { kind: 'cvc', from: 'source' });
  });
});
