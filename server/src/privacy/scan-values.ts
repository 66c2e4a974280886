/**
 * Personal data in a column's values: each sampled value is read as a whole (a column of card numbers)
 * and, when it is free text, searched for numbers written inside it (a memo that quotes an RRN).
 * Validators decide, not patterns alone (see validators.ts). What comes out holds counts and one masked
 * example per kind: never a value as it was.
 */
import { businessNumberDigits, cardDigits, checkDriverLicence, checkEmail, checkPassport, foreignerVerdict, isAccountLayout, landlineDigits, mobileDigits, rrnVerdict } from './validators';

export type ValueKind = 'rrn' | 'alien_reg' | 'card_no' | 'phone' | 'account_no' | 'email' | 'passport' | 'driver_license';

export interface ValueFinding {
  kind: ValueKind;
  /** Sampled values that hold this kind and pass its validator. */
  matched: number;
  /** Values whose structure fits but whose check digit fails: numbers issued or changed after October 2020. */
  unverified: number;
  /** Whether the value is the number itself, or free text that contains it. */
  within: 'value' | 'text';
  /** One example, masked: the first characters and the separators stay, everything else is `*`. */
  example: string;
}

export interface ColumnScan {
  sampled: number;
  /** Sampled values that are not NULL or blank. */
  nonEmpty: number;
  findings: ValueFinding[];
}

export interface ScanOptions {
  /** Share of non-empty values that must hold a kind for the column to be said to hold it (default 0.5). */
  minShare?: number;
  /** NULLs sampled but not passed in `values` (a packed sample leaves them out). */
  nulls?: number;
}

interface Hit {
  kind: ValueKind;
  verdict: 'valid' | 'unverified';
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const hasText = /[\sA-Za-z\u3131-\uD79D]/;
const fourDigits = /\d{4}/;
const cardGroups = /^\d{4}([- ])(?:\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{6}\1\d{4,5})$/;

// The digits of the value being classified: one buffer, reused (a scan reads millions of values).
const buf = new Uint8Array(24);
// Lengths of the digit groups between separators, for account layouts (`6-2-6`).
const groups: number[] = [];

/** What one trimmed value is, as a whole; undefined when it is none of the kinds. */
export function classifyValue(v: string): Hit | undefined {
  const n = v.length;
  if (n < 6 || n > 254) return undefined;
  const first = v.charCodeAt(0);
  if (isDigit(first) || first === 43 /* + */ || first === 40 /* ( */) {
    // Digits and separators only: the digits into the buffer, the separators counted.
    let len = 0;
    let hyphens = 0;
    let spaces = 0;
    let others = 0;
    let group = 0;
    groups.length = 0;
    for (let i = first === 43 ? 1 : 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (isDigit(c)) {
        if (len === 24) return undefined;
        buf[len++] = c - 48;
        group++;
        continue;
      }
      if (c === 45) hyphens++;
      else if (c === 32) spaces++;
      else if (c === 46 || c === 40 || c === 41)
        others++; // . ( ) are phone writings too
      else return undefined;
      if (group) groups.push(group);
      group = 0;
    }
    if (group) groups.push(group);
    if (len < 9 || len > 19) return undefined;
    // +82 10-1234-5678: the country code stands for the leading 0 (only with the +: 82… is any number).
    if (first === 43) {
      if (buf[0] !== 8 || buf[1] !== 2) return undefined;
      buf.copyWithin(1, 2, len);
      buf[0] = 0;
      len--;
    }
    if (len === 13 && (hyphens + spaces + others === 0 || (hyphens === 1 && spaces + others === 0 && v[6] === '-'))) {
      const r = rrnVerdict(buf, len);
      if (r) return { kind: 'rrn', verdict: r };
      const f = foreignerVerdict(buf, len);
      if (f) return { kind: 'alien_reg', verdict: f };
    }
    // Card numbers are written bare or in groups of four (American Express 4-6-5).
    if (len >= 13 && (hyphens + spaces + others === 0 || cardGroups.test(v)) && cardDigits(buf, len)) return { kind: 'card_no', verdict: 'valid' };
    if (len <= 12 && (mobileDigits(buf, len) || landlineDigits(buf, len))) return { kind: 'phone', verdict: 'valid' };
    if (hyphens >= 2 && spaces + others === 0) {
      if (checkDriverLicence(v)) return { kind: 'driver_license', verdict: 'valid' };
      if (groups.length <= 4 && isAccountLayout(groups.join('-')) && !businessNumberDigits(buf, len)) return { kind: 'account_no', verdict: 'valid' };
    }
    return undefined;
  }
  if (n === 9 && first >= 65 && first <= 90 && checkPassport(v)) return { kind: 'passport', verdict: 'valid' };
  if (v.indexOf('@') > 0 && checkEmail(v)) return { kind: 'email', verdict: 'valid' };
  return undefined;
}

// Candidates inside free text: e-mail addresses, runs of digits and hyphens, card numbers in groups of
// four with spaces, passport numbers. Each is then classified as a whole value.
const candidates =
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}|(?<![\dA-Za-z-])\d{4}(?: \d{4}){3}(?: \d{1,3})?(?![\dA-Za-z-])|(?<![\dA-Za-z+-])\+?\d[\d-]{7,22}\d(?![\dA-Za-z-])|(?<![A-Za-z0-9])[MSRODGT](?:\d{8}|\d{3}[A-Z]\d{4})(?![A-Za-z0-9])/g;

