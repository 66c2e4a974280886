/**
 * Personal-data detection from a column's name and comment, in Korean and English.
 *
 * A name matches when, after the parts that still carry the data are dropped (`_enc`, `_1`, `_fst`, `_back`:
 * an encrypted copy or one part of a split number), it ends with a known token sequence (`cust_rrno`,
 * `card_no`). Codes, counts, flags, dates, masks, hashes and verification results about the same subject
 * (`card_tp_cd`, `rrn_dup_cnt`, `email_vrfy_yn`, `rrno_hash`) end with another word and raise nothing.
 *
 * A comment matches when a known term is followed only by words that keep its meaning ("고객 주민번호
 * 후반부", "passport no. as printed"); inside parentheses each listed item counts ("개인식별정보(주민번호,
 * 여권번호)"). "주민번호확인여부" ends with a word about the data, not the data, and does not match.
 *
 * Runs per keystroke for every column: plain string and token tests, no backtracking-heavy patterns.
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
// 실명번호 (금융실명법's real-name number) is an RRN for a person; it is reported as one.
const nameSuffixes: [PiiKind, string[]][] = [
  [
    'rrn',
    [
      'rrno',
      'rrn',
      'resid_no',
      'rsd_no',
      'rrn_no',
      'jumin',
      'jumin_no',
      'jumin_rgst_no',
      'jumin_reg_no',
      'juminno',
      'jmno',
      'jm_no',
      'res_no',
      'res_reg_no',
      'res_rgst_no',
      'rsdnt_no',
      'rsdnt_rgst_no',
      'rsdt_no',
      'rsdt_rgst_no',
      'ssn',
      'resident_no',
      'resident_reg_no',
      'resident_number',
      'resident_registration_no',
      'resident_registration_number',
      'rlnm_no',
      'rlnmno',
      'rlnm_cnfm_no',
      'real_nm_no',
      'realnm_no',
      'real_name_no',
      'real_name_number',
      'rnm_no',
      'silmyung_no',
      'silmyeong_no',
      'silnm_no',
      'sil_nm_no',
      'idnty_no',
      'psnl_idnty_no',
      'prsn_id_no',
      'ihidnum',
    ],
  ],
  ['passport', ['pspt_no', 'psprt_no', 'passport_no', 'passport', 'pspt', 'passport_num', 'passport_number', 'psport_no', 'pssprt_no']],
  [
    'driver_license',
    [
      'drv_lcns_no',
      'drvr_lcns_no',
      'driver_license_no',
      'driver_licence_no',
      'drv_lic_no',
      'drvlcns_no',
      'driver_lcns_no',
      'drv_license_no',
      'drvng_lcns_no',
      'dl_no',
      'lcns_no_drv',
      'driving_licence_no',
      'driving_license_no',
    ],
  ],
  [
    'alien_reg',
    [
      'frgnr_rgst_no',
      'frgnr_reg_no',
      'frn_reg_no',
      'frn_rgst_no',
      'frgnr_no',
      'frgn_rgst_no',
      'frgn_reg_no',
      'alien_reg_no',
      'alien_rgst_no',
      'alien_no',
      'alien_registration_no',
      'forn_rgst_no',
      'fore_rgst_no',
      'foreigner_no',
      'foreigner_reg_no',
      'foreigner_registration_no',
      'arc_no',
      'frgnr_idno',
      'dmst_rsdc_no',
      'dmst_rsdnc_no',
      'dmst_rsdc_rpt_no',
      'dmst_rsdnc_rpt_no',
      'geoso_no',
      'gs_rpt_no',
      'domestic_residence_no',
      'ovrs_kor_no',
      'ovrs_krn_rgst_no',
      'overseas_korean_no',
      'residence_card_no',
    ],
  ],
  ['card_no', ['card_no', 'crd_no', 'card_num', 'card_number', 'cardno', 'crdno', 'cdno', 'crdcd_no', 'pan', 'card_pan', 'pan_no', 'cc_no', 'credit_card_no', 'chk_card_no', 'crd_num']],
  [
    'account_no',
    [
      'acno',
      'actno',
      'acct_no',
      'acnt_no',
      'account_no',
      'acc_no',
      'acct_num',
      'account_number',
      'bank_acno',
      'bnk_acno',
      'dpst_acno',
      'stl_acno',
      'sttl_acno',
      'pymt_acno',
      'vr_acno',
      'vacno',
      'acctno',
      'acntno',
      'ac_no',
      'bank_acct_no',
      'iban',
    ],
  ],
  ['password', ['pwd', 'pswd', 'password', 'passwd', 'pin', 'pin_no', 'login_pwd', 'scrt_no', 'secret_no', 'pw', 'pass_wd', 'card_pwd', 'card_pin', 'pin_num']],
  ['email', ['email', 'email_addr', 'eml_addr', 'eml', 'e_mail', 'email_address', 'emladdr', 'mail_addr', 'email_id', 'eml_id']],
  [
    'phone',
    [
      'tel_no',
      'telno',
      'tel',
      'hp_no',
      'hpno',
      'hp',
      'mbl_telno',
      'mbl_tel_no',
      'mbl_no',
      'mbl_phone',
      'mbl_phone_no',
      'hp_tel_no',
      'cp_no',
      'ctel',
      'ctel_no',
      'mbl_phone_no',
      'cell_no',
      'cellno',
      'cell_phone_no',
      'phone',
      'phone_no',
      'phone_number',
      'mobile_no',
      'mobile',
      'mobile_number',
      'cphone_no',
      'cphone',
      'fax_no',
      'faxno',
      'hp_telno',
      'hndphn_no',
      'handphone_no',
      'cntc_telno',
      'cnct_telno',
      'cttpc',
      'cntcpnt',
      'mbph_no',
      'mbphno',
      'moblphon_no',
      'mblphon_no',
      'telephone_no',
      'tel_num',
    ],
  ],
  [
    'address',
    [
      'addr',
      'base_addr',
      'dtl_addr',
      'addr_dtl',
      'addr_base',
      'addr_detail',
      'zip_cd',
      'zipcd',
      'zip_no',
      'zipcode',
      'zip',
      'post_no',
      'pstno',
      'pst_no',
      'address',
      'road_addr',
      'jibun_addr',
      'home_addr',
      'adres',
      'addr1',
      'addr2',
      'road_nm_addr',
      'lotno_addr',
    ],
  ],
  [
    'name',
    [
      'cust_nm',
      'cstmr_nm',
      'mbr_nm',
      'emp_nm',
      'empl_nm',
      'user_nm',
      'usr_nm',
      'hldr_nm',
      'holder_nm',
      'ownr_nm',
      'owner_nm',
      'kor_nm',
      'eng_nm',
      'hngl_nm',
      'prsn_nm',
      'psn_nm',
      'cust_name',
      'customer_name',
      'full_name',
      'rpsv_nm',
      'rprs_nm',
      'rprsv_nm',
      'dpstr_nm',
      'fmly_nm',
      'card_hldr_nm',
      'crdhldr_nm',
      'chldr_nm',
      'rcvr_nm',
      'rcpnt_nm',
      'sndr_nm',
      'aplcnt_nm',
      'applcnt_nm',
      'pyr_nm',
      'payer_nm',
      'spous_nm',
      'prnt_nm',
      'grdn_nm',
      'nok_nm',
      'guarantor_nm',
      'grntr_nm',
      'cust_eng_nm',
      'cust_kor_nm',
      'holder_name',
      'member_name',
      'last_name',
      'first_name',
      'given_name',
      'family_name',
      'surname',
      'cardholder_name',
      'acnt_hldr_nm',
      'dpsr_nm',
      'inqr_nm',
      'ctrtr_nm',
      'cntrctr_nm',
      'insrd_nm',
      'bnfcry_nm',
    ],
  ],
  [
    'birth',
    [
      'brdt',
      'birth_dt',
      'birth_dy',
      'brth_dt',
      'birth_ymd',
      'brth_ymd',
      'bday',
      'dob',
      'birthday',
      'birth_date',
      'bthdy',
      'brthdy',
      'birth_yyyymmdd',
      'brth_yyyymmdd',
      'date_of_birth',
      'bth_ymd',
      'bth_dt',
      'brymd',
      'slr_brdt',
      'lnr_brdt',
    ],
  ],
];

// Trailing words that keep the data in the column: an encrypted or original copy, or one part of a number
// split over several columns (`rrno_fst` + `rrno_lst`, `hp_no1` … `hp_no3`, `rrn_f6` + `rrn_b7`).
const carriers = new Set([
  'enc',
  'encr',
  'encpt',
  'encrypt',
  'encrypted',
  'encd',
  'org',
  'orgn',
  'orig',
  'original',
  'raw',
  'val',
  'value',
  'plain',
  'txt',
  'text',
  'full',
  'fst',
  'frst',
  'frnt',
  'front',
  'first',
  'bk',
  'back',
  'bck',
  'lst',
  'last',
  'mid',
  'mddl',
  'middle',
  'end',
  'head',
  'tail',
  'pre',
  'post',
  'suf',
  'sfx',
  'prefix',
  'suffix',
  'part',
  'prt',
  'seg',
  'ft',
  'f',
  'b',
  'front6',
  'back7',
  'snd',
  'second',
  'third',
]);
const isCarrier = (t: string) => carriers.has(t) || /^\d+$/.test(t) || /^[fbp]\d$/.test(t) || /^(?:1st|2nd|3rd)$/.test(t);

// The parts of a phone number split over columns: area code (DDD, 지역번호), exchange (국번), line number.
const phoneParts =
  /(?:^|_)(?:tel|telno|tel_no|hp|hp_no|hpno|mbl|mbl_telno|cell|cell_no|phone|phone_no|mobile|mobile_no|cphone|fax|fax_no|cntc_telno)_(?:ddd|ddd_no|area_no|rgn_no|exno|exch_no|ofc_no|kukbun|gukbun|guk_no|kb_no|sno|srno|ln_no|line_no|idno|sbscr_no)$/;

// Words before the data that make it something else than the data: a mask, a hash, a token of it.
const notTheData = new Set(['msk', 'mask', 'masked', 'mskg', 'hash', 'hsh', 'hashed', 'tkn', 'token', 'tokenized', 'sha', 'sha256', 'md5', 'digest', 'fake', 'dummy', 'test', 'smpl', 'sample']);
// Words before a name, address, phone or e-mail that make it a thing's, not a person's (`mrch_nm`, `brnch_tel_no`).
const things = new Set([
  'mrch',
  'mcht',
  'mchnt',
  'merchant',
  'afst',
  'frch',
  'franchise',
  'prdt',
  'prod',
  'product',
  'goods',
  'gds',
  'item',
  'brnch',
  'brch',
  'branch',
  'bldg',
  'building',
  'shop',
  'store',
  'str',
  'bank',
  'bnk',
  'corp',
  'cmpny',
  'company',
  'co',
  'org',
  'inst',
  'instt',
  'dept',
  'team',
  'biz',
  'bizpl',
  'bzpl',
  'sys',
  'svc',
  'service',
  'pgm',
  'prgm',
  'file',
  'tbl',
  'table',
  'col',
  'column',
  'app',
  'city',
  'area',
  'cd',
  'code',
  'plan',
  'evnt',
  'event',
  'cmpgn',
  'campaign',
  'term',
  'trm',
  'atm',
  'van',
  'pg',
  'job',
  'btch',
  'batch',
  'srvr',
  'server',
  'host',
  'dvc',
  'device',
  'ip',
  'mac',
  'web',
  'url',
  'site',
  'home_pg',
  'db',
  'schema',
  'rpt',
  'report',
  'menu',
  'scrn',
  'screen',
  'grp',
  'group',
  'cls',
  'class',
  'ctgr',
  'category',
  'mdl',
  'model',
  'bnd',
  'brand',
  'brd',
  'nation',
  'ntn',
  'cntry',
  'country',
  'sido',
  'sgg',
  'emd',
  'rgn',
  'region',
  'stn',
  'station',
  'prtnr',
  'partner',
  'agcy',
  'agency',
  'cmpn',
  'issr',
  'issuer',
  'acqr',
  'acquirer',
  'center',
  'bldng',
  'apt',
  'cplx',
]);
const softKinds: ReadonlySet<PiiKind> = new Set(['name', 'address', 'phone', 'email']);
// Words that make an `addr` something else than a postal address.
const notPostal = new Set(['ip', 'mac', 'web', 'url', 'ipv4', 'ipv6', 'srvr', 'server', 'host', 'mem', 'memory', 'bt', 'wallet', 'net', 'ntwk', 'ipv']);

// Each known ending, to its kind (the first kind listed wins): looked up per token boundary, not by regex.
const suffixKinds = new Map<string, PiiKind>();
for (const [kind, suffixes] of nameSuffixes) for (const sfx of suffixes) if (!suffixKinds.has(sfx)) suffixKinds.set(sfx, kind);

/** The longest known ending of the tokens (starting at a token), and where it starts. */
function knownEnding<T>(tokens: string[], table: ReadonlyMap<string, T>): { value: T; at: number } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const value = table.get(i === tokens.length - 1 ? tokens[i]! : tokens.slice(i).join('_'));
    if (value !== undefined) return { value, at: i };
  }
  return undefined;
}

