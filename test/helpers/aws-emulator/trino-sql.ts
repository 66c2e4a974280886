/**
 * Trino SQL (as Athena runs it) → DuckDB SQL for the emulator's engine: function calls go through
 * the FUNCTIONS table (an unknown function fails as in Trino), CAST target types are Trino's
 * ("Data types - Trino", https://trino.io/docs/current/language/types.html ; `string` is a Hive DDL
 * type, not a Trino one: CAST(x AS string) fails with TYPE_NOT_FOUND).
 */
import { AthenaFailure } from './athena-errors';
import { FUNCTIONS } from './trino-functions';
import { lineCol, tokenize, type Token } from './sql-lexer';

const NOT_CALLS = new Set(['IN', 'EXISTS', 'VALUES', 'AS', 'ON', 'USING', 'OVER', 'FROM', 'JOIN', 'INTO', 'AND', 'OR', 'NOT', 'WHERE', 'SELECT', 'TABLE', 'WITH', 'CAST', 'TRY_CAST', 'ARRAY', 'DECIMAL', 'VARCHAR', 'CHAR', 'TIMESTAMP', 'ROW', 'MAP', 'INSERT', 'BY', 'THEN', 'ELSE', 'WHEN', 'CASE', 'IS', 'FILTER', 'WITHIN', 'LIKE', 'BETWEEN', 'ANY', 'ALL', 'SOME', 'DISTINCT', 'SET', 'UPDATE', 'UNNEST', 'LATERAL', 'ORDER', 'GROUP', 'PARTITION', 'HAVING', 'UNION', 'EXCEPT', 'INTERSECT', 'LIMIT', 'OFFSET', 'MATCHED', 'DELETE', 'MERGE', 'WINDOW', 'RANGE', 'ROWS', 'INTERVAL', 'DATE']);

const TYPES: Record<string, string> = {
  BOOLEAN: 'BOOLEAN', TINYINT: 'TINYINT', SMALLINT: 'SMALLINT', INTEGER: 'INTEGER', INT: 'INTEGER', BIGINT: 'BIGINT', REAL: 'REAL', DOUBLE: 'DOUBLE',
  DECIMAL: 'DECIMAL', VARCHAR: 'VARCHAR', CHAR: 'VARCHAR', VARBINARY: 'BLOB', JSON: 'JSON', DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', TIME: 'TIME', ARRAY: 'ARRAY', MAP: 'MAP', ROW: 'ROW', UUID: 'UUID',
};

/** Translates a validated Trino statement; throws FUNCTION_NOT_FOUND / TYPE_NOT_FOUND as Trino would. */
export function toDuckdb(sql: string): string {
  const tokens = tokenize(sql);
  const out: string[] = [];
  let last = 0;
  // Which opening parenthesis belongs to a CAST / TRY_CAST, to know where `AS <type>` is a type.
  const parens: string[] = [];
  const put = (t: Token, text: string) => {
    out.push(sql.slice(last, t.at), text);
    last = t.at + t.text.length;
  };
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.text === '(') parens.push(prev?.kind === 'word' ? prev.value : '');
    if (t.text === ')') parens.pop();
    if (t.kind === 'word' && next?.text === '(' && prev?.text !== '.' && prev?.value !== 'AS' && !NOT_CALLS.has(t.value)) {
      const name = t.text.toLowerCase();
      const mapped = FUNCTIONS[name];
      if (!mapped) {
        const at = lineCol(sql, t.at);
        throw new AthenaFailure('FUNCTION_NOT_FOUND', `line ${at.line}:${at.col}: Function '${name}' not registered`);
      }
      return put(t, mapped);
    }
    const inCast = ['CAST', 'TRY_CAST'].includes(parens[parens.length - 1] ?? '');
    if (t.kind === 'word' && prev?.value === 'AS' && inCast) {
      const type = TYPES[t.value];
      if (!type) {
        const at = lineCol(sql, t.at);
        throw new AthenaFailure('TYPE_NOT_FOUND', `line ${at.line}:${at.col}: Unknown type: ${t.text.toLowerCase()}`);
      }
      return put(t, type);
    }
  });
  out.push(sql.slice(last));
  return out.join('');
}
