/**
 * Joins point at another spec of the workspace, on columns both tables have, with the same target
 * type and the same protection (a hashed column joins only with a column hashed the same way).
 */
import * as l10n from '@vscode/l10n';
import { problem, type Problem } from '../core/problem';
import { formatGlueType } from '../glue/glue-type';
import { closest } from '../spec/closest';
import { stringItems, type RuleContext } from '../spec/spec-model';
import { get, str } from '../spec/yaml-node';

export function checkJoins(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const joins = get(ctx.model.root, 'joins');
  if (joins?.kind !== 'seq') return problems;
  for (const join of joins.items) {
    const tableNode = get(join, 'table');
    const name = str(tableNode);
    if (!name || !tableNode || !/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(name)) continue; // the schema reports the shape
    const other = ctx.workspace.find(name);
    if (!other) {
      const guess = closest(name, ctx.workspace.names());
      problems.push(problem('join-unknown-table', 'error', tableNode, guess ? l10n.t('No spec in the workspace defines `{0}`. Did you mean `{1}`?', name, guess) : l10n.t('No spec in the workspace defines `{0}`.', name), guess ? [{ title: l10n.t('Change to `{0}`', guess), edits: [{ start: tableNode.start, end: tableNode.end, newText: guess }], preferred: true }] : []));
      continue;
    }
    for (const on of stringItems(get(join, 'on'))) {
      const col = String(on.value).toLowerCase();
      const mine = ctx.model.byName.get(col);
      const theirs = other.columns.get(col);
      if (!theirs) {
        problems.push(problem('join-column-unknown', 'error', on, l10n.t('`{0}` has no column `{1}`.', name, String(on.value))));
        continue;
      }
      if (!mine?.target) continue; // unknown here: reported by the reference check
      const myType = formatGlueType(mine.target);
      if (myType !== theirs.type) problems.push(problem('join-type-mismatch', 'error', on, l10n.t('`{0}` is {1} here but {2} in `{3}`: the join would compare different types.', String(on.value), myType, theirs.type, name)));
      else if (!!mine.encrypt !== theirs.encrypted) problems.push(problem('join-encryption-mismatch', 'warning', on, mine.encrypt ? l10n.t('`{0}` is encrypted here but not encrypted in `{1}`: hashed and plain values never match.', String(on.value), name) : l10n.t('`{0}` is not encrypted here but encrypted in `{1}`: hashed and plain values never match.', String(on.value), name)));
    }
  }
  return problems;
}
