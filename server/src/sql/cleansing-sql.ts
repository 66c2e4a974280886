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

function parseDate(e: string, format: string, sentinels: string[], to: 'date' | 'timestamp', d: Dialect): string {
  const { pattern, length, twoDigitYear } = convertFormat(format, d);
  // Two-digit years become four digits as Oracle reads them: neither engine's %y does.
  const input = twoDigitYear ? expandTwoDigitYear(e, twoDigitYear.at, twoDigitYear.rule) : e;
  // DuckDB's %n (FF7-FF9) parses to TIMESTAMP_NS, which casts to TIMESTAMP_MS only through TIMESTAMP.
  const strptime = `try_strptime(${input}, ${literal(pattern)})`;
  const parsed = d === 'duckdb' ? `CAST(${pattern.includes('%n') ? `CAST(${strptime} AS TIMESTAMP)` : strptime} AS ${to === 'date' ? 'DATE' : 'TIMESTAMP_MS'})` : `CAST(try(date_parse(${input}, ${literal(pattern)})) AS ${to === 'date' ? 'date' : 'timestamp(3)'})`;
  // strptime accepts short input ('2024013' as 2024-01-03): a fixed-width format also checks the length.
  const lengthOk = length !== undefined ? ` AND length(${e}) = ${length}` : '';
  const notSentinel = sentinels.length ? ` AND ${e} NOT IN (${sentinels.map((s) => literal(s, d === 'duckdb' ? 'duckdb' : 'trino')).join(', ')})` : '';
  return `CASE WHEN ${e} IS NOT NULL${notSentinel}${lengthOk} THEN ${parsed} END`;
}

function tryCast(e: string, t: GlueType, d: Dialect): string {
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

function hash(e: string, d: Dialect): string {
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
export function compileColumn(input: string, inputKind: ValueKind, rules: RuleCall[], target: GlueType, encrypt: 'sha256' | 'kms' | undefined, d: Dialect): ColumnExpression {
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
        e = d === 'duckdb' ? `regexp_replace(${e}, '[\\n\\r\\t\\x01]', '', 'g')` : `regexp_replace(${e}, '[\\n\\r\\t\\x01]', '')`;
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
        failures.push(`(${before} IS NOT NULL AND ${before} NOT IN (${sentinels.map((s) => literal(s, d === 'duckdb' ? 'duckdb' : 'trino')).join(', ') || "''"}) AND ${out} IS NULL)`);
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
    e = `CAST(${e} AS ${castType(target, d)})`;
  }
  let saltParams = 0;
  if (encrypt === 'sha256') {
    e = hash(e, d);
    saltParams = d === 'duckdb' ? 1 : 0;
  }
  const result: ColumnExpression = { expr: e, saltParams };
  if (failures.length) result.failed = failures.join(' OR ');
  return result;
}
