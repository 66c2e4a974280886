/**
 * Text to a date or timestamp in Oracle SQL that never raises an error, as TRY_CAST and try(date_parse)
 * do on the engines: NULL for text that does not match. Oracle's own answer, DEFAULT NULL ON CONVERSION
 * ERROR, is 12.2 and later and unknown to PL/SQL parsers older than it; so the text is checked first,
 * against a regular expression made from the same format model (oracle/datetime-formats.ts elements),
 * every field's range (month 1-12, the day within its month, hour, minute, second), and only then read by
 * TO_DATE / TO_TIMESTAMP with that format, which can then no longer fail.
 */
import { formatElements } from './datetime-formats';
import { literal } from './identifiers';

const monthNames = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];
// Outside a bracket only these are special in Oracle's (POSIX) regular expressions; `-`, `/`, `:` are plain.
const escapeRegex = (s: string) => s.replace(/[.\\+*?^$()[\]{}|]/g, (c) => `\\${c}`);

type Field = 'year4' | 'year2' | 'month' | 'monthName' | 'monthAbbr' | 'day' | 'dayOfYear' | 'hour24' | 'hour12' | 'minute' | 'second' | 'fraction' | 'ampm';

const fieldOf: Record<string, Field> = {
  YYYY: 'year4',
  RRRR: 'year4',
  YY: 'year2',
  RR: 'year2',
  MONTH: 'monthName',
  MON: 'monthAbbr',
  MM: 'month',
  DD: 'day',
  DDD: 'dayOfYear',
  HH24: 'hour24',
  HH12: 'hour12',
  HH: 'hour12',
  MI: 'minute',
  SS: 'second',
  AM: 'ampm',
  PM: 'ampm',
};

/** The format as a regular expression with one group per field; numeric fields exactly their width when `fixed`. */
function pattern(format: string, fixed: boolean): { regex: string; groups: Partial<Record<Field, number>> } {
  let rest = format.toUpperCase();
  let regex = '';
  const groups: Partial<Record<Field, number>> = {};
  let n = 0;
  while (rest.length) {
    const el = formatElements.find((e) => rest.startsWith(e.oracle));
    if (el) {
      const field: Field = el.oracle.startsWith('FF') ? 'fraction' : fieldOf[el.oracle]!;
      groups[field] = ++n;
      if (field === 'monthName') regex += `(${monthNames.join('|')})`;
      else if (field === 'monthAbbr') regex += `(${monthNames.map((m) => m.slice(0, 3)).join('|')})`;
      else if (field === 'ampm') regex += '(AM|PM)';
      else if (field === 'fraction') regex += el.width ? `([0-9]{${el.width}})` : '([0-9]{1,9})';
      else regex += fixed ? `([0-9]{${el.width}})` : `([0-9]{1,${el.width}})`;
      rest = rest.slice(el.oracle.length);
      continue;
    }
    const quoted = /^"([^"]*)"/.exec(rest);
    if (quoted) {
      regex += escapeRegex(quoted[1]!);
      rest = rest.slice(quoted[0].length);
      continue;
    }
    regex += escapeRegex(rest[0]!);
    rest = rest.slice(1);
  }
  return { regex: `^${regex}$`, groups };
}

/**
 * `e` (text) read with the Oracle format `format` as a DATE (`date`: the day, time cut) or a TIMESTAMP(3),
 * NULL when it does not match. `fixed`: the format has a fixed width (its numeric fields are exactly their width).
 * Two-digit years are checked for 29 February as years of 2000-2099.
 */
export function safeOracleDate(e: string, format: string, to: 'date' | 'timestamp', fixed: boolean): string {
  const { regex, groups } = pattern(format, fixed);
  const re = literal(regex);
  const part = (f: Field) => `REGEXP_SUBSTR(${e}, ${re}, 1, 1, 'i', ${groups[f]})`;
  const num = (f: Field) => `TO_NUMBER(${part(f)})`;
  const checks = [`REGEXP_LIKE(${e}, ${re}, 'i')`];
  const month = groups.month
    ? num('month')
    : groups.monthName || groups.monthAbbr
      ? `(INSTR('JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC', UPPER(SUBSTR(${part(groups.monthName ? 'monthName' : 'monthAbbr')}, 1, 3))) + 2) / 3`
      : '1';
  const year = groups.year4 ? num('year4') : groups.year2 ? `(2000 + ${num('year2')})` : 'EXTRACT(YEAR FROM SYSDATE)';
  if (groups.year4) checks.push(`${num('year4')} >= 1`);
  if (groups.month) checks.push(`${num('month')} BETWEEN 1 AND 12`);
  // The month's last day, from a date built of fields already checked (year 1-9999, month 1-12).
  const lastDay = `EXTRACT(DAY FROM LAST_DAY(TO_DATE(LPAD(TO_CHAR(${year}), 4, '0') || LPAD(TO_CHAR(${month}), 2, '0') || '01', 'YYYYMMDD')))`;
  if (groups.day) checks.push(`${num('day')} BETWEEN 1 AND ${lastDay}`);
  if (groups.dayOfYear)
    checks.push(`${num('dayOfYear')} BETWEEN 1 AND (TO_DATE(LPAD(TO_CHAR(${year}), 4, '0') || '1231', 'YYYYMMDD') - TO_DATE(LPAD(TO_CHAR(${year}), 4, '0') || '0101', 'YYYYMMDD') + 1)`);
  if (groups.hour24) checks.push(`${num('hour24')} <= 23`);
  if (groups.hour12) checks.push(`${num('hour12')} BETWEEN 1 AND 12`);
  if (groups.minute) checks.push(`${num('minute')} <= 59`);
  if (groups.second) checks.push(`${num('second')} <= 59`);
  const nls = `'NLS_DATE_LANGUAGE=AMERICAN'`;
  // TO_DATE takes no fraction of a second (FF): such a text is read as a timestamp, then cut to the day.
  const timestamp = `TO_TIMESTAMP(${e}, ${literal(format)}, ${nls})`;
  const read = to === 'timestamp' ? `CAST(${timestamp} AS TIMESTAMP(3))` : groups.fraction ? `TRUNC(CAST(${timestamp} AS DATE))` : `TRUNC(TO_DATE(${e}, ${literal(format)}, ${nls}))`;
  return `CASE WHEN ${checks.join(' AND ')} THEN ${read} END`;
}

/** Text as the engines' CAST to a date or timestamp reads it: `YYYY-MM-DD`, optionally with the time (to the millisecond). */
export function safeOracleIsoDate(e: string, to: 'date' | 'timestamp'): string {
  const forms: [number, string][] = [
    [10, 'YYYY-MM-DD'],
    [19, 'YYYY-MM-DD HH24:MI:SS'],
    [23, 'YYYY-MM-DD HH24:MI:SS.FF3'],
  ];
  return `CASE ${forms.map(([n, f]) => `WHEN LENGTH(${e}) = ${n} THEN ${safeOracleDate(e, f, to, true)}`).join(' ')} END`;
}
