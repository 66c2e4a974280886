/** Column names are unique in a table, case-insensitively (Athena lower-cases every name). */
import { problem, type Problem } from '../core/problem';
import type { RuleContext } from '../spec/spec-model';
import { get } from '../spec/yaml-node';

export function checkDuplicateColumns({ model }: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  for (const c of model.columns) {
    if (!c.name) continue;
    const key = c.name.toLowerCase();
    const seen = first.get(key);
    if (seen === undefined) first.set(key, c.index);
    else problems.push(problem('duplicate-column', 'error', get(c.node, 'name') ?? c.node, `Column \`${c.name}\` is already defined (column ${seen + 1}); names must be unique in a table.`));
  }
  return problems;
}