// Card verification codes (CVC2/CVV2/CID): PCI DSS requirement 3.3.1.2 forbids storing them after authorisation.
const cvcNames = new Map(
  [
    'cvc',
    'cvv',
    'cvc2',
    'cvv2',
    'cvn',
    'cvn2',
    'cav2',
    'cid2',
    'card_vrfc_cd',
    'card_vrfc_val',
    'card_vrfc_no',
    'card_scrty_cd',
    'card_sec_cd',
    'card_security_code',
    'card_verification_code',
    'card_verification_value',
    'security_code',
    'scrty_cd',
  ].map((n) => [n, true] as const),
);

// Spellings of the same word, read as one: `card_nbr` is `card_no`, `home_adrs` is `home_addr`.
const synonyms = new Map([
  ['nbr', 'no'],
  ['num', 'no'],
  ['number', 'no'],
  ['numb', 'no'],
  ['adrs', 'addr'],
  ['adres', 'addr'],
  ['adr', 'addr'],
  ['address', 'addr'],
  ['phn', 'phone'],
  ['phon', 'phone'],
  ['mobl', 'mbl'],
  ['mob', 'mbl'],
  ['hphone', 'hp'],
  ['hndphn', 'hp'],
  ['handphone', 'hp'],
]);

/** The name's tokens, with the words that still carry the data taken off the end (`hp_no3` → `hp_no`). */
function coreTokens(name: string): string[] {
  const tokens = name
    .toLowerCase()
    .split(/_+/)
    .filter(Boolean)
    .flatMap((t) => {
      // A number glued to the last word of a split column: `rrno1`, `telno2`; keep `cvc2` whole.
      const m = /^([a-z]{2,})(\d)$/.exec(t);
      return m && !/^(?:cvc|cvv|cvn|cav|cid|ipv)$/.test(m[1]!) ? [m[1]!, m[2]!] : [t];
    })
    .map((t) => synonyms.get(t) ?? t);
  while (tokens.length > 1 && isCarrier(tokens[tokens.length - 1]!)) {
    tokens.pop();
  }
  return tokens;
}

