/**
 * Personal-data detection from a column's name and comment, in Korean and English.
 * A name matches when it ends with a known token sequence (`cust_rrno`, `card_no`), so that codes, dates
 * and flags about the same subject (`card_tp_cd`, `card_issu_dt`, `email_rcv_yn`) raise nothing.
 * A comment matches when its head noun (its last words) is a known term: "이메일 수신 여부" does not.
 */
import * as l10n from '@vscode/l10n';

export type PiiKind = 'rrn' | 'passport' | 'driver_license' | 'alien_reg' | 'card_no' | 'account_no' | 'password' | 'phone' | 'email' | 'address' | 'name' | 'birth';

/** Kinds the law requires to be encrypted at rest (개인정보의 안전성 확보조치 기준 §7). */
export const sensitiveKinds: ReadonlySet<PiiKind> = new Set(['rrn', 'passport', 'driver_license', 'alien_reg', 'card_no', 'account_no', 'password']);

/** What each kind is called in messages and hovers (functions, so the words follow the server's language). */
export const piiLabels: Record<PiiKind, () => string> = {
  rrn: () => l10n.t('resident registration number (주민등록번호)'),
  passport: () => l10n.t('passport number (여권번호)'),
  driver_license: () => l10n.t("driver's licence number (운전면허번호)"),
  alien_reg: () => l10n.t('alien registration number (외국인등록번호)'),
  card_no: () => l10n.t('card number (카드번호)'),
  account_no: () => l10n.t('account number (계좌번호)'),
  password: () => l10n.t('password (비밀번호)'),
  phone: () => l10n.t('phone number (전화번호)'),
  email: () => l10n.t('e-mail address (이메일)'),
  address: () => l10n.t('address (주소)'),
  name: () => l10n.t("person's name (성명)"),
  birth: () => l10n.t('birth date (생년월일)'),
};

// Order matters: the first kind whose pattern matches wins (an `email_addr` is an e-mail, not an address).
const nameSuffixes: [PiiKind, string[]][] = [
  ['rrn', ['rrno', 'rrn', 'rrn_no', 'jumin_no', 'jumin_rgst_no', 'jumin_reg_no', 'juminno', 'res_no', 'res_reg_no', 'res_rgst_no', 'rsdnt_no', 'rsdnt_rgst_no', 'ssn', 'resident_no', 'resident_reg_no']],
  ['passport', ['pspt_no', 'psprt_no', 'passport_no', 'passport', 'pspt']],
  ['driver_license', ['drv_lcns_no', 'drvr_lcns_no', 'driver_license_no', 'driver_licence_no', 'drv_lic_no', 'drvlcns_no', 'driver_lcns_no']],
  ['alien_reg', ['frgnr_rgst_no', 'frgnr_reg_no', 'frn_reg_no', 'frn_rgst_no', 'frgnr_no', 'alien_reg_no', 'alien_rgst_no', 'forn_rgst_no']],
  ['card_no', ['card_no', 'crd_no', 'card_num', 'card_number', 'cardno', 'crdno']],
  ['account_no', ['acno', 'actno', 'acct_no', 'acnt_no', 'account_no', 'acc_no', 'acct_num', 'account_number', 'bank_acno']],
  ['password', ['pwd', 'pswd', 'password', 'passwd', 'pin', 'pin_no', 'pwd_hash', 'login_pwd']],
  ['email', ['email', 'email_addr', 'eml_addr', 'eml', 'e_mail', 'email_address']],
  ['phone', ['tel_no', 'telno', 'hp_no', 'hpno', 'mbl_telno', 'mbl_tel_no', 'mbl_no', 'cell_no', 'cellno', 'phone', 'phone_no', 'mobile_no', 'mobile', 'cphone_no', 'fax_no', 'hp_telno']],
  ['address', ['addr', 'base_addr', 'dtl_addr', 'zip_cd', 'zipcd', 'zip_no', 'zipcode', 'address', 'road_addr', 'jibun_addr', 'home_addr']],
  ['name', ['cust_nm', 'cstmr_nm', 'mbr_nm', 'emp_nm', 'user_nm', 'usr_nm', 'hldr_nm', 'holder_nm', 'ownr_nm', 'owner_nm', 'kor_nm', 'eng_nm', 'prsn_nm', 'psn_nm', 'cust_name', 'customer_name', 'full_name', 'rpsv_nm', 'rprs_nm', 'dpstr_nm', 'fmly_nm', 'card_hldr_nm']],
  ['birth', ['brdt', 'birth_dt', 'birth_dy', 'brth_dt', 'birth_ymd', 'brth_ymd', 'bday', 'dob', 'birthday', 'birth_date']],
];