/**
 * The kinds written inside free text. Text quotes many other numbers (references, approval numbers), so
 * only the written forms count there: an RRN with its hyphen, a card number in groups; a bare run of 13
 * or 16 digits in a memo is more often a reference, and 0.3 % of them would pass the RRN check by chance.
 */
function textHits(v: string, found: (hit: Hit, written: string) => void): void {
  candidates.lastIndex = 0;
  for (let m = candidates.exec(v); m; m = candidates.exec(v)) {
    const written = m[0];
    const hit = classifyValue(written);
    if (!hit) continue;
    if ((hit.kind === 'rrn' || hit.kind === 'alien_reg') && written.indexOf('-') < 0) continue;
    if (hit.kind === 'card_no' && !/[- ]/.test(written)) continue;
    found(hit, written);
  }
}

/** Masks a value for a report: keeps the first `keep` letters or digits and every separator. */
export function maskValue(written: string, kind: ValueKind): string {
  if (kind === 'email') {
    const at = written.lastIndexOf('@');
    const local = written.slice(0, at);
    const labels = written.slice(at + 1).split('.');
    const hide = (s: string) => (s.length ? s[0] + '*'.repeat(s.length - 1) : s);
    return `${hide(local)}@${labels.map((l, i) => (i === labels.length - 1 ? l : hide(l))).join('.')}`;
  }
  const keep = kind === 'card_no' ? 4 : kind === 'phone' ? 3 : kind === 'passport' ? 1 : 2;
  let kept = 0;
  let out = '';
  for (const ch of written) {
    if (/[A-Za-z0-9]/.test(ch)) out += kept++ < keep ? ch : '*';
    else out += ch;
  }
  return out;
}

/** Scans a column's sampled values; `values` may be anything a driver returns (numbers, NULLs). */
export function scanValues(values: Iterable<unknown>, options: ScanOptions = {}): ColumnScan {
  const minShare = options.minShare ?? 0.5;
  let sampled = options.nulls ?? 0;
  let nonEmpty = 0;
  let textual = 0;
  const whole = new Map<ValueKind, { matched: number; unverified: number; example: string }>();
  const inText = new Map<ValueKind, { matched: number; unverified: number; example: string }>();
  const count = (map: typeof whole, hit: Hit, written: string) => {
    let f = map.get(hit.kind);
    if (!f) map.set(hit.kind, (f = { matched: 0, unverified: 0, example: '' }));
    if (hit.verdict === 'valid') {
      f.matched++;
      if (!f.example) f.example = maskValue(written, hit.kind);
    } else f.unverified++;
  };
  for (const raw of values) {
    sampled++;
    if (raw === null || raw === undefined) continue;
    const v = (typeof raw === 'string' ? raw : String(raw)).trim();
    if (!v) continue;
    nonEmpty++;
    const hit = classifyValue(v);
    if (hit) {
      count(whole, hit, v);
      if (hasText.test(v)) textual++;
      continue;
    }
    // Free text (letters or blanks in it): search it where a number or an address could be written.
    if (!hasText.test(v)) continue;
    textual++;
    if (v.length >= 9 && (v.indexOf('@') >= 0 || fourDigits.test(v))) textHits(v, (h, w) => count(inText, h, w));
  }
  const findings: ValueFinding[] = [];
  const fits = (f: { matched: number; unverified: number }) => f.matched + f.unverified;
  const personal = [...whole.values()].reduce((n, f) => n + fits(f), 0);
  // A free-text column (memos, remarks): a value that is a number by itself counts as written in the text.
  const freeText = textual / Math.max(1, nonEmpty) >= 0.5;
  for (const [kind, f] of whole) {
    // A column holds a kind when most of its values are one (or most are personal data of several kinds,
    // this one a fair part of them); the check digit must hold for most of them (numbers issued after
    // October 2020 pass by their date). A few accidental matches among IDs are not a finding.
    const share = fits(f) / nonEmpty;
    if ((share >= minShare || (personal / nonEmpty >= minShare && share >= 0.05)) && f.matched >= f.unverified) {
      findings.push({ kind, matched: f.matched, unverified: f.unverified, within: 'value', example: f.example });
    } else if (freeText && f.matched > 0) {
      const t = inText.get(kind);
      if (t) {
        t.matched += f.matched;
        t.unverified += f.unverified;
        t.example ||= f.example;
      } else inText.set(kind, { ...f });
    }
  }
  for (const [kind, f] of inText) {
    if (f.matched > 0) findings.push({ kind, matched: f.matched, unverified: f.unverified, within: 'text', example: f.example });
  }
  return { sampled, nonEmpty, findings: findings.sort((a, b) => b.matched - a.matched) };
}
