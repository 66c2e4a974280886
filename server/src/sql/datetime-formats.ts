/**
 * Oracle datetime format models (`YYYY-MM-DD HH24:MI:SS`) in each engine's own specifiers, from one
 * table. The engines disagree where it matters: minutes are `%i` in Trino's `date_parse` and `%M` in
 * DuckDB's `strptime`, where Trino's `%M` is the month's name.
 *
 * Sources: Trino "Date and time functions", MySQL date functions
 * (https://trino.io/docs/current/functions/datetime.html#mysql-date-functions); DuckDB "Format
 * specifiers" (https://duckdb.org/docs/sql/functions/dateformat#format-specifiers).
 *
 * Two-digit years are neither engine's business: Trino's `%y` reads 1970-2069, DuckDB's 1969-2068,
 * Oracle's `YY` the current century and `RR` the century nearest today. They are expanded to four
 * digits in SQL (the same expression on both engines) before parsing, which needs the year's position,
 * so a format with a two-digit year must have a fixed width.
 */
import * as l10n from '@vscode/l10n';
import { SqlSafetyError, type Dialect } from './identifiers';

export interface FormatElement {
  /** The Oracle element, upper case. */
  oracle: string;
  /** What it reads, in the words both engines' documentation tables use. */
  meaning: string;
  trino: string;
  duckdb: string;
  /** Its width in characters when fixed. */
  width?: number;
}

/** Longest first: `MONTH` before `MON` before `MM`/`MI`, `HH24` before `HH`, `FF9` before `FF`. */
export const formatElements: FormatElement[] = [
  { oracle: 'YYYY', meaning: 'year, four digits', trino: '%Y', duckdb: '%Y', width: 4 },
  { oracle: 'RRRR', meaning: 'year, four digits', trino: '%Y', duckdb: '%Y', width: 4 },
  { oracle: 'MONTH', meaning: 'month name', trino: '%M', duckdb: '%B' },
  { oracle: 'MON', meaning: 'abbreviated month name', trino: '%b', duckdb: '%b', width: 3 },
  { oracle: 'HH24', meaning: 'hour (00-23)', trino: '%H', duckdb: '%H', width: 2 },
  { oracle: 'HH12', meaning: 'hour (01-12)', trino: '%h', duckdb: '%I', width: 2 },
  { oracle: 'DDD', meaning: 'day of year', trino: '%j', duckdb: '%j', width: 3 },
  ...[9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => ({ oracle: `FF${n}`, meaning: 'fraction of second', trino: '%f', duckdb: n > 6 ? '%n' : '%f', width: n })),
  { oracle: 'FF', meaning: 'fraction of second', trino: '%f', duckdb: '%f' },
  { oracle: 'YY', meaning: 'year, two digits', trino: '%Y', duckdb: '%Y', width: 2 },
  { oracle: 'RR', meaning: 'year, two digits', trino: '%Y', duckdb: '%Y', width: 2 },
  { oracle: 'MM', meaning: 'month (01-12)', trino: '%m', duckdb: '%m', width: 2 },
  { oracle: 'MI', meaning: 'minutes (00-59)', trino: '%i', duckdb: '%M', width: 2 },
  { oracle: 'DD', meaning: 'day of month (01-31)', trino: '%d', duckdb: '%d', width: 2 },
  { oracle: 'HH', meaning: 'hour (01-12)', trino: '%h', duckdb: '%I', width: 2 },
  { oracle: 'SS', meaning: 'seconds (00-59)', trino: '%s', duckdb: '%S', width: 2 },
  { oracle: 'AM', meaning: 'AM or PM', trino: '%p', duckdb: '%p', width: 2 },
  { oracle: 'PM', meaning: 'AM or PM', trino: '%p', duckdb: '%p', width: 2 },
];

/** Characters copied as they are (a separator in the extract). */
const separators = /[-/:., T]/;

export interface ConvertedFormat {
  pattern: string;
  /** The input's length when every element has a fixed width. */
  length?: number;
  /** A two-digit year: its 0-based position in the input and how its century is chosen. */
  twoDigitYear?: { at: number; rule: 'YY' | 'RR' };
}

/** Converts an Oracle datetime format to one engine's parse pattern. */
export function convertFormat(format: string, dialect: Dialect = 'duckdb'): ConvertedFormat {
  let rest = format.toUpperCase();
  let pattern = '';
  let length: number | undefined = 0;
  let twoDigitYear: ConvertedFormat['twoDigitYear'];
  let sawYear = false;
  while (rest.length) {
    const el = formatElements.find((e) => rest.startsWith(e.oracle));
    if (el) {
      if (el.meaning.startsWith('year')) {
        if (sawYear) throw new SqlSafetyError(l10n.t('The date format `{0}` has two year elements.', format));
        sawYear = true;
        if (el.oracle === 'YY' || el.oracle === 'RR') twoDigitYear = { at: length ?? -1, rule: el.oracle };
      }
      pattern += dialect === 'athena' ? el.trino : el.duckdb;
      length = length === undefined || el.width === undefined ? undefined : length + el.width;
      rest = rest.slice(el.oracle.length);
      continue;
    }
    const quoted = /^"([^"%]*)"/.exec(rest);
    if (quoted) {
      // Oracle's quoted text ("T"): copied as it is.
      pattern += quoted[1];
      if (length !== undefined) length += quoted[1]!.length;
      rest = rest.slice(quoted[0].length);
      continue;
    }
    const c = rest[0]!;
    if (!separators.test(c)) throw new SqlSafetyError(l10n.t("The date format `{0}` has an unknown element at '{1}'.", format, rest.slice(0, 6)));
    pattern += c;
    if (length !== undefined) length += 1;
    rest = rest.slice(1);
  }
  if (twoDigitYear && (length === undefined || twoDigitYear.at < 0)) {
    // Where the year's digits are is known only in a fixed-width format; guessing a century is not honest.
    throw new SqlSafetyError(
      l10n.t('The date format `{0}` has a two-digit year ({1}) in a format without a fixed width: use YYYY, or fixed-width elements (MM, DD, HH24, MI, SS, FF3 …).', format, twoDigitYear.rule),
    );
  }
  const out: ConvertedFormat = { pattern };
  if (length !== undefined) out.length = length;
  if (twoDigitYear) out.twoDigitYear = twoDigitYear;
  return out;
}

/**
 * The input with its two-digit year made four digits, as Oracle reads it (same SQL on both engines):
 * `YY` in the current century; `RR` in the century that puts the year nearest today (Oracle's rule:
 * in years xx00-xx49, 50-99 is the previous century; in xx50-xx99, 00-49 is the next).
 */
export function expandTwoDigitYear(e: string, at: number, rule: 'YY' | 'RR', today = new Date()): string {
  const year = today.getUTCFullYear();
  const century = Math.floor(year / 100);
  const digits = `substr(${e}, ${at + 1}, 2)`;
  let prefix: string;
  if (rule === 'YY') prefix = `'${century}'`;
  else if (year % 100 < 50) prefix = `CASE WHEN ${digits} < '50' THEN '${century}' ELSE '${century - 1}' END`;
  else prefix = `CASE WHEN ${digits} < '50' THEN '${century + 1}' ELSE '${century}' END`;
  const before = at > 0 ? `substr(${e}, 1, ${at}) || ` : '';
  return `(${before}${prefix} || substr(${e}, ${at + 1}))`;
}
