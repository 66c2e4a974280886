/**
 * A view's `where`, parsed by DuckDB itself right before a local deploy. The checker reads it with Trino's
 * grammar (sql/check-predicate.ts); DuckDB knows string forms Trino does not (`E'…'`, `$$…$$`), so the
 * statement DuckDB runs is checked with DuckDB's own parser too: `json_serialize_sql` returns the parse
 * tree of `SELECT * FROM t WHERE <where>` without running anything (DuckDB docs, "SQL to / from JSON").
 * The tree must be that one SELECT with nothing added, and its condition only comparisons, AND/OR/NOT,
 * IN lists, LIKE, BETWEEN, IS NULL, CASE, CAST, constants, the table's columns and the allowed functions.
 */
import * as l10n from '@vscode/l10n';
import type { DuckDBConnection } from '@duckdb/node-api';
import { allowedFunctions } from '../../sql/check-predicate';
import { qualified, SqlSafetyError } from '../../sql/identifiers';

// Operators DuckDB writes as functions: arithmetic, `||`, LIKE (~~) and NOT LIKE (!~~), EXTRACT (date_part).
const operatorFunctions = new Set(['+', '-', '*', '/', '%', '||', '~~', '!~~', 'date_part']);
const operators = new Set(['COMPARE_IN', 'COMPARE_NOT_IN', 'OPERATOR_IS_NULL', 'OPERATOR_IS_NOT_NULL', 'OPERATOR_NOT', 'OPERATOR_COALESCE', 'OPERATOR_NULLIF']);
// Special values DuckDB's parser leaves as column names and binds as functions.
const specialNames = new Set(['current_date', 'current_timestamp']);

type Json = Record<string, unknown>;

/** Why DuckDB's tree of the condition is refused, or null. */
function refusal(node: unknown, columns: ReadonlySet<string>, what: string): string | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const why = refusal(n, columns, what);
      if (why) return why;
    }
    return null;
  }
  if (!node || typeof node !== 'object') return null;
  const n = node as Json;
  if ('subquery' in n || n.class === 'SUBQUERY') return l10n.t("{0} holds a subquery: a view's condition reads only its own table's columns.", what);
  switch (n.class) {
    case undefined:
    case 'CONSTANT':
    case 'COMPARISON':
    case 'CONJUNCTION':
    case 'BETWEEN':
    case 'CASE':
    case 'CAST':
      break;
    case 'OPERATOR':
      if (!operators.has(String(n.type))) return l10n.t("{0} holds the operator {1}, which a view's condition may not use.", what, String(n.type));
      break;
    case 'COLUMN_REF': {
      const names = (n.column_names as string[]) ?? [];
      const name = (names[0] ?? '').toLowerCase();
      if (names.length !== 1) return l10n.t('{0} names `{1}`: name the columns of the table without a qualifier.', what, names.join('.'));
      if (!columns.has(name) && !specialNames.has(name)) return l10n.t('{0} names `{1}`, which is not a column of the table.', what, name);
      break;
    }
    case 'FUNCTION': {
      const name = String(n.function_name).toLowerCase();
      // DuckDB's parser writes TRIM and EXTRACT as `main.trim` and `main.date_part`: the built-ins, not a user's.
      if ((n.schema && n.schema !== 'main') || n.catalog || !(allowedFunctions.has(name) || operatorFunctions.has(name)))
        return l10n.t('{0} calls `{1}`, which a view condition may not use (allowed: {2}).', what, name, [...allowedFunctions].join(', '));
      if (n.filter || n.distinct || ((n.order_bys as { orders?: unknown[] } | undefined)?.orders ?? []).length)
        return l10n.t("{0} holds `{1}` with a FILTER, DISTINCT or ORDER BY, which a view's condition may not use.", what, name);
      break;
    }
    default:
      return l10n.t("{0} holds a {1} expression, which a view's condition may not use.", what, String(n.class));
  }
  for (const [key, value] of Object.entries(n)) {
    // A cast's target type and a constant's value are data, not expressions.
    if (key === 'cast_type' || key === 'value') continue;
    const why = refusal(value, columns, what);
    if (why) return why;
  }
  return null;
}

/**
 * Parses `SELECT * FROM <table> WHERE <where>` with DuckDB's parser and refuses (SqlSafetyError) anything
 * but that one statement with one condition over `columns`. Runs nothing: the text is a parameter.
 */
export async function checkPredicateDuckdb(
  connection: DuckDBConnection,
  where: string,
  database: string,
  table: string,
  columns: Iterable<string>,
  what = l10n.t("The view's `where`"),
): Promise<void> {
  const sql = `SELECT * FROM ${qualified(database, table)} WHERE ${where}`;
  let tree: { error: boolean; error_message?: string; statements?: { node: Json }[] };
  try {
    const r = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS tree', [sql]);
    tree = JSON.parse(String(r.getRowObjectsJson()[0]?.tree)) as typeof tree;
  } catch (err) {
    // json_serialize_sql refuses what is not a SELECT (a second statement of another kind, say).
    tree = { error: true, error_message: ((err as Error).message ?? String(err)).split('\n')[0]! };
  }
  if (tree.error) throw new SqlSafetyError(l10n.t('{0} is not one SQL condition to DuckDB: {1}', what, String(tree.error_message)));
  const statements = tree.statements ?? [];
  if (statements.length !== 1) throw new SqlSafetyError(l10n.t('{0} reads as {1} statements to DuckDB: it must be one condition, not several statements.', what, statements.length));
  const node = statements[0]!.node;
  const cte = ((node.cte_map as { map?: unknown[] } | undefined)?.map ?? []).length;
  const extra = node.type !== 'SELECT_NODE' || cte || (node.modifiers as unknown[]).length || (node.group_expressions as unknown[]).length || node.having || node.qualify || node.sample;
  if (extra) throw new SqlSafetyError(l10n.t('{0} goes on after its condition (a set operation, grouping, ordering or limit): it must be one condition.', what));
  const why = refusal(node.where_clause, new Set([...columns].map((c) => c.toLowerCase())), what);
  if (why) throw new SqlSafetyError(why);
}