// The last words of a phone number split into parts (area code, exchange, line number).
const phonePartWords = new Set(['ddd', 'no', 'exno', 'kukbun', 'gukbun', 'sno', 'srno', 'idno']);

function fromTokens(tokens: string[]): PiiKind | undefined {
  const found = knownEnding(tokens, suffixKinds);
  if (found) {
    const kind = found.value;
    const before = tokens.slice(0, found.at);
    if (before.some((t) => notTheData.has(t))) return undefined;
    if (softKinds.has(kind) && before.some((t) => things.has(t))) return undefined;
    if (kind === 'address' && before.some((t) => notPostal.has(t) || t === 'email' || t === 'eml')) return undefined;
    return kind;
  }
  if (tokens.length > 1 && phonePartWords.has(tokens[tokens.length - 1]!)) {
    const joined = tokens.join('_');
    if (phoneParts.test(joined) && !tokens.some((t) => things.has(t) || notTheData.has(t))) return 'phone';
  }
  return undefined;
}

function fromName(name: string): PiiKind | undefined {
  return fromTokens(coreTokens(name));
}

const commentTerms: [PiiKind, string[]][] = [
  [
    'rrn',
    [
      '주민등록번호',
      '주민번호',
      '주민등록 번호',
      '주민 번호',
      '실명번호',
      '실명확인번호',
      '실명 번호',
      '실명확인 번호',
      'resident registration number',
      'resident registration no',
      'resident number',
      'resident no',
      'resident id',
      'rrn',
      'ssn',
      'jumin',
      'real-name number',
      'real name number',
      'real-name no',
      'silmyung number',
    ],
  ],
  ['passport', ['여권번호', '여권 번호', '여권no', 'passport number', 'passport no', 'passport']],
  [
    'driver_license',
    [
      '운전면허번호',
      '운전면허 번호',
      '운전면허증번호',
      '운전면허증 번호',
      '면허번호',
      "driver's license number",
      "driver's licence number",
      'driver license number',
      'driver licence number',
      'driving licence number',
      'driving license number',
      "driver's license no",
      "driver's licence no",
      'driving licence no',
      'driver license no',
    ],
  ],
  [
    'alien_reg',
    [
      '외국인등록번호',
      '외국인 등록번호',
      '외국인번호',
      '외국인 번호',
      '국내거소신고번호',
      '거소신고번호',
      '국내거소 신고번호',
      '재외국민등록번호',
      '재외국민 등록번호',
      '외국국적동포 거소번호',
      'alien registration number',
      'alien registration no',
      'foreigner registration number',
      'foreign registration number',
      'foreigner number',
      'residence card number',
      'domestic residence report number',
      'overseas korean number',
    ],
  ],
  ['card_no', ['카드번호', '카드 번호', '신용카드번호', '체크카드번호', 'card number', 'card no', 'credit card number', 'pan']],
  ['account_no', ['계좌번호', '계좌 번호', '결제계좌', '출금계좌', '입금계좌', '가상계좌번호', 'account number', 'account no', 'bank account']],
  ['password', ['비밀번호', '패스워드', '비번', '카드비밀번호', 'password', 'pin 번호', 'pin번호', 'pin number', 'pin']],
  ['email', ['이메일', '이메일주소', '이메일 주소', '전자우편', '전자우편주소', '메일주소', 'e-mail', 'email', 'email address', 'e-mail address']],
  [
    'phone',
    [
      '전화번호',
      '휴대폰번호',
      '휴대전화번호',
      '핸드폰번호',
      '휴대폰 번호',
      '휴대전화 번호',
      '연락처',
      '휴대폰',
      '핸드폰',
      '휴대전화',
      '자택전화',
      '직장전화',
      '팩스번호',
      'phone number',
      'mobile number',
      'telephone number',
      'phone no',
      'mobile no',
      'phone',
      'mobile phone',
      'contact number',
    ],
  ],
  ['address', ['주소', '상세주소', '기본주소', '우편번호', '도로명주소', '지번주소', '자택주소', 'address', 'zip code', 'postal code', 'postcode']],
  [
    'name',
    [
      '고객명',
      '성명',
      '이름',
      '고객성명',
      '예금주명',
      '예금주',
      '회원명',
      '소지자명',
      '카드소지자명',
      '본인성명',
      '수취인명',
      '신청인명',
      '대표자명',
      '보호자명',
      '한글성명',
      '영문성명',
      '영문명',
      '한글명',
      'customer name',
      'full name',
      'holder name',
      "holder's name",
      'cardholder name',
      'member name',
      'name of the holder',
      'name of the customer',
    ],
  ],
  ['birth', ['생년월일', '생일', '출생일', '출생일자', 'birth date', 'date of birth', 'birthday', 'birthdate']],
];

