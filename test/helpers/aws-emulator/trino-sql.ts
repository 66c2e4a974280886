/**
 * Trino SQL (as Athena runs it) → DuckDB SQL for the emulator's engine: function calls go through
 * the FUNCTIONS table (an unknown function fails as in Trino), CAST target types are Trino's
 * ("Data types - Trino", https://trino.io/docs/current/language/types.html ; `string` is a Hive DDL
 * type, not a Trino one: CAST(x AS string) fails with TYPE_NOT_FOUND), and a varchar cast to an
 * integer type accepts only what Java's Long.parseLong accepts — no blanks, no decimals, no exponent
 * (Trino's VarcharOperators: "Cannot cast '1.5' to BIGINT"), where DuckDB would round '1.5' to 2.
 */
import { AthenaFailure } from './athena-errors';
import { closing } from './ddl-parse';
import { FUNCTIONS } from './trino-functions';
import { lineCol, tokenize } from './sql-lexer';

const NOT_CALLS = new Set([
  'IN',
  'EXISTS',
  'VALUES',
  'AS',
  'ON',
  'USING',
  'OVER',
  'FROM',
  'JOIN',
  'INTO',
  'AND',
  'OR',
  'NOT',
  'WHERE',
  'SELECT',
  'TABLE',
  'WITH',
  'CAST',
  'TRY_CAST',
  'ARRAY',
  'DECIMAL',
  'VARCHAR',
  'CHAR',
  'TIMESTAMP',
  'ROW',
  'MAP',
  'INSERT',
  'BY',
  'THEN',
  'ELSE',
  'WHEN',
  'CASE',
  'IS',
  'FILTER',
  'WITHIN',
  'LIKE',
  'BETWEEN',
  'ANY',
  'ALL',
  'SOME',
  'DISTINCT',
  'SET',
  'UPDATE',
  'UNNEST',
  'LATERAL',
  'ORDER',
  'GROUP',
  'PARTITION',
  'HAVING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'LIMIT',
  'OFFSET',
  'MATCHED',
  'DELETE',
  'MERGE',
  'WINDOW',
  'RANGE',
  'ROWS',
  'INTERVAL',
  'DATE',
]);

const TYPES: Record<string, string> = {
  BOOLEAN: 'BOOLEAN',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INTEGER: 'INTEGER',
  INT: 'INTEGER',
  BIGINT: 'BIGINT',
  REAL: 'REAL',
  DOUBLE: 'DOUBLE',
  DECIMAL: 'DECIMAL',
  VARCHAR: 'VARCHAR',
  CHAR: 'VARCHAR',
  VARBINARY: 'BLOB',
  JSON: 'JSON',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  TIME: 'TIME',
  ARRAY: 'ARRAY',
  MAP: 'MAP',
  ROW: 'ROW',
  UUID: 'UUID',
};
const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT']);

