/**
 * The two places where a spec holds SQL of its own: a view's `where` (one condition) and the Oracle
 * optimizer hint (a hint body, no comment markers). Checked as the engineer types, with the same rule the
 * engines apply before any statement runs.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Problem } from '../core/problem';
import { checkPredicate } from '../sql/check-predicate';
import { SqlSafetyError } from '../sql/identifiers';
import type { RuleContext } from '../spec/spec-model';
import { get, nodeAt, str } from '../spec/yaml-node';

// A hint body: words, numbers, parentheses, commas, dots, quoted names. `*/` would end the comment it lives in.
const hintBody = /^[A-Za-z0-9_$#(),.\s"]*$/;

export function checkSqlText(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const views = get(ctx.model.root, 'views');
  if (views?.kind === 'seq') {
    for (const v of views.items) {
      const where = get(v, 'where');
      const text = str(where);
      if (!where || text === undefined) continue;
      try {
        checkPredicate(text, '`where`');
      } catch (err) {
        if (err instanceof SqlSafetyError) problems.push(problem('unsafe-sql', 'error', where, l10n.t('{0} No statement will run with it.', err.message)));
        else throw err;
      }
    }
  }
  const hint = nodeAt(ctx.model.root, ['source', 'extract', 'hint']);
  const hintText = str(hint);
  if (hint && hintText !== undefined && !hintBody.test(hintText)) {
    problems.push(problem('unsafe-sql', 'error', hint, l10n.t('The hint must be a hint body such as `PARALLEL(8)` or `FULL(t) INDEX(t pk_t)`: no `/*+`, `*/`, `;`, quotes or comments.')));
  }
  return problems;
}
