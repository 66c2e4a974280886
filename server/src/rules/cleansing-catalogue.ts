/**
 * The cleansing rules: which values each applies to, what it turns them into, and what it does.
 * A rule runs on the value as it is at that point of the list: a mart column starts as a string,
 * `to_number` turns it into a number, and string rules after that no longer apply.
 */
import * as l10n from '@vscode/l10n';
import { convertFormat, formatElements as formatTable } from '../sql/datetime-formats';
import { SqlSafetyError } from '../sql/identifiers';

export type ValueKind = 'string' | 'number' | 'date' | 'timestamp' | 'binary' | 'boolean' | 'other';

export interface CleansingRule {
  name: string;
  /** What the value must be for the rule to apply; `any` for all. */
  input: 'string' | 'any';
  /** What the value becomes; `same` keeps the kind. */
  output: ValueKind | 'same';
  /** The argument: none, a list of values, one value, or an Oracle date format. */
  argument: 'none' | 'values' | 'value' | 'format';
  /** What the rule does, in the server's language. */
  summary: () => string;
  example: string;
}

export const cleansingRules: readonly CleansingRule[] = [
  { name: 'trim', input: 'string', output: 'same', argument: 'none', summary: () => l10n.t('Removes blanks at both ends (CHAR padding, stray spaces).'), example: "'  KIM  ' → 'KIM'" },
  {
    name: 'rtrim',
    input: 'string',
    output: 'same',
    argument: 'none',
    summary: () => l10n.t('Removes trailing blanks: the padding of Oracle CHAR columns, which breaks equality filters in Athena.'),
    example: "'A1   ' → 'A1'",
  },
  { name: 'ltrim', input: 'string', output: 'same', argument: 'none', summary: () => l10n.t('Removes leading blanks.'), example: "'  01' → '01'" },
  {
    name: 'empty_to_null',
    input: 'string',
    output: 'same',
    argument: 'none',
    summary: () => l10n.t("Turns '' into NULL (Oracle stores '' as NULL; extracts often write it as an empty field)."),
    example: "'' → NULL",
  },
  {
    name: 'remove_control_chars',
    input: 'string',
    output: 'same',
    argument: 'none',
    summary: () => l10n.t('Removes \\n, \\r, \\t and \\x01, which break delimited extracts (as Sqoop --hive-drop-import-delims does).'),
    example: "'A\\nB' → 'AB'",
  },
  { name: 'upper', input: 'string', output: 'same', argument: 'none', summary: () => l10n.t('Upper-cases the text.'), example: "'kim' → 'KIM'" },
  { name: 'lower', input: 'string', output: 'same', argument: 'none', summary: () => l10n.t('Lower-cases the text.'), example: "'KIM@CARD.CO.KR' → 'kim@card.co.kr'" },
  { name: 'null_if', input: 'any', output: 'same', argument: 'values', summary: () => l10n.t('Turns the listed sentinel values into NULL.'), example: "null_if: ['-', 'N/A'] : '-' → NULL" },
  { name: 'default', input: 'any', output: 'same', argument: 'value', summary: () => l10n.t('Turns NULL into the given value.'), example: "default: 'N' : NULL → 'N'" },
  {
    name: 'to_number',
    input: 'string',
    output: 'number',
    argument: 'none',
    summary: () => l10n.t('Parses text as a number; a value that does not parse becomes NULL and is counted in the load report.'),
    example: "'00123' → 123, 'ABC' → NULL (counted)",
  },
  {
    name: 'to_date',
    input: 'string',
    output: 'date',
    argument: 'format',
    summary: () => l10n.t('Parses text as a date with an Oracle format (YYYYMMDD, YYYY-MM-DD); sentinels such as 00000000 and 99991231 become NULL; failures are counted.'),
    example: "to_date: YYYYMMDD : '20240131' → 2024-01-31",
  },
  {
    name: 'to_timestamp',
    input: 'string',
    output: 'timestamp',
    argument: 'format',
    summary: () => l10n.t('Parses text as a timestamp with an Oracle format (YYYY-MM-DD HH24:MI:SS); sentinels become NULL; failures are counted.'),
    example: "to_timestamp: 'YYYYMMDDHH24MISS' : '20240131235959' → 2024-01-31 23:59:59",
  },
];

export const ruleByName: ReadonlyMap<string, CleansingRule> = new Map(cleansingRules.map((r) => [r.name, r]));

/** Oracle datetime format elements the conversion rules understand (one table for the checker and both engines). */
export const formatElements = formatTable.map((e) => e.oracle);

/** Checks an Oracle datetime format such as `YYYY-MM-DD HH24:MI:SS`; returns what is wrong, or undefined. */
export function checkDateFormat(format: string): string | undefined {
  if (!format.trim()) return l10n.t('The format is empty.');
  try {
    // What the load will build, for either engine: the checker refuses what the load would refuse.
    convertFormat(format, 'duckdb');
    convertFormat(format, 'athena');
  } catch (e) {
    if (e instanceof SqlSafetyError) return e.message;
    throw e;
  }
  return /Y|RR/i.test(format.replace(/"[^"]*"/g, '')) ? undefined : l10n.t('The format has no year (YYYY).');
}
