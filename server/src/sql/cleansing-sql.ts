/**
 * A column's way from the staged value to the stored one, as one SQL expression per dialect: the
 * cleansing rules in order, the conversion to the target type, and `sha256` hashing. Alongside, a
 * condition that is true when a value was there but did not convert, so that failures are counted.
 */
import * as l10n from '@vscode/l10n';
import type { GlueType } from '../glue/glue-type';
import { isGlueString } from '../glue/glue-type';
import type { ValueKind } from '../rules/cleansing-catalogue';
import { castType } from './engine-types';
import { convertFormat, expandTwoDigitYear } from './datetime-formats';
import { literal, scalarLiteral, SqlSafetyError, type Dialect } from './identifiers';
import { valueText } from './verify-dialect';
import { safeOracleDate, safeOracleIsoDate } from './oracle-dates';

/**
 * Where a column's expression runs: the two engines a load runs on, and Oracle, where verify computes the
 * source side (Oracle's own functions; the session's NLS settings fixed by verify, see oracle-verify.ts).
 */
export type ColumnDialect = Dialect | 'oracle';

export interface RuleCall {
  name: string;
  /** The argument as written: a list for null_if, a value for default, a format (or `{format, sentinels}`) for conversions. */
  arg?: unknown;
}

export interface ColumnExpression {
  expr: string;
  /** True for a row whose value was present but failed to convert; undefined when nothing converts. */
  failed?: string;
  /** How many `?` parameters (the hash salt) the expression takes: on DuckDB only. */
  saltParams: number;
}

export const defaultDateSentinels = ['00000000', '99991231', '99999999', '0000-00-00', '9999-12-31'];

/** Converts an Oracle datetime format for one engine (see datetime-formats.ts). */
export { convertFormat } from './datetime-formats';

function formatArg(arg: unknown): { format: string; sentinels: string[] } {
  if (typeof arg === 'string') return { format: arg, sentinels: defaultDateSentinels };
  const o = (arg ?? {}) as { format?: unknown; sentinels?: unknown };
  return {
    format: String(o.format ?? ''),
    sentinels: Array.isArray(o.sentinels) ? o.sentinels.map(String) : defaultDateSentinels,
  };
}

function parseDate(e: string, format: string, sentinels: string[], to: 'date' | 'timestamp', d: ColumnDialect): string {
  if (d === 'oracle') return parseDateOracle(e, format, sentinels, to);
  const { pattern, length, twoDigitYear } = convertFormat(format, d);
  // Two-digit years become four digits as Oracle reads them: neither engine's %y does.
  const input = twoDigitYear ? expandTwoDigitYear(e, twoDigitYear.at, twoDigitYear.rule) : e;
  // DuckDB's %n (FF7-FF9) parses to TIMESTAMP_NS, which casts to TIMESTAMP_MS only through TIMESTAMP.
  const strptime = `try_strptime(${input}, ${literal(pattern)})`;
  const parsed =
    d === 'duckdb'
      ? `CAST(${pattern.includes('%n') ? `CAST(${strptime} AS TIMESTAMP)` : strptime} AS ${to === 'date' ? 'DATE' : 'TIMESTAMP_MS'})`
      : `CAST(try(date_parse(${input}, ${literal(pattern)})) AS ${to === 'date' ? 'date' : 'timestamp(3)'})`;
  // strptime accepts short input ('2024013' as 2024-01-03): a fixed-width format also checks the length.
  const lengthOk = length !== undefined ? ` AND length(${e}) = ${length}` : '';
  const notSentinel = sentinels.length ? ` AND ${e} NOT IN (${sentinels.map((s) => literal(s, d === 'duckdb' ? 'duckdb' : 'trino')).join(', ')})` : '';
  return `CASE WHEN ${e} IS NOT NULL${notSentinel}${lengthOk} THEN ${parsed} END`;
}

/**
 * Oracle reads its own formats: TO_DATE / TO_TIMESTAMP with the spec's format (RR and YY by Oracle's own
 * rules, month names in English), after checks that make it unable to fail (oracle-dates.ts), so that a
 * value that does not convert is NULL as on the engines. A fixed-width format also checks the length.
 */
function parseDateOracle(e: string, format: string, sentinels: string[], to: 'date' | 'timestamp'): string {
  const { length } = convertFormat(format, 'duckdb');
  const parsed = safeOracleDate(e, format, to, length !== undefined);
  const lengthOk = length !== undefined ? ` AND LENGTH(${e}) = ${length}` : '';
  const notSentinel = sentinels.length ? ` AND ${e} NOT IN (${sentinels.map((x) => literal(x)).join(', ')})` : '';
  return `CASE WHEN ${e} IS NOT NULL${notSentinel}${lengthOk} THEN ${parsed} END`;
}

