/**
 * Generated personal data for the value scan's tests and benchmark: resident, foreigner, card, phone,
 * account, passport and licence numbers with valid or deliberately wrong check digits, and clean values
 * that look like them (IDs, amounts, dates). Seeded, so a failing test fails the same way again.
 */
import { foreignerCheckDigit, luhn, rrnCheckDigit } from '../../server/src/privacy/validators';

/** A small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const digits = (r: Rand, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function birth(r: Rand, from: number, to: number): { yymmdd: string; year: number } {
  const year = from + Math.floor(r() * (to - from + 1));
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  return { yymmdd: `${pad(year % 100)}${pad(month)}${pad(day)}`, year };
}

/** A resident registration number `YYMMDD-SNNNNNC`, born 1950-2019, with a right (or wrong) check digit. */
export function rrn(r: Rand, valid = true, hyphen = true): string {
  const b = birth(r, 1950, 2019);
  const sex = b.year >= 2000 ? pick(r, [3, 4]) : pick(r, [1, 2]);
  const first12 = `${b.yymmdd}${sex}${digits(r, 5)}`;
  const c = rrnCheckDigit(first12);
  const last = valid ? c : (c + 1 + Math.floor(r() * 9)) % 10;
  return hyphen ? `${first12.slice(0, 6)}-${first12.slice(6)}${last}` : `${first12}${last}`;
}

/** An RRN issued after the October 2020 change: born then, random last digits, no check digit. */
export function rrnAfter2020(r: Rand): string {
  const month = 10 + Math.floor(r() * 3);
  const yymmdd = `20${pad(month)}${pad(1 + Math.floor(r() * 28))}`;
  return `${yymmdd}-${pick(r, [3, 4])}${digits(r, 6)}`;
}

/** A foreigner registration number (sex digit 5-8), with a right or wrong check digit. */
export function foreignerNumber(r: Rand, valid = true): string {
  const b = birth(r, 1950, 2019);
  const sex = b.year >= 2000 ? pick(r, [7, 8]) : pick(r, [5, 6]);
  const first12 = `${b.yymmdd}${sex}${digits(r, 5)}`;
  const c = foreignerCheckDigit(first12);
  // A wrong digit must fail both accepted rules.
  let last = c;
  if (!valid) while (last === c || last === rrnCheckDigit(first12)) last = Math.floor(r() * 10);
  return `${first12.slice(0, 6)}-${first12.slice(6)}${last}`;
}

/** A card number of a known issuer, Luhn right or wrong, written in groups of four or bare. */
export function cardNumber(r: Rand, valid = true, written: 'groups' | 'bare' = 'groups'): string {
  const prefix = pick(r, ['4', '51', '52', '55', '9410', '3528', '62']);
  let body = prefix + digits(r, 15 - prefix.length);
  let check = 0;
  while (!luhn(body + check)) check++;
  if (!valid) check = (check + 1 + Math.floor(r() * 9)) % 10;
  body += check;
  return written === 'groups' ? body.replace(/(\d{4})(?=\d)/g, '$1-') : body;
}

export function mobile(r: Rand): string {
  return `010-${1 + Math.floor(r() * 9)}${digits(r, 3)}-${digits(r, 4)}`;
}

export function landline(r: Rand): string {
  const area = pick(r, ['02', '031', '051', '062', '064']);
  return `${area}-${2 + Math.floor(r() * 7)}${digits(r, 2)}-${digits(r, 4)}`;
}

/** A bank account in one of the banks' layouts (KB 6-2-6, Shinhan 3-3-6, Woori 4-3-6, Kakao 4-2-7). */
export function account(r: Rand): string {
  const layout = pick(r, [
    [6, 2, 6],
    [3, 3, 6],
    [4, 3, 6],
    [4, 2, 7],
  ]);
  return layout.map((n) => digits(r, n)).join('-');
}

export function email(r: Rand): string {
  const name = `${pick(r, ['kim', 'lee', 'park', 'choi', 'jung'])}${digits(r, 3)}`;
  return `${name}@${pick(r, ['naver.com', 'gmail.com', 'daum.net', 'kakao.com'])}`;
}

export function passport(r: Rand): string {
  return r() < 0.5 ? `M${digits(r, 8)}` : `M${digits(r, 3)}${pick(r, ['A', 'B', 'C'])}${digits(r, 4)}`;
}

export function driverLicence(r: Rand): string {
  return `${pick(r, ['11', '12', '13', '21', '28'])}-${digits(r, 2)}-${digits(r, 6)}-${digits(r, 2)}`;
}

/** Clean values that look like numbers: customer IDs, amounts, dates, codes, merchant names. */
export function cleanValue(r: Rand, kind: 'id13' | 'id16' | 'amount' | 'date' | 'code' | 'memo'): string {
  switch (kind) {
    case 'id13':
      return `1${digits(r, 12)}`;
    case 'id16':
      return `8${digits(r, 15)}`;
    case 'amount':
      return String(Math.floor(r() * 10_000_000));
    case 'date':
      return `20${pad(10 + Math.floor(r() * 15))}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
    case 'code':
      return pick(r, ['A1', 'B2', 'C3', 'Z9']);
    case 'memo':
      return pick(r, ['정상 승인', '한도 초과로 거절', '고객 요청으로 취소 2024-01-31', '분할 3개월 처리', 'approved at 10:32, ref 20240131103200']);
  }
}
