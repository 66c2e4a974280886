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

/** What a name names, for the message when it is unsafe (translated only then: SQL is built often, refused rarely). */
export type NameKind = 'name' | 'column' | 'source column' | 'key column' | 'partition column' | 'view column' | 'database' | 'table';

const kindWords: Record<NameKind, () => string> = {
  name: () => l10n.t('Name'),
  column: () => l10n.t('Column'),
  'source column': () => l10n.t('Source column'),
  'key column': () => l10n.t('Key column'),
  'partition column': () => l10n.t('Partition column'),
  'view column': () => l10n.t('View column'),
  database: () => l10n.t('Database'),
  table: () => l10n.t('Table'),
};

export function checkName(name: string, what: NameKind): string {
  if (!safeName.test(name)) throw new SqlSafetyError(l10n.t('{0} `{1}` is not a safe name: lower-case letters, digits and `_`, starting with a letter.', kindWords[what](), name));
  return name;
}

/** A quoted identifier: double quotes in DuckDB and Athena DML, backticks in Athena (Hive) DDL. */
export function ident(name: string, what: NameKind = 'name', style: 'dml' | 'ddl' = 'dml'): string {
  checkName(name, what);
  return style === 'ddl' ? `\`${name}\`` : `"${name}"`;
}

export function qualified(database: string, table: string, style: 'dml' | 'ddl' = 'dml'): string {
  return `${ident(database, 'database', style)}.${ident(table, 'table', style)}`;
}

/**
 * Where a literal goes. DuckDB and Trino (Athena's DML) read standard strings: a quote is doubled and a
 * backslash is an ordinary character. Athena's DDL is Hive's grammar, where a backslash escapes the next
 * character and `''` is two adjacent strings: there a quote and a backslash are written `\'` and `\\`.
 * A string escaped for the wrong one can end early and let the rest of the value read as SQL.
 */
export type LiteralDialect = 'duckdb' | 'trino' | 'hive';

/** A string literal for `dialect`. NUL cannot appear in SQL text at all. */
export function literal(value: string, dialect: LiteralDialect = 'duckdb'): string {
  if (value.includes('\u0000')) throw new SqlSafetyError(l10n.t('A value holds a NUL character, which SQL text cannot carry.'));
  if (dialect === 'hive') return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

/** A literal for a YAML scalar: numbers and booleans as such, everything else as text. */
export function scalarLiteral(value: unknown, dialect: LiteralDialect = 'duckdb'): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value === null || value === undefined) return 'NULL';
  return literal(String(value), dialect);
}

/** An S3 location for DDL: `s3://bucket/prefix/` with no quote or control character. */
export function s3Location(location: string, dialect: LiteralDialect = 'duckdb'): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused on purpose
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^'\\\u0000-\u001f]*)?$/.test(location)) throw new SqlSafetyError(l10n.t('`{0}` is not a valid S3 location (s3://bucket/prefix/).', location));
  return literal(location.endsWith('/') ? location : location + '/', dialect);
}
