/**
 * What Athena refuses before it runs a statement. Each rule cites the page it comes from.
 *
 * Athena parses DDL (CREATE [EXTERNAL] TABLE, ALTER TABLE, DROP TABLE) with its Hive grammar and
 * everything else (SELECT, INSERT, CTAS, MERGE, UPDATE, DELETE, CREATE VIEW) with Trino's
 * ("DDL and SQL reference", https://docs.aws.amazon.com/athena/latest/ug/ddl-sql-reference.html);
 * here dt-sql-parser's HiveSQL and TrinoSQL grammars stand in for them.
 */
import { HiveSQL, TrinoSQL } from 'dt-sql-parser';
import { AthenaFailure, fail } from './athena-errors';
import { lineCol, qualifiedAt, tokenize, type Token } from './sql-lexer';

export type Kind =
  | 'select'
  | 'insert'
  | 'ctas'
  | 'unload'
  | 'merge'
  | 'update'
  | 'delete'
  | 'vacuum'
  | 'optimize'
  | 'create-table'
  | 'create-view'
  | 'drop-table'
  | 'drop-view'
  | 'alter-rename'
  | 'alter-columns'
  | 'alter-props'
  | 'utility';

export interface Classified {
  kind: Kind;
  statementType: 'DDL' | 'DML' | 'UTILITY';
  tokens: Token[];
  /** The table the statement writes, drops or alters. */
  target?: { database?: string; name: string; quotes: Token['kind'][]; at: number };
}

const trino = new TrinoSQL();
const hive = new HiveSQL();

/** Which statement this is, from its leading keywords. */
export function classify(sql: string): Classified {
  const tokens = tokenize(sql);
  const w = (i: number) => tokens[i]?.value ?? '';
  const target = (i: number) => {
    const q = qualifiedAt(tokens, i);
    return q ? { ...(q.database ? { database: q.database } : {}), name: q.name, quotes: q.quotes, at: tokens[i]!.at } : undefined;
  };
  const k0 = w(0);
  const make = (kind: Kind, statementType: Classified['statementType'], t?: Classified['target']): Classified => ({ kind, statementType, tokens, ...(t ? { target: t } : {}) });
  if (k0 === 'SELECT' || k0 === 'WITH' || k0 === 'VALUES' || k0 === '(') return make('select', 'DML');
  if (k0 === 'INSERT') return make('insert', 'DML', target(2));
  if (k0 === 'MERGE') return make('merge', 'DML', target(2));
  if (k0 === 'UPDATE') return make('update', 'DML', target(1));
  if (k0 === 'DELETE') return make('delete', 'DML', target(2));
  if (k0 === 'UNLOAD') return make('unload', 'DML');
  if (k0 === 'VACUUM') return make('vacuum', 'DML', target(1));
  if (k0 === 'OPTIMIZE') return make('optimize', 'DML', target(1));
  if (k0 === 'SHOW' || k0 === 'DESCRIBE' || k0 === 'EXPLAIN') return make('utility', 'UTILITY');
  if (k0 === 'CREATE') {
    let i = 1;
    if (w(1) === 'OR' && w(2) === 'REPLACE') i = 3;
    if (w(i) === 'VIEW') return make('create-view', 'DDL', target(i + 1));
    if (w(i) === 'EXTERNAL') i++;
    if (w(i) === 'TABLE') {
      let j = i + 1;
      if (w(j) === 'IF' && w(j + 1) === 'NOT' && w(j + 2) === 'EXISTS') j += 3;
      const t = target(j);
      const after = qualifiedAt(tokens, j)?.end ?? j + 1;
      // CREATE TABLE … WITH (…) AS SELECT / … AS SELECT is CTAS, a Trino statement (DML as StatementType says).
      if (w(after) === 'WITH' || w(after) === 'AS') return make('ctas', 'DML', t);
      return make('create-table', 'DDL', t);
    }
  }
  if (k0 === 'DROP') {
    const j = w(2) === 'IF' && w(3) === 'EXISTS' ? 4 : 2;
    if (w(1) === 'TABLE') return make('drop-table', 'DDL', target(j));
    if (w(1) === 'VIEW') return make('drop-view', 'DDL', target(j));
  }
  if (k0 === 'ALTER' && w(1) === 'TABLE') {
    const t = target(2);
    const after = qualifiedAt(tokens, 2)?.end ?? 3;
    if (w(after) === 'RENAME') return make('alter-rename', 'DDL', t);
    if (w(after) === 'SET' || w(after) === 'UNSET') return make('alter-props', 'DDL', t);
    return make('alter-columns', 'DDL', t);
  }
  return make('utility', 'UTILITY');
}