// Words that may follow a term and keep its meaning: a part of the number, its original, how it was written.
const keepWords = new Set([
  '앞자리',
  '뒷자리',
  '뒤자리',
  '앞',
  '뒤',
  '자리',
  '전반부',
  '후반부',
  '앞부분',
  '뒷부분',
  '첫자리',
  '끝자리',
  '끝',
  '중간자리',
  '가운데자리',
  '중간',
  '가운데',
  '국번',
  '식별번호',
  '지역번호',
  '전체',
  '원본',
  '원문',
  '평문',
  '번호',
  '값',
  '정보',
  '암호화',
  '암호화값',
  '암호문',
  '본문',
  '상세',
  '기본',
  '주소',
  '1',
  '2',
  '3',
  '(앞)',
  '(뒤)',
  'as',
  'printed',
  'issued',
  'entered',
  'shown',
  'written',
  'recorded',
  'on',
  'in',
  'full',
  'plain',
  'text',
  'original',
  'raw',
  'first',
  'last',
  'front',
  'back',
  'half',
  'part',
  'digits',
  'digit',
  'of',
  'the',
  'a',
  'holder',
  "holder's",
  'customer',
  "customer's",
  'cardholder',
  'member',
  'no',
  'number',
  'value',
  'encrypted',
  'ciphertext',
  'block',
  'segment',
  'field',
  'prefix',
  'card',
]);
// Patterns with Korean are built from strings: the bundler writes a string's Korean as \u escapes, not a regular
// expression's, and a server bundle that is all ASCII is kept in memory at one byte per character, not two.
// biome-ignore lint/complexity/useRegexLiterals: Korean in a string, see above
const positionWord = new RegExp('^\\d+(?:자리|번째|st|nd|rd|th)?$');
// biome-ignore lint/complexity/useRegexLiterals: Korean in a string, see above
const sideWord = new RegExp('^(?:앞|뒤)\\d+자리$');
const keepWord = (w: string) => keepWords.has(w) || positionWord.test(w) || sideWord.test(w);
// biome-ignore lint/complexity/useRegexLiterals: Korean in a string, see above
const wordSeparators = new RegExp('[\\s.,:;/·\\-–—_]+');
// biome-ignore lint/complexity/useRegexLiterals: Korean in a string, see above
const networkWordAtEnd = new RegExp('(?:ip|mac|이메일|email|e-mail|웹|url|메일)\\s*$');
// biome-ignore lint/complexity/useRegexLiterals: Korean in a string, see above
const listSeparators = new RegExp('[,/·、;|]| 및 | 또는 | and | or ');
// Any of these anywhere in the comment: the column holds a mask, a hash, a token, not the data.
const notTheDataWords = ['마스킹', '마스크', '해시', '해쉬', '토큰', '일방향', 'masked', 'mask', 'hash', 'hashed', 'token', 'tokenized', 'digest'];
// Words before a soft term that make it a thing's: a merchant's phone, a branch's address, a product's name.
const thingWords = [
  '가맹점',
  '지점',
  '점포',
  '영업점',
  '상품',
  '회사',
  '법인',
  '사업장',
  '은행',
  '기관',
  '매장',
  '건물',
  '부서',
  '센터',
  '상점',
  '브랜드',
  '업체',
  '판매점',
  '대리점',
  '제휴사',
  '파일',
  '테이블',
  '서버',
  'merchant',
  'branch',
  'store',
  'shop',
  'product',
  'company',
  'bank',
  'building',
  'office',
  'server',
  'file',
  'table',
  'ip ',
  'mac ',
  'web',
  'url',
];
const kindOrder = nameSuffixes.map(([k]) => k);