/** Translates a validated Trino statement; throws FUNCTION_NOT_FOUND / TYPE_NOT_FOUND as Trino would. */
export function toDuckdb(sql: string): string {
  const tokens = tokenize(sql);
  const edits: { from: number; to: number; text: string }[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.kind === 'word' && next?.text === '(' && prev?.text !== '.' && prev?.value !== 'AS' && !NOT_CALLS.has(t.value)) {
      const name = t.text.toLowerCase();
      const mapped = FUNCTIONS[name];
      if (!mapped) {
        const at = lineCol(sql, t.at);
        throw new AthenaFailure('FUNCTION_NOT_FOUND', `line ${at.line}:${at.col}: Function '${name}' not registered`);
      }
      // A varchar literal where Trino wants varbinary: DuckDB would cast the literal, Trino does not.
      if (['sha256', 'md5', 'to_hex', 'from_utf8'].includes(name) && tokens[i + 2]?.kind === 'string' && tokens[i + 3]?.text === ')') {
        const at = lineCol(sql, t.at);
        throw new AthenaFailure('FUNCTION_NOT_FOUND', `line ${at.line}:${at.col}: Unexpected parameters (varchar(${tokens[i + 2]!.value.length})) for function ${name}. Expected: ${name}(varbinary)`);
      }
      edits.push({ from: t.at, to: t.at + t.text.length, text: mapped });
      return;
    }
    if ((t.value === 'CAST' || t.value === 'TRY_CAST') && next?.text === '(') {
      const close = closing(tokens, i + 1);
      let depth = 0;
      let as = -1;
      for (let k = i + 1; k < close; k++) {
        if (tokens[k]!.text === '(') depth++;
        if (tokens[k]!.text === ')') depth--;
        if (depth === 1 && tokens[k]!.value === 'AS') as = k;
      }
      const typeToken = tokens[as + 1];
      if (as < 0 || !typeToken) return;
      const type = TYPES[typeToken.value];
      if (!type) {
        const at = lineCol(sql, typeToken.at);
        throw new AthenaFailure('TYPE_NOT_FOUND', `line ${at.line}:${at.col}: Unknown type: ${typeToken.text.toLowerCase()}`);
      }
      edits.push({ from: typeToken.at, to: typeToken.at + typeToken.text.length, text: type });
      if (INTEGER_TYPES.has(type)) {
        edits.push({ from: next.at + 1, to: next.at + 1, text: 'tr_int_text(' });
        edits.push({ from: tokens[as]!.at, to: tokens[as]!.at, text: ') ' });
      }
    }
  });
  let out = sql;
  for (const e of edits.sort((a, b) => b.from - a.from || b.to - a.to)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/**
 * Result column names as Trino gives them: an expression without an alias is `_col<i>` (its position),
 * an aliased one or a plain column reference keeps its name ("SELECT - Trino",
 * https://trino.io/docs/current/sql/select.html). DuckDB would name `count(*)` "count_star()".
 */
export function trinoColumnNames(sql: string, duckNames: string[]): string[] {
  const tokens = tokenize(sql);
  let depth = 0;
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && t.value === 'SELECT') {
      start = i + 1;
      break;
    }
  }
  if (start < 0) return duckNames;
  if (tokens[start]?.value === 'DISTINCT' || tokens[start]?.value === 'ALL') start++;
  const items: (typeof tokens)[] = [];
  let item: typeof tokens = [];
  depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(' || t.text === '[') depth++;
    if (t.text === ')' || t.text === ']') depth--;
    if (depth < 0 || (depth === 0 && ['FROM', 'WHERE', 'GROUP', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT', 'HAVING'].includes(t.value))) break;
    if (depth === 0 && t.text === ',') {
      items.push(item);
      item = [];
    } else item.push(t);
  }
  items.push(item);
  if (items.length !== duckNames.length || items.some((it) => it[it.length - 1]?.text === '*')) return duckNames;
  return items.map((it, i) => {
    const last = it[it.length - 1];
    const beforeLast = it[it.length - 2];
    const operatorWord = beforeLast?.kind === 'word' && ['AND', 'OR', 'NOT', 'IS', 'IN', 'LIKE', 'BETWEEN', 'ELSE', 'THEN', 'WHEN', 'CASE', 'DISTINCT', 'INTERVAL'].includes(beforeLast.value);
    const named =
      last &&
      (last.kind === 'word' || last.kind === 'quoted') &&
      (it.length === 1 ||
        beforeLast?.value === 'AS' ||
        beforeLast?.text === '.' ||
        (beforeLast && !operatorWord && !['(', '+', '-', '*', '/', '||', '=', '<', '>', '<=', '>=', '<>', '!='].includes(beforeLast.text)));
    const keyword = last?.kind === 'word' && ['NULL', 'TRUE', 'FALSE', 'END'].includes(last.value);
    return named && !keyword ? duckNames[i]! : `_col${i}`;
  });
}
