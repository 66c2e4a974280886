/** Column names are unique in a table, case-insensitively (Athena lower-cases every name). */
import * as l10n from '@vscode/l10n';
import { problem, type Problem } from '../core/problem';
import type { RuleContext } from '../document/spec-model';
import { get } from '../document/yaml-node';

export function checkDuplicateColumns({ model }: RuleContext): Problem[] {
  const problems: Problem[] = [];
  // `byName` holds the first column of each name: any other column of that name is a duplicate.
  for (const c of model.columns) {
    if (c.key === undefined) continue;
    const owner = model.byName.get(c.key)!;
    if (owner === c) continue;
    const seen = owner.index;
    problems.push(
      problem('duplicate-column', 'error', get(c.node, 'name') ?? c.node, l10n.t('Column `{0}` is already defined (column {1}); names must be unique in a table.', c.name ?? '', seen + 1)),
    );
  }
  return problems;
}
