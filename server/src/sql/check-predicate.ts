/**
 * A view's `where` is SQL the engineer writes; it goes into a statement as it is. It is read with a real
 * parser (Trino's grammar, the one Athena's DML uses) and must be exactly one boolean expression over the
 * table's own columns: no subquery, no parameter, no comment, functions only from a short list that both
 * engines read the same way. Whatever else the grammar knows is refused by default, so a construct nobody
 * thought of is refused too. The local engine parses it again with DuckDB's own parser before a deploy
 * (backends/local/duckdb-predicate.ts): a string form only DuckDB knows (`E'…'`, `$$…$$`) cannot read
 * as one thing here and another there.
 *
 * The checker calls this on every keystroke: the grammar is built once (about half a second), a parse
 * takes a millisecond or two, and results are cached by text.
 */
import * as l10n from '@vscode/l10n';
import type { TrinoSQL } from 'dt-sql-parser';
import { newTrinoParser } from './trino-grammar';
import { SqlSafetyError } from './identifiers';

/** Scalar functions a view's condition may call: present in DuckDB and Trino with the same meaning. */
export const allowedFunctions: ReadonlySet<string> = new Set([
  'abs',
  'ceil',
  'ceiling',
  'floor',
  'round',
  'mod',
  'sign',
  'greatest',
  'least',
  'length',
  'lower',
  'upper',
  'trim',
  'ltrim',
  'rtrim',
  'substr',
  'substring',
  'replace',
  'strpos',
  'starts_with',
  'concat',
  'lpad',
  'rpad',
  'reverse',
  'coalesce',
  'nullif',
  'if',
  'year',
  'quarter',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'date_trunc',
  'date_diff',
]);

// Typed literals (`DATE '2024-01-01'`) both engines read; `E'…'` would be a type named E to Trino and an escape string to DuckDB.
const literalTypes = new Set(['date', 'timestamp']);
// Types a CAST may name.
const castTypes = new Set(['varchar', 'char', 'integer', 'int', 'bigint', 'smallint', 'tinyint', 'double', 'real', 'decimal', 'date', 'timestamp', 'boolean']);

// Grammar rules (Trino's visitor names) that a condition may be made of; everything else is refused.
const allowed = new Set([
  'StandaloneExpression',
  'Expression',
  'LogicalNot',
  'Predicated',
  'Or',
  'And',
  'Comparison',
  'ComparisonOperator',
  'Like',
  'DistinctFrom',
  'InList',
  'NullPredicate',
  'Between',
  'ValueExpressionDefault',
  'Concatenation',
  'ArithmeticBinary',
  'ArithmeticUnary',
  'ParenthesizedExpression',
  'NumericLiteral',
  'DecimalLiteral',
  'DoubleLiteral',
  'IntegerLiteral',
  'BooleanLiteral',
  'BooleanValue',
  'NullLiteral',
  'StringLiteral',
  'BasicStringLiteral',
  'IntervalLiteral',
  'Interval',
  'IntervalField',
  'SimpleCase',
  'SearchedCase',
  'WhenClause',
  'Coalesce',
  'Substring',
  'Trim',
  'TrimsSpecification',
  'Extract',
  'Position',
  'CurrentDate',
  'CurrentTimestamp',
  'DateTimeType',
  'TypeParameter',
  'UnquotedIdentifier',
  'QuotedIdentifier',
  'NonReserved',
  'Identifier',
]);

const subqueries = new Set(['Exists', 'SubqueryExpression', 'InSubquery', 'QuantifiedComparison', 'QueryStatement', 'RootQuery', 'QueryNoWith', 'QuerySpecification']);

let parser: TrinoSQL | undefined;
const cache = new Map<string, Why | null>();

