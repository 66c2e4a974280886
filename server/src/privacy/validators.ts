/**
 * Validators for Korean personal data in values: structure and check digits, not patterns alone.
 * Each takes the bare characters (digits, or letters and digits) with separators already removed.
 *
 * Sources: Presidio's Korean recognisers and Microsoft Purview's "South Korea resident registration
 * number" entity (RRN check digit, weights 2…9,2…5); the Ministry of the Interior's October 2020 change
 * (numbers issued from then on end in random digits after the sex digit, so a failed check digit means
 * "unknown", not "not an RRN"); ISO/IEC 7812 (Luhn, issuer identification numbers).
 */

const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The validators work on a buffer of digit values (0-9) and its length, which the scanner fills while it
 * reads a value: no string is built for the millions of values a scan reads. `digitsOf` makes one.
 */
export type Digits = Uint8Array;

/** The digits of a string of digits, for the string forms below. */
export function digitsOf(s: string): Digits {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) - 48;
  return b;
}

/** The birth date YYYYMMDD as a number when YYMMDD is a real calendar date in the sex digit's century. */
function birthDate(b: Digits, sexDigit: number): number | undefined {
  const century = sexDigit === 9 || sexDigit === 0 ? 1800 : sexDigit === 1 || sexDigit === 2 || sexDigit === 5 || sexDigit === 6 ? 1900 : 2000;
  const year = century + b[0]! * 10 + b[1]!;
  const month = b[2]! * 10 + b[3]!;
  const day = b[4]! * 10 + b[5]!;
  if (month < 1 || month > 12 || day < 1 || day > daysIn[month - 1]!) return undefined;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  return year * 10000 + month * 100 + day;
}

// Today as YYYYMMDD, read when the module loads: a birth date after it is no birth date.
const now = new Date();
const today = now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();

const rrnWeights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

function weightedSum(b: Digits): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += b[i]! * rrnWeights[i]!;
  return sum;
}

/** The RRN check digit of the first 12 digits: (11 − Σ wᵢdᵢ mod 11) mod 10. */
export function rrnCheckDigit(first12: string): number {
  return (11 - (weightedSum(digitsOf(first12)) % 11)) % 10;
}

/** The foreigner registration number check digit (before October 2020): (13 − Σ wᵢdᵢ mod 11) mod 10. */
export function foreignerCheckDigit(first12: string): number {
  return (13 - (weightedSum(digitsOf(first12)) % 11)) % 10;
}

// Issued from 2020-10-01: the digits after the sex digit are random, there is no check digit to test.
const randomFrom = 20201001;

export type IdVerdict = 'valid' | 'unverified' | undefined;

/** {@link checkRrn} on a digit buffer. */
export function rrnVerdict(b: Digits, n: number): IdVerdict {
  if (n !== 13) return undefined;
  const sex = b[6]!;
  if (!(sex >= 1 && sex <= 4) && sex !== 9 && sex !== 0) return undefined;
  const born = birthDate(b, sex);
  if (!born || born > today) return undefined;
  if (born >= randomFrom) return 'valid';
  return (11 - (weightedSum(b) % 11)) % 10 === b[12] ? 'valid' : 'unverified';
}

/**
 * A resident registration number (13 digits, sex digit 1-4 or 9/0): `valid` when the date is real and the
 * check digit holds (or the person was born after the October 2020 change, when there is none);
 * `unverified` when only the check digit fails: a number issued or changed after that date.
 */
export function checkRrn(d: string): IdVerdict {
  return /^\d{13}$/.test(d) ? rrnVerdict(digitsOf(d), 13) : undefined;
}

/** {@link checkForeignerNumber} on a digit buffer. */
export function foreignerVerdict(b: Digits, n: number): IdVerdict {
  if (n !== 13) return undefined;
  const sex = b[6]!;
  if (sex < 5 || sex > 8) return undefined;
  const born = birthDate(b, sex);
  if (!born || born > today) return undefined;
  if (born >= randomFrom) return 'valid';
  const sum = weightedSum(b);
  const c = b[12];
  // Offices issued numbers under either rule over the years; both are accepted.
  return (13 - (sum % 11)) % 10 === c || (11 - (sum % 11)) % 10 === c ? 'valid' : 'unverified';
}