/** The kind a comment segment names, when a term stands in it followed only by words that keep its meaning. */
function segmentKind(segment: string): PiiKind | undefined {
  for (const [kind, terms] of commentTerms) {
    for (const term of terms) {
      let at = segment.indexOf(term);
      while (at >= 0) {
        const before = segment.slice(0, at);
        const prev = before.charAt(before.length - 1);
        const next = segment.charAt(at + term.length);
        const english = /[a-z]/.test(term[0]!);
        // English terms stand as words; Korean compounds ("고객주민번호") may run on before the term.
        const bordered = !english || ((!prev || !/[a-z0-9]/.test(prev)) && (!next || !/[a-z0-9]/.test(next)));
        if (bordered) {
          const tail = segment
            .slice(at + term.length)
            .split(wordSeparators)
            .filter(Boolean);
          const soft = softKinds.has(kind);
          const thing = soft && thingWords.some((w) => before.includes(w));
          const networkAddress = kind === 'address' && networkWordAtEnd.test(before);
          if (tail.every(keepWord) && !thing && !networkAddress) return kind;
        }
        at = segment.indexOf(term, at + 1);
      }
    }
  }
  return undefined;
}

// Every term in one pattern: most comments name none, and one search says so.
const anyTerm = new RegExp(commentTerms.flatMap(([, terms]) => terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('|'));

function fromComment(comment: string): PiiKind | undefined {
  const lower = comment.toLowerCase();
  if (!anyTerm.test(lower)) return undefined;
  if (notTheDataWords.some((w) => lower.includes(w))) return undefined;
  const found: PiiKind[] = [];
  // Outside parentheses, each clause counts: "주민번호, 암호화 대상" names an RRN in its first clause.
  for (const clause of lower.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').split(/[,;]/)) {
    const k = segmentKind(clause.trim());
    if (k) found.push(k);
  }
  // A list in parentheses names each kind it holds: "개인정보(주민번호, 휴대폰번호)".
  for (const m of lower.matchAll(/[([]([^)\]]*)[)\]]/g)) {
    for (const item of m[1]!.split(listSeparators)) {
      const k = segmentKind(item.trim());
      if (k) found.push(k);
    }
  }
  if (!found.length) return undefined;
  // A kind the law wants encrypted wins (the most sensitive by the order of the name table); otherwise the
  // comment's own head: "연락처(휴대폰, 이메일)" is a phone number first.
  const sensitive = found.filter((k) => sensitiveKinds.has(k)).sort((a, b) => kindOrder.indexOf(a) - kindOrder.indexOf(b));
  return sensitive[0] ?? found[0];
}

