/**
 * Joins point at another spec of the workspace, on columns both tables have, with the same target
 * type and the same protection (a hashed column joins only with a column hashed the same way).
 */
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
      problems.push(problem('join-unknown-table', 'error', tableNode, `No spec in the workspace defines \`${name}\`.${guess ? ` Did you mean \`${guess}\`?` : ''}`, guess ? [{ title: `Change to \`${guess}\``, edits: [{ start: tableNode.start, end: tableNode.end, newText: guess }], preferred: true }] : []));
      continue;
    }
    for (const on of stringItems(get(join, 'on'))) {
      const col = String(on.value).toLowerCase();
      const mine = ctx.model.byName.get(col);
      const theirs = other.columns.get(col);
      if (!theirs) {
        problems.push(problem('join-column-unknown', 'error', on, `\`${name}\` has no column \`${on.value}\`.`));
        continue;
      }
      if (!mine?.target) continue; // unknown here: reported by the reference check
      const myType = formatGlueType(mine.target);
      if (myType !== theirs.type) problems.push(problem('join-type-mismatch', 'error', on, `\`${on.value}\` is ${myType} here but ${theirs.type} in \`${name}\`: the join would compare different types.`));
      else if (!!mine.encrypt !== theirs.encrypted) problems.push(problem('join-encryption-mismatch', 'warning', on, `\`${on.value}\` is ${mine.encrypt ? 'encrypted' : 'not encrypted'} here but ${theirs.encrypted ? 'encrypted' : 'not encrypted'} in \`${name}\`: hashed and plain values never match.`));
    }
  }
  return problems;
}