/** A foreigner registration number: as an RRN, with sex digit 5-8 and its own check digit rule. */
export function checkForeignerNumber(d: string): IdVerdict {
  return /^\d{13}$/.test(d) ? foreignerVerdict(digitsOf(d), 13) : undefined;
}

function luhnDigits(b: Digits, n: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = n - 1; i >= 0; i--) {
    let x = b[i]!;
    if (double) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The Luhn check (ISO/IEC 7812-1) over a string of digits. */
export function luhn(d: string): boolean {
  return luhnDigits(digitsOf(d), d.length);
}

/** The card network an issuer prefix belongs to, when the length fits it; undefined for none. */
function issuerOf(b: Digits, n: number): string | undefined {
  const p2 = b[0]! * 10 + b[1]!;
  switch (b[0]) {
    case 4:
      return n === 13 || n === 16 || n === 19 ? 'Visa' : undefined;
    case 5:
      return p2 >= 51 && p2 <= 55 && n === 16 ? 'Mastercard' : undefined;
    case 2: {
      const p4 = p2 * 100 + b[2]! * 10 + b[3]!;
      return p4 >= 2221 && p4 <= 2720 && n === 16 ? 'Mastercard' : undefined;
    }
    case 3: {
      if ((p2 === 34 || p2 === 37) && n === 15) return 'American Express';
      const p4 = p2 * 100 + b[2]! * 10 + b[3]!;
      if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'JCB';
      if ((p2 === 36 || p2 === 38 || (p4 >= 3000 && p4 <= 3059)) && n >= 14 && n <= 19) return 'Diners Club';
      return undefined;
    }
    case 6: {
      const p4 = p2 * 100 + b[2]! * 10 + b[3]!;
      if (p2 === 62 && n >= 16 && n <= 19) return 'UnionPay';
      if ((p4 === 6011 || p2 === 65 || (p4 >= 6440 && p4 <= 6499)) && n >= 16 && n <= 19) return 'Discover';
      return undefined;
    }
    case 9:
      // Korean domestic-only cards (국내전용, BC and the card companies' own brands) start with 9.
      return n === 16 ? 'domestic' : undefined;
    default:
      return undefined;
  }
}

/** The card network an issuer prefix belongs to, when the length fits it; undefined for none. */
export function cardIssuer(d: string): string | undefined {
  return /^\d+$/.test(d) && d.length >= 4 ? issuerOf(digitsOf(d), d.length) : undefined;
}

/** {@link checkCardNumber} on a digit buffer. */
export function cardDigits(b: Digits, n: number): boolean {
  return n >= 13 && n <= 19 && issuerOf(b, n) !== undefined && luhnDigits(b, n);
}

/** A card number: 13 to 19 digits passing Luhn with a known issuer prefix. */
export function checkCardNumber(d: string): boolean {
  return /^\d+$/.test(d) && cardDigits(digitsOf(d), d.length);
}

/** {@link checkMobile} on a digit buffer. */
export function mobileDigits(b: Digits, n: number): boolean {
  if ((n !== 10 && n !== 11) || b[0] !== 0 || b[1] !== 1) return false;
  const c = b[2];
  if (c === 0) return n === 11 && b[3] !== 0;
  return (c === 1 || c === 6 || c === 7 || c === 8 || c === 9) && b[3] !== 0;
}

/** A Korean mobile number, 01[016789] then 7 or 8 digits (010 always 8); a `+82` prefix is the caller's to turn into `0`. */
export function checkMobile(d: string): boolean {
  return /^\d+$/.test(d) && mobileDigits(digitsOf(d), d.length);
}

/** {@link checkLandline} on a digit buffer. */
export function landlineDigits(b: Digits, n: number): boolean {
  if (b[0] !== 0) return false;
  let area: number;
  if (b[1] === 2) area = 2;
  else {
    const code = b[1]! * 10 + b[2]!;
    if (!((code >= 31 && code <= 33) || (code >= 41 && code <= 44) || (code >= 51 && code <= 55) || (code >= 61 && code <= 64) || code === 70)) return false;
    area = 3;
  }
  const rest = n - area;
  if (rest !== 7 && rest !== 8) return false;
  // Exchanges (국번) do not start with 0 or 1.
  return b[area]! > 1;
}

/** A Korean landline: an area code (02, 031-033, 041-044, 051-055, 061-064, 070), an exchange of 3 or 4 digits (not starting with 0 or 1) and 4 digits. */
export function checkLandline(d: string): boolean {
  return /^\d+$/.test(d) && landlineDigits(digitsOf(d), d.length);
}

/**
 * Korean bank account formats by the groups of digits between hyphens (the banks' published layouts):
 * without the hyphens an account number is any 10-14 digits, which IDs and amounts also are, so only
 * the written form is recognised.
 */
const accountLayouts = new Set([
  '6-2-6', // 국민 (KB), 농협 (old)
  '3-2-6', // 신한 (old), 국민 (old)
  '3-3-6', // 신한
  '4-3-6', // 우리
  '3-6-5', // 하나
  '3-4-4-2', // 농협
  '3-6-2-3', // 기업 (IBK)
  '3-2-5', // 기업 (old), SC제일 (old)
  '3-2-6-1', // 부산
  '3-3-5-2', // 대구 (iM)
  '4-2-7', // 카카오뱅크
  '4-4-4', // 토스뱅크
  '3-3-7', // 케이뱅크 (old)
  '3-2-4-1', // 씨티 (old)
  '2-2-6', // 우체국 (old)
  '6-2-7', // 우체국
  '3-4-6', // 수협, 새마을금고
  '4-2-6', // 새마을금고
]);

/**
 * A business registration number (사업자등록번호, `123-45-67890`): a company's, not a person's. Its
 * check digit: Σ of digits 1-9 weighted 1,3,7,1,3,7,1,3,5, plus ⌊(5 × 9th digit) / 10⌋, and the 10th
 * digit makes the total a multiple of 10 (National Tax Service). It shares the 3-2-5 layout with old
 * IBK and SC accounts: one that passes this check is not taken for an account.
 */
export function businessNumberDigits(b: Digits, n: number): boolean {
  if (n !== 10) return false;
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += b[i]! * w[i]!;
  sum += Math.floor((b[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === b[9];
}

/** Whether the lengths of the digit groups between hyphens (`6-2-6`) are a Korean bank's account layout. */
export function isAccountLayout(layout: string): boolean {
  return accountLayouts.has(layout);
}

/** A bank account number written with hyphens in one of the Korean banks' layouts. */
export function checkAccountLayout(written: string): boolean {
  if (!/^\d+(?:-\d+){2,3}$/.test(written)) return false;
  return accountLayouts.has(
    written
      .split('-')
      .map((g) => g.length)
      .join('-'),
  );
}

/** A Korean passport number: a type letter and 8 digits, or (from December 2021) letter, 3 digits, letter, 4 digits. */
export function checkPassport(s: string): boolean {
  if (s.length !== 9) return false;
  const t = s[0]!;
  if (t !== 'M' && t !== 'S' && t !== 'R' && t !== 'O' && t !== 'D' && t !== 'G' && t !== 'T') return false;
  return /^[A-Z](?:\d{8}|\d{3}[A-Z]\d{4})$/.test(s);
}

/**
 * A Korean driver's licence number as written: region (11-28), year (2 digits), serial (6), check (2),
 * `11-17-123456-12`. Twelve bare digits are any ID as well, so only the written form counts.
 */
export function checkDriverLicence(written: string): boolean {
  if (written.length !== 15 || written[2] !== '-' || written[5] !== '-' || written[12] !== '-') return false;
  const d = written.slice(0, 2) + written.slice(3, 5) + written.slice(6, 12) + written.slice(13);
  if (!/^\d{12}$/.test(d)) return false;
  const region = Number(d.slice(0, 2));
  return region >= 11 && region <= 28 && region !== 27;
}

// RFC 5321/5322 in the form people write: a dot-atom local part, a domain of labels and a letter TLD.
const emailPattern = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

/** An e-mail address. */
export function checkEmail(s: string): boolean {
  return s.length <= 254 && s.indexOf('@') > 0 && emailPattern.test(s) && !s.includes('..');
}