/** The first syntax error of a statement in the grammar Athena uses for it. */
export function checkSyntax(sql: string, c: Classified): void {
  if (c.kind === 'vacuum' || c.kind === 'optimize') return checkMaintenance(sql, c);
  if (c.kind === 'unload') {
    const m = /^\s*UNLOAD\s*\(([\s\S]*)\)\s*TO\s+'[^']*'\s+WITH\s*\([\s\S]*\)\s*$/i.exec(sql);
    if (!m) throw fail.syntax(1, 1, "mismatched input 'UNLOAD'. Expecting: UNLOAD (<query>) TO '<s3 location>' WITH (<properties>)");
    return checkSyntax(m[1]!, classify(m[1]!));
  }
  // ALTER TABLE … DROP [COLUMN] name is Athena's Iceberg schema evolution, absent from Hive's grammar
  // ("Evolve Iceberg table schema", https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-evolving-table-schema.html).
  if (c.kind === 'alter-columns' && /^\s*ALTER\s+TABLE\s+[`\w.]+\s+DROP\s+(COLUMN\s+)?[`\w]+\s*$/i.test(sql)) return;
  // DROP VIEW is documented with bare names; either grammar's quoting is accepted.
  if (c.kind === 'drop-view' && (!quietly(() => trino.validate(sql)).length || !quietly(() => hive.validate(sql)).length)) return;
  const hiveDdl = c.statementType === 'DDL' && c.kind !== 'create-view';
  // Trino's parser refuses backquoted names ("Identifiers", https://trino.io/docs/current/language/reserved.html#identifiers).
  const tick = hiveDdl ? undefined : c.tokens.find((t) => t.kind === 'backtick');
  if (tick) {
    const at = lineCol(sql, tick.at);
    throw fail.syntax(at.line, at.col, 'backquoted identifiers are not supported; use double quotes to quote identifiers');
  }
  const errors = quietly(() => (hiveDdl ? hive : trino).validate(hiveDdl ? withoutTransforms(sql) : sql));
  const e = errors[0];
  if (!e) return;
  const line = sql.split('\n')[e.startLine - 1] ?? '';
  const token = line.slice(e.startColumn - 1, e.endColumn - 1) || '<EOF>';
  if (hiveDdl) throw fail.ddl(`ParseException line ${e.startLine}:${e.startColumn - 1} mismatched input '${token}': ${e.message}`);
  throw fail.syntax(e.startLine, e.startColumn, `mismatched input '${token}'. ${e.message}`);
}

/**
 * Athena's Iceberg DDL takes partition transforms (bucket(16, id), day(ts) …, "Create Iceberg tables")
 * that Hive's grammar lacks: for the syntax check each becomes its column, padded to keep positions.
 */