// Suffixes that mark a derived value of the same data (`rrno_enc`, `card_no_1`): the column still holds it.
const carrierSuffix = /(?:_(?:enc|encr|encpt|hash|val|org|orgn|raw|\d+))*$/;
// Words that make an `addr` something else than a postal address.
const notPostal = /(?:^|_)(?:ip|mac|email|eml|web|url)_addr/;

const nameMatchers = nameSuffixes.map(([kind, suffixes]) => [kind, new RegExp(`(?:^|_)(?:${suffixes.join('|')})${carrierSuffix.source}`)] as const);

const commentTerms: [PiiKind, string[]][] = [
  ['rrn', ['주민등록번호', '주민번호', '주민등록 번호', 'resident registration number', 'resident registration no', 'ssn']],
  ['passport', ['여권번호', '여권 번호', 'passport number', 'passport no']],
  ['driver_license', ['운전면허번호', '운전면허 번호', '면허번호', "driver's license number", 'driver license number', 'driving licence number']],
  ['alien_reg', ['외국인등록번호', '외국인 등록번호', 'alien registration number']],
  ['card_no', ['카드번호', '카드 번호', 'card number', 'card no']],
  ['account_no', ['계좌번호', '계좌 번호', 'account number', 'account no']],
  ['password', ['비밀번호', '패스워드', '비번', 'password', 'pin 번호', 'pin number']],
  ['email', ['이메일', '이메일주소', '이메일 주소', '전자우편', 'e-mail', 'email', 'email address', 'e-mail address']],
  ['phone', ['전화번호', '휴대폰번호', '휴대전화번호', '핸드폰번호', '연락처', '휴대폰', 'phone number', 'mobile number', 'telephone number']],
  ['address', ['주소', '상세주소', '기본주소', '우편번호', 'address', 'zip code', 'postal code']],
  ['name', ['고객명', '성명', '이름', '고객성명', '예금주명', 'customer name', 'full name']],
  ['birth', ['생년월일', '생일', 'birth date', 'date of birth', 'birthday']],
];

/** Detects the kind of personal data a column holds from its name and comment. */
export function detectPii(name: string | undefined, comment: string | undefined): PiiKind | undefined {
  if (name) {
    const n = name.toLowerCase();
    for (const [kind, re] of nameMatchers) {
      if (!re.test(n)) continue;
      if (kind === 'address' && notPostal.test(n)) continue;
      // The match must run to the end of the name: `card_no_1` yes, `card_no_cnt` (a count) no.
      return kind;
    }
  }
  if (comment) {
    // The head noun: the end of the comment, without a trailing parenthesis or punctuation.
    const head = comment
      .toLowerCase()
      .replace(/\([^)]*\)\s*$/, '')
      .replace(/[\s.:;,)]+$/, '')
      .trim();
    for (const [kind, terms] of commentTerms) {
      for (const term of terms) {
        if (!head.endsWith(term)) continue;
        const before = head.charAt(head.length - term.length - 1);
        // English terms must start at a word border; Korean compounds ("고객주민번호") may run on.
        if (/[a-z]/.test(term[0]!) && before && /[a-z0-9]/.test(before)) continue;
        return kind;
      }
    }
  }
  return undefined;
}