/** Detects the kind of personal data a column holds from its name and comment. */
export function detectPii(name: string | undefined, comment: string | undefined): PiiKind | undefined {
  return (name ? fromName(name) : undefined) ?? (comment ? fromComment(comment) : undefined);
}

const cvcTerms = [
  'cvc',
  'cvv',
  'cvc2',
  'cvv2',
  'cvn',
  'card verification code',
  'card verification value',
  'card security code',
  'security code',
  '카드보안코드',
  '카드 보안코드',
  '보안코드',
  '카드인증코드',
  '카드 인증코드',
  '카드검증코드',
  'cvc번호',
  'cvc 번호',
  'cvv번호',
];

function cvcTokens(tokens: string[]): boolean {
  const found = knownEnding(tokens, cvcNames);
  return !!found && !tokens.slice(0, found.at).some((t) => notTheData.has(t));
}

// biome-ignore lint/complexity/useRegexLiterals: Korean in a string, see `positionWord`
const anyCvcTerm = new RegExp('cvc|cvv|cvn|verification|security code|보안코드|인증코드|검증코드', 'i');

/** Whether the column holds a card verification code (CVC2/CVV2), which must not be stored at all. */
export function detectCardSecurityCode(name: string | undefined, comment: string | undefined): boolean {
  if (name && cvcTokens(coreTokens(name))) return true;
  if (comment) {
    if (!anyCvcTerm.test(comment)) return false;
    const lower = comment.toLowerCase().replace(/\([^)]*\)/g, ' ');
    if (notTheDataWords.some((w) => lower.includes(w))) return false;
    for (const term of cvcTerms) {
      const at = lower.indexOf(term);
      if (at < 0) continue;
      const prev = lower.charAt(at - 1);
      const next = lower.charAt(at + term.length);
      if (/[a-z]/.test(term[0]!) && ((prev && /[a-z0-9]/.test(prev)) || (next && /[a-z0-9]/.test(next)))) continue;
      const tail = lower
        .slice(at + term.length)
        .split(wordSeparators)
        .filter(Boolean);
      if (tail.every(keepWord)) return true;
    }
  }
  return false;
}