/** An identifier as the engines resolve it: unquoted names fold to lower case, quoted ones keep theirs. */
function identifierName(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

type Ctx = { getText(): string; children?: unknown[] | null; start?: { start: number } | null; stop?: { stop: number } | null; accept(v: unknown): unknown };

/** Why `where` is refused, or null when it is one condition over `columns`. */
// A refusal is kept as a function: the message is made in the language of the moment it is shown, not of the first check.
type Why = () => string;

function refusal(where: string, columns: ReadonlySet<string>, what: string): Why | null {
  if (!where.trim()) return () => l10n.t('{0} is empty.', what);
  if (where.includes('\u0000')) return () => l10n.t('{0} holds a NUL character.', what);
  parser ??= newTrinoParser();
  // Comments live on the lexer's hidden channel, where a parse tree never shows them.
  for (const token of parser.createLexer(where).getAllTokens()) {
    if (token.channel !== 0 && /^(--|\/\*)/.test(token.text ?? '')) return () => l10n.t('{0} holds a comment, which could hide the rest of the statement.', what);
  }
  const errors: string[] = [];
  const p = parser.createParser(where, (e: { message: string }) => errors.push(e.message)) as unknown as {
    standaloneExpression(): Ctx;
    inputStream: { LA(i: number): number; LT(i: number): { start: number } | null };
  };
  const tree = p.standaloneExpression();
  if (errors.length) return () => l10n.t('{0} is not one SQL condition: {1}', what, errors[0]!);
  // The grammar stops at the end of one expression: anything after it (`; DROP …`, `UNION …`) is left over.
  if (p.inputStream.LA(1) !== -1)
    return () => l10n.t('{0} goes on after its condition, at `{1}`: it must be one condition, not several statements.', what, where.slice(p.inputStream.LT(1)?.start ?? 0).slice(0, 30));
  let why: Why | null = null;
  const visitChildren = (ctx: Ctx) => {
    for (const c of ctx.children ?? []) if (!why) (c as Ctx).accept(visitor);
  };
  const refuse = (message: Why) => {
    why ??= message;
  };
  const checks: Record<string, (ctx: Ctx & Record<string, () => Ctx | Ctx[] | null>) => void> = {
    ColumnReference(ctx) {
      const parts = ctx.getText().match(/"(?:[^"]|"")*"|[^."]+/g) ?? [];
      if (parts.length !== 1) return refuse(() => l10n.t('{0} names `{1}`: name the columns of the table without a qualifier.', what, ctx.getText()));
      const name = identifierName(parts[0]!);
      if (!columns.has(name)) return refuse(() => l10n.t('{0} names `{1}`, which is not a column of the table.', what, name));
    },
    FunctionCall(ctx) {
      const name = (ctx.functionName() as Ctx).getText();
      if (!allowedFunctions.has(identifierName(name))) return refuse(() => l10n.t('{0} calls `{1}`, which a view condition may not use (allowed: {2}).', what, name, [...allowedFunctions].join(', ')));
      visitChildren(ctx);
    },
    TypeConstructor(ctx) {
      const type = ctx.getText().replace(/'.*$/s, '').trim().toLowerCase();
      if (!literalTypes.has(type)) return refuse(() => l10n.t("{0} holds `{1}'…'`, which is not a literal both engines read the same way (DATE '…' and TIMESTAMP '…' are).", what, type));
      visitChildren(ctx);
    },
    Cast(ctx) {
      const type = (ctx.type() as Ctx).getText().toLowerCase().replace(/\(.*$/, '');
      if (!castTypes.has(type)) return refuse(() => l10n.t('{0} casts to `{1}`, which a view condition may not use.', what, type));
      visitChildren(ctx);
    },
    GenericType(ctx) {
      const type = ctx.getText().toLowerCase().replace(/\(.*$/, '');
      if (!castTypes.has(type)) return refuse(() => l10n.t('{0} casts to `{1}`, which a view condition may not use.', what, type));
      visitChildren(ctx);
    },
    FunctionName: visitChildren,
    QualifiedName: visitChildren,
    ColumnName: visitChildren,
  };
  // A visitor that refuses every rule it does not know: the parser asks it for `visit<Rule>` by name.
  const visitor: object = new Proxy(
    {},
    {
      get(_target, prop) {
        if (prop === 'visitChildren') return visitChildren;
        if (prop === 'visitTerminal' || prop === 'visitErrorNode') return () => undefined;
        if (typeof prop !== 'string' || !prop.startsWith('visit')) return undefined;
        const rule = prop.slice(5);
        const check = checks[rule];
        if (check) return check;
        if (allowed.has(rule)) return visitChildren;
        if (subqueries.has(rule)) return () => refuse(() => l10n.t("{0} holds a subquery: a view's condition reads only its own table's columns.", what));
        return (ctx: Ctx) =>
          refuse(() =>
            l10n.t(
              "{0} holds `{1}`, which a view's condition may not use: only comparisons, AND/OR/NOT, IN lists, LIKE, BETWEEN, IS NULL, CASE, CAST, literals and the allowed functions.",
              what,
              ctx.getText().slice(0, 40),
            ),
          );
      },
    },
  );
  tree.accept(visitor);
  return why;
}

/**
 * Checks a view's `where` against the table's `columns` and returns it unchanged; refuses (SqlSafetyError,
 * saying why) anything but one boolean expression over those columns.
 */
export function checkPredicate(where: string, columns: Iterable<string>, what = l10n.t("The view's `where`")): string {
  const names = new Set(columns);
  const key = `${what}\u0000${[...names].sort().join(',')}\u0000${where}`;
  let why = cache.get(key);
  if (why === undefined) {
    why = refusal(where, names, what);
    if (cache.size > 500) cache.clear();
    cache.set(key, why);
  }
  if (why !== null) throw new SqlSafetyError(why());
  return where;
}