function withoutTransforms(sql: string): string {
  return sql.replace(/\b(bucket|truncate|years?|months?|days?|hours?)\s*\(\s*(?:\d+\s*,\s*)?([`\w]+)\s*\)/gi, (m, _f: string, col: string) => col.padEnd(m.length, ' '));
}

/** dt-sql-parser's ANTLR parsers also print to the console; the emulator keeps test output clean. */
function quietly<T>(f: () => T): T {
  const error = console.error;
  console.error = () => undefined;
  try {
    return f();
  } finally {
    console.error = error;
  }
}

/**
 * VACUUM and OPTIMIZE take the table name bare or in backticks, never in double quotes: "double quotes
 * cannot be used in place of backticks" ("VACUUM - Amazon Athena",
 * https://docs.aws.amazon.com/athena/latest/ug/vacuum-statement.html ; "OPTIMIZE",
 * https://docs.aws.amazon.com/athena/latest/ug/optimize-statement.html).
 */
function checkMaintenance(sql: string, c: Classified): void {
  const t = c.tokens;
  const quoted = t.slice(1, 4).find((x) => x.kind === 'quoted');
  if (quoted || !c.target) {
    const at = lineCol(sql, (quoted ?? t[1] ?? t[0]!).at);
    throw fail.syntax(at.line, at.col, `mismatched input '${quoted?.text ?? t[1]?.text ?? '<EOF>'}'. Expecting: <identifier>`);
  }
  const end = qualifiedAt(t, 1)!.end;
  if (c.kind === 'vacuum' && t.length > end) {
    const at = lineCol(sql, t[end]!.at);
    throw fail.syntax(at.line, at.col, `mismatched input '${t[end]!.text}'. Expecting: <EOF>`);
  }
  if (c.kind === 'optimize' && !/^\s*OPTIMIZE\s+\S+\s+REWRITE\s+DATA\s+USING\s+BIN_PACK(\s+WHERE\s[\s\S]+)?\s*$/i.test(sql)) {
    const at = lineCol(sql, t[end]?.at ?? sql.length);
    throw fail.syntax(at.line, at.col, `mismatched input '${t[end]?.text ?? '<EOF>'}'. Expecting: 'REWRITE'`);
  }
}

/**
 * Execution parameters ("Use parameterized queries - Amazon Athena",
 * https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html):
 * - supported only for SELECT, INSERT INTO, CTAS and UNLOAD statements;
 * - a `?` may only stand in a WHERE clause ("SELECT ? FROM table" is not supported);
 * - values are assigned by position, so their number must equal the number of `?`;
 * - a value is put in as SQL text: a string must come as a quoted literal ('abc'), which the
 *   substitution in `substitute` reproduces (an unquoted value is read as an identifier).
 */
export function checkParameters(sql: string, c: Classified, params: string[]): void {
  const marks = c.tokens.filter((t) => t.kind === 'param');
  if (!params.length && !marks.length) return;
  if (params.length && !['select', 'insert', 'ctas', 'unload'].includes(c.kind)) {
    throw fail.param(`Execution parameters are supported only for SELECT, INSERT INTO, CTAS and UNLOAD statements, not ${c.kind.toUpperCase()}`);
  }
  if (marks.length !== params.length) throw fail.param(`Incorrect number of parameters: expected ${marks.length} but found ${params.length}`);
  for (const m of marks) {
    const clause = clauseOf(c.tokens, c.tokens.indexOf(m));
    if (clause !== 'WHERE') {
      const at = lineCol(sql, m.at);
      throw fail.param(`line ${at.line}:${at.col}: Execution parameters are supported only in a WHERE clause, found one in ${clause ?? 'the statement'}`);
    }
  }
}

const CLAUSES = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'ON', 'SET', 'VALUES', 'USING', 'WHEN', 'THEN', 'LIMIT', 'JOIN', 'PARTITION', 'WITH']);

/** The clause keyword that governs token i: walking back, skipping closed parentheses, leaving open ones. */
function clauseOf(tokens: Token[], i: number): string | undefined {
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.text === ')') depth++;
    else if (t.text === '(') depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.kind === 'word' && CLAUSES.has(t.value)) return t.value;
  }
  return undefined;
}

/** Puts the parameter values into the statement as text, in order, the way Athena binds them. */
export function substitute(c: Classified, sql: string, params: string[]): string {
  let out = '';
  let last = 0;
  let n = 0;
  for (const t of c.tokens) {
    if (t.kind !== 'param') continue;
    out += sql.slice(last, t.at) + params[n++];
    last = t.at + 1;
  }
  return out + sql.slice(last);
}

/** Iceberg-only statements ("Unsupported DDL", https://docs.aws.amazon.com/athena/latest/ug/unsupported-ddl.html ;
 * "Query Iceberg table data" / "UPDATE" / "MERGE INTO" / "DELETE" pages under
 * https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg.html): RENAME TO, DELETE, UPDATE,
 * MERGE, VACUUM and OPTIMIZE run only on Iceberg tables. */
export function checkIcebergOnly(c: Classified, isIceberg: boolean): void {
  if (isIceberg) return;
  const name = `${c.target?.database ?? ''}.${c.target?.name ?? ''}`;
  if (c.kind === 'alter-rename') throw fail.ddl(`Operation not supported: ALTER TABLE RENAME TO on ${name}, which is not an Iceberg table (Athena supports RENAME TO for Iceberg tables only)`);
  if (c.kind === 'delete' || c.kind === 'update' || c.kind === 'merge') throw fail.notSupported('Modifying Hive table rows is only supported for transactional tables');
  if (c.kind === 'vacuum' || c.kind === 'optimize') throw fail.notSupported(`${c.kind.toUpperCase()} is supported only for Iceberg tables; ${name} is not one`);
}

export { AthenaFailure };
