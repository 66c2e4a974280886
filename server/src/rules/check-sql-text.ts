/**
 * The places where a spec holds SQL of its own or names that go into SQL as written: a view's `where`
 * (one condition over the table's columns, read with Trino's grammar), the Oracle optimizer hint (a hint
 * body, no comment markers) and the Oracle source column names (Oracle's naming rules). Checked as the
 * engineer types, with the same functions the statement builders call before any statement runs.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Problem } from '../core/problem';
import { isHintBody, oracleIdent } from '../oracle/oracle-names';
import { checkPredicate } from '../sql/check-predicate';
import { SqlSafetyError } from '../sql/identifiers';
import type { RuleContext } from '../document/spec-model';
import { get, nodeAt, str, type YNode } from '../document/yaml-node';
import { problemsByOrigin } from './problems-by-origin';

/** Runs `check`; a refusal becomes an `unsafe-sql` error on `node`. */
function refused(node: YNode, check: () => unknown): Problem[] {
  try {
    check();
    return [];
  } catch (err) {
    if (err instanceof SqlSafetyError) return [problem('unsafe-sql', 'error', node, l10n.t('{0} No statement will run with it.', err.message))];
    throw err;
  }
}

// A column's `source` problems, kept while its text is.
const sourceProblems = problemsByOrigin();

export function checkSqlText(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const views = get(ctx.model.root, 'views');
  if (views?.kind === 'seq') {
    const columns = ctx.model.columns.flatMap((c) => (c.name ? [c.name] : []));
    for (const v of views.items) {
      const where = get(v, 'where');
      const text = str(where);
      if (!where || text === undefined) continue;
      problems.push(...refused(where, () => checkPredicate(text, columns, '`where`')));
    }
  }
  for (const c of ctx.model.columns) {
    const found = sourceProblems(c.node, () => {
      const source = get(c.node, 'source');
      const name = str(source);
      return source && name !== undefined ? refused(source, () => oracleIdent(name)) : [];
    });
    for (const p of found) problems.push(p);
  }
  const hint = nodeAt(ctx.model.root, ['source', 'extract', 'hint']);
  const hintText = str(hint);
  if (hint && hintText !== undefined && !isHintBody(hintText)) {
    problems.push(problem('unsafe-sql', 'error', hint, l10n.t('The hint must be a hint body such as `PARALLEL(8)` or `FULL(t) INDEX(t pk_t)`: no `/*+`, `*/`, `;`, quotes or comments.')));
  }
  return problems;
}
