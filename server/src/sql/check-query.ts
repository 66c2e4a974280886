/**
 * A query an engineer types for Athena (preview --sql, the query command) must only read. Athena has no
 * read-only session to lean on, so the text is parsed with Trino's grammar (Athena's DML engine) and only a
 * single query is admitted: SELECT, WITH … SELECT, VALUES, TABLE, the SHOW and DESCRIBE statements, and
 * EXPLAIN (ANALYZE) of one of those. Anything the grammar reads as another statement, or cannot read at all
 * (Athena's UNLOAD and USING EXTERNAL FUNCTION included), is refused, saying why.
 */
import * as l10n from '@vscode/l10n';
import type { TrinoSQL } from 'dt-sql-parser';
import { newTrinoParser } from './trino-grammar';
import { SqlSafetyError } from './identifiers';

// Statement rules (Trino's visitor names) that only read.
const reading = new Set([
  'StatementDefault',
  'ShowTables',
  'ShowSchemas',
  'ShowCatalogs',
  'ShowColumns',
  'ShowStats',
  'ShowStatsForQuery',
  'ShowCreateTable',
  'ShowCreateView',
  'ShowCreateSchema',
  'ShowCreateMaterializedView',
  'ShowFunctions',
  'ShowSession',
  'ShowTableComment',
  'ShowColumnComment',
  'ShowRoles',
  'ShowRoleGrants',
  'ShowGrants',
  'DescribeInput',
  'DescribeOutput',
]);

let parser: TrinoSQL | undefined;

type Ctx = { getText(): string; children?: Ctx[] | null; accept(v: unknown): unknown; statement?: () => Ctx | null; rootQuery?: () => { withFunction(): unknown } | null };

/** The grammar rule of a parse-tree node, as the parser names it to a visitor (names survive minifying; class names do not). */
const ruleNamer: object = new Proxy({}, { get: (_t, prop) => (typeof prop === 'string' && prop.startsWith('visit') ? () => prop.slice(5) : undefined) });
const ruleOf = (ctx: Ctx): string => ctx.accept(ruleNamer) as string;

/** Words for a statement rule: `InsertInto` → `INSERT INTO`. */
const words = (rule: string) => rule.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();

/** The top-level statements of a parsed text. */
function statementsOf(ctx: Ctx, out: Ctx[] = []): Ctx[] {
  for (const c of ctx.children ?? []) {
    const rule = ruleOf(c);
    if (rule === 'Terminal') continue;
    if (rule === 'Statements' || rule === 'SingleStatement') statementsOf(c, out);
    else out.push(c);
  }
  return out;
}

/** What a statement does that a query may not, or undefined when it only reads. */
function refusalOf(statement: Ctx): string | undefined {
  const rule = ruleOf(statement);
  // EXPLAIN ANALYZE runs the statement it explains: only a reading one may follow.
  if (rule === 'Explain' || rule === 'ExplainAnalyze') {
    const inner = statement.statement?.();
    return inner ? refusalOf(inner) : words(rule);
  }
  if (!reading.has(rule)) return words(rule);
  // WITH FUNCTION defines code for the query to run.
  if (rule === 'StatementDefault' && statement.rootQuery?.()?.withFunction()) return 'WITH FUNCTION';
  // A table function (`TABLE(system.query(…))`) can pass text to a connector that runs it as it is.
  if (contains(statement, 'TableFunctionInvocation')) return 'TABLE(…)';
  return undefined;
}

function contains(ctx: Ctx, rule: string): boolean {
  return (ctx.children ?? []).some((c) => ruleOf(c) === rule || contains(c, rule));
}

/** Returns the query when it only reads; refuses (SqlSafetyError, saying why) anything else. */
export function checkAthenaQuery(sql: string): string {
  if (!sql.trim()) throw new SqlSafetyError(l10n.t('The query is empty.'));
  parser ??= newTrinoParser();
  const errors: string[] = [];
  const p = parser.createParser(sql, (e: { message: string }) => errors.push(e.message)) as unknown as { program(): Ctx };
  const tree = p.program();
  if (errors.length)
    throw new SqlSafetyError(
      l10n.t("Athena's query grammar does not read this as one query (queries only read: SELECT, WITH … SELECT, VALUES, SHOW, DESCRIBE, EXPLAIN): {0}. Nothing was run.", errors[0]!),
    );
  const statements = statementsOf(tree);
  if (statements.length !== 1) throw new SqlSafetyError(l10n.t('A query runs one statement at a time; this text holds {0}. Nothing was run.', statements.length));
  const refusal = refusalOf(statements[0]!);
  if (refusal) throw new SqlSafetyError(l10n.t('Queries only read (SELECT, WITH … SELECT, VALUES, SHOW, DESCRIBE, EXPLAIN); this one is {0}. Nothing was run.', refusal));
  return sql;
}
