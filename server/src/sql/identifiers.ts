/**
 * Identifiers and literals for generated SQL. Every name is checked against the engines' naming rule
 * before it is quoted, and every literal is escaped: a spec cannot smuggle SQL through a name or a value.
 */
import * as l10n from '@vscode/l10n';

export type Dialect = 'duckdb' | 'athena';

/** A spec value that would make unsafe SQL: no statement runs. */
export class SqlSafetyError extends Error {
  override readonly name = 'SqlSafetyError';
}

// Athena: lower case, digits and `_` only (Athena user guide, "Names for tables, databases, and columns").
const safeName = /^[a-z][a-z0-9_]{0,254}$/;

export function checkName(name: string, what: string): string {
  if (!safeName.test(name)) throw new SqlSafetyError(l10n.t('{0} `{1}` is not a safe name: lower-case letters, digits and `_`, starting with a letter.', what, name));
  return name;
}

/** A quoted identifier: double quotes in DuckDB and Athena DML, backticks in Athena (Hive) DDL. */
export function ident(name: string, what = l10n.t('Name'), style: 'dml' | 'ddl' = 'dml'): string {
  checkName(name, what);
  return style === 'ddl' ? `\`${name}\`` : `"${name}"`;
}

export function qualified(database: string, table: string, style: 'dml' | 'ddl' = 'dml'): string {
  return `${ident(database, l10n.t('Database'), style)}.${ident(table, l10n.t('Table'), style)}`;
}

/** A string literal. NUL cannot appear in SQL text at all. */
export function literal(value: string): string {
  if (value.includes('\u0000')) throw new SqlSafetyError(l10n.t('A value holds a NUL character, which SQL text cannot carry.'));
  return `'${value.replace(/'/g, "''")}'`;
}

/** A literal for a YAML scalar: numbers and booleans as such, everything else as text. */
export function scalarLiteral(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value === null || value === undefined) return 'NULL';
  return literal(String(value));
}

/** An S3 location for DDL: `s3://bucket/prefix/` with no quote or control character. */
export function s3Location(location: string): string {
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^'\\\u0000-\u001f]*)?$/.test(location)) throw new SqlSafetyError(l10n.t('`{0}` is not a valid S3 location (s3://bucket/prefix/).', location));
  return literal(location.endsWith('/') ? location : location + '/');
}