export interface PiiDetection {
  kind: PiiKind | 'cvc';
  /** What gave it away: the target name, the Oracle `source` name, or the comment. */
  from: 'name' | 'source' | 'comment';
}

/** What a column holds by its target name, its Oracle source name and its comment; a CVC first, as it may not be stored at all. */
export function detectColumn(name: string | undefined, source: string | undefined, comment: string | undefined): PiiDetection | undefined {
  const nameTokens = name ? coreTokens(name) : undefined;
  const sourceTokens = source ? coreTokens(source.replace(/^"|"$/g, '')) : undefined;
  if (nameTokens && cvcTokens(nameTokens)) return { kind: 'cvc', from: 'name' };
  if (sourceTokens && cvcTokens(sourceTokens)) return { kind: 'cvc', from: 'source' };
  if (comment && detectCardSecurityCode(undefined, comment)) return { kind: 'cvc', from: 'comment' };
  const byName = nameTokens ? fromTokens(nameTokens) : undefined;
  if (byName) return { kind: byName, from: 'name' };
  const bySource = sourceTokens ? fromTokens(sourceTokens) : undefined;
  if (bySource) return { kind: bySource, from: 'source' };
  const byComment = comment ? fromComment(comment) : undefined;
  return byComment ? { kind: byComment, from: 'comment' } : undefined;
}