/** Oracle's type for a CAST to the column's type (numbers as NUMBER of the same precision). */
function oracleCastType(t: GlueType): string {
  switch (t.kind) {
    case 'tinyint':
      return 'NUMBER(3)';
    case 'smallint':
      return 'NUMBER(5)';
    case 'int':
      return 'NUMBER(10)';
    case 'bigint':
      return 'NUMBER(19)';
    case 'decimal':
      return `NUMBER(${t.precision},${t.scale})`;
    case 'float':
    case 'double':
      return 'BINARY_DOUBLE';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP(3)';
    default:
      return 'VARCHAR2(4000)';
  }
}

const integerRange: Record<string, [string, string]> = {
  tinyint: ['-128', '127'],
  smallint: ['-32768', '32767'],
  int: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/**
 * Text to a number, date or boolean in Oracle, NULL when it does not convert, as TRY_CAST gives on the
 * engines (checked by a regular expression first, so that TO_NUMBER cannot fail): integers from whole
 * numbers within the type's range, decimals rounded to the scale and NULL past the precision, dates as the
 * engines' CAST reads them, booleans as the text `true`/`false` (Oracle SQL has no boolean before 23ai).
 */
function tryCastOracle(e: string, t: GlueType): string {
  const v = `TRIM(${e})`;
  switch (t.kind) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint': {
      const [lo, hi] = integerRange[t.kind]!;
      return `CASE WHEN REGEXP_LIKE(${v}, '^[+-]?[0-9]{1,19}$') AND TO_NUMBER(${v}) BETWEEN ${lo} AND ${hi} THEN TO_NUMBER(${v}) END`;
    }
    case 'decimal': {
      const n = `ROUND(TO_NUMBER(${v}), ${t.scale})`;
      return `CASE WHEN REGEXP_LIKE(${v}, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$') AND ABS(${n}) < 1E${t.precision - t.scale} THEN ${n} END`;
    }
    case 'float':
    case 'double':
      return `CASE WHEN REGEXP_LIKE(${v}, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$') THEN TO_BINARY_DOUBLE(${v}) END`;
    case 'date':
    case 'timestamp':
      return safeOracleIsoDate(e, t.kind);
    case 'boolean':
      return `CASE WHEN LOWER(${v}) IN ('true', 't', '1') THEN 'true' WHEN LOWER(${v}) IN ('false', 'f', '0') THEN 'false' END`;
    default:
      return `CAST(${e} AS ${oracleCastType(t)})`;
  }
}

function tryCast(e: string, t: GlueType, d: ColumnDialect): string {
  if (d === 'oracle') return tryCastOracle(e, t);
  // DuckDB's cast of text to a number skips the blanks around it; Trino's (Long.parseLong, BigDecimal)
  // fails on them: the same extract must convert the same on both, so Athena trims first.
  const trimmed = d === 'athena' && ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal', 'boolean'].includes(t.kind) ? `trim(${e})` : e;
  // DuckDB rounds '1.5' into an integer (2); Trino refuses it. A fraction in an integer column is a
  // failure on both: DuckDB converts only whole numbers.
  if (d === 'duckdb' && ['tinyint', 'smallint', 'int', 'bigint'].includes(t.kind)) return `CASE WHEN regexp_full_match(trim(${e}), '[+-]?[0-9]+') THEN TRY_CAST(${e} AS ${castType(t, d)}) END`;
  return `TRY_CAST(${trimmed} AS ${castType(t, d)})`;
}

/** The salt's column in Athena's one-row salt table, hex of its UTF-8 bytes (joined as `saltAlias`). */
export const saltColumn = 'tablespec_salt_hex';
export const saltAlias = 'tablespec_salt';

function hash(e: string, d: ColumnDialect, t: GlueType): string {
  // Oracle: the salt is the bind variable :salt (never in the text); STANDARD_HASH hashes the bytes of the
  // text in the database character set, UTF-8 on an AL32UTF8 database. Oracle's || treats NULL as '': a
  // NULL value stays NULL, as on the engines.
  if (d === 'oracle') return `CASE WHEN ${e} IS NOT NULL THEN LOWER(RAWTOHEX(STANDARD_HASH(:salt || ${valueText(e, t, 'oracle')}, 'SHA256'))) END`;
  // Salted SHA-256 of the UTF-8 bytes of salt || value, as lower-case hex, the same on both engines.
  // DuckDB: the salt is a parameter of a local statement. Athena keeps query strings and execution
  // parameters in its query history, so there the salt is read from a one-row table joined to the rows.
  if (d === 'duckdb') return `sha256(? || CAST(${e} AS VARCHAR))`;
  // The salt file holds the hex of the salt's UTF-8 bytes: from_utf8(from_hex(…)) is the salt again.
  return `lower(to_hex(sha256(to_utf8(concat(from_utf8(from_hex("${saltAlias}"."${saltColumn}")), CAST(${e} AS varchar))))))`;
}

function kindOf(t: GlueType): ValueKind {
  if (isGlueString(t)) return 'string';
  if (['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal'].includes(t.kind)) return 'number';
  if (t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'binary' || t.kind === 'boolean') return t.kind;
  return 'other';
}

/**
 * Compiles a column. `input` is the staged value (an SQL expression), `inputKind` what it holds
 * (`string` for CSV and text extracts).
 */
export function compileColumn(input: string, inputKind: ValueKind, rules: RuleCall[], target: GlueType, encrypt: 'sha256' | 'kms' | undefined, d: ColumnDialect): ColumnExpression {
  let e = input;
  let kind = inputKind;
  // Whether `e` already has exactly the column's type, so that no further CAST is needed.
  let exact = inputKind === 'string' && isGlueString(target);
  const failures: string[] = [];
  const convert = (out: string, before: string, to: ValueKind, isExact: boolean) => {
    failures.push(`(${before} IS NOT NULL AND ${out} IS NULL)`);
    e = out;
    kind = to;
    exact = isExact;
  };
  for (const rule of rules) {
    switch (rule.name) {
      case 'trim':
      case 'rtrim':
      case 'ltrim':
      case 'upper':
      case 'lower':
        e = `${rule.name}(${e})`;
        break;
      case 'empty_to_null':
        e = `nullif(${e}, '')`;
        break;
      case 'remove_control_chars':
        // Oracle: TRANSLATE drops the characters that have no counterpart (line feed, carriage return, tab, \x01).
        if (d === 'oracle') e = `TRANSLATE(${e}, 'x' || CHR(10) || CHR(13) || CHR(9) || CHR(1), 'x')`;
        else e = d === 'duckdb' ? `regexp_replace(${e}, '[\\n\\r\\t\\x01]', '', 'g')` : `regexp_replace(${e}, '[\\n\\r\\t\\x01]', '')`;
        break;
      case 'null_if': {
        const values = Array.isArray(rule.arg) ? rule.arg : [rule.arg];
        const lits = values.map((v) => (kind === 'string' ? literal(String(v)) : scalarLiteral(v)));
        e = `CASE WHEN ${e} IN (${lits.join(', ')}) THEN NULL ELSE ${e} END`;
        break;
      }
      case 'default':
        e = `coalesce(${e}, ${kind === 'string' ? literal(String(rule.arg)) : scalarLiteral(rule.arg)})`;
        break;
      case 'to_number': {
        const before = e;
        const numeric = kindOf(target) === 'number';
        convert(tryCast(e, numeric ? target : { kind: 'decimal', precision: 38, scale: 10 }, d), before, 'number', numeric);
        break;
      }
      case 'to_date':
      case 'to_timestamp': {
        const { format, sentinels } = formatArg(rule.arg);
        const to = rule.name === 'to_date' ? 'date' : 'timestamp';
        const before = e;
        const out = parseDate(e, format, sentinels, to, d);
        // A sentinel becomes NULL on purpose: it is not a failure.
        failures.push(`(${before} IS NOT NULL AND ${before} NOT IN (${sentinels.map((s) => literal(s, d === 'athena' ? 'trino' : 'duckdb')).join(', ') || "''"}) AND ${out} IS NULL)`);
        e = out;
        kind = to;
        exact = target.kind === to;
        break;
      }
      default:
        throw new SqlSafetyError(l10n.t('Unknown cleansing rule `{0}`.', rule.name));
    }
  }
  // The cast to the column's type: text that does not convert is counted, not silently NULL.
  const want = kindOf(target);
  if (kind === 'string' && want !== 'string' && want !== 'other') {
    const before = e;
    convert(tryCast(e, target, d), before, want, true);
  } else if (!exact && !(kind === 'string' && isGlueString(target))) {
    e = `CAST(${e} AS ${d === 'oracle' ? oracleCastType(target) : castType(target, d)})`;
  }
  let saltParams = 0;
  if (encrypt === 'sha256') {
    e = hash(e, d, target);
    saltParams = d === 'duckdb' ? 1 : 0;
  }
  const result: ColumnExpression = { expr: e, saltParams };
  if (failures.length) result.failed = failures.join(' OR ');
  return result;
}
