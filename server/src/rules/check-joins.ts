/**
 * Joins point at another spec of the workspace, on columns both tables have, with the same target
 * type and the same protection (a hashed column joins only with a column hashed the same way).
 * The rule is in two steps so that a workspace is read in one pass: what a spec's joins ask is taken
 * when the spec is checked (plain data, small), and answered once every spec is indexed.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Problem, type Span } from '../core/problem';
import { formatGlueType } from '../glue/glue-type';
import { closest } from '../document/closest';
import { stringItems, type RuleContext, type SpecModel } from '../document/spec-model';
import type { WorkspaceView } from '../document/workspace-index';
import { get, str } from '../document/yaml-node';

/** One join of a spec: the table it names, and each `on` column with what this spec says of it. */
export interface JoinRef {
  table: string;
  at: Span;
  on: { column: string; at: Span; mine?: { type: string; encrypted: boolean } }[];
}

/** What the spec's joins ask of the workspace. */
export function joinRefs(model: SpecModel): JoinRef[] {
  const refs: JoinRef[] = [];
  const joins = get(model.root, 'joins');
  if (joins?.kind !== 'seq') return refs;
  for (const join of joins.items) {
    const tableNode = get(join, 'table');
    const name = str(tableNode);
    if (!name || !tableNode || !/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(name)) continue; // the schema reports the shape
    const on = stringItems(get(join, 'on')).map((n) => {
      const column = String(n.value);
      const mine = model.byName.get(column.toLowerCase());
      // Unknown here: reported by the reference check.
      return { column, at: { start: n.start, end: n.end }, ...(mine?.target ? { mine: { type: formatGlueType(mine.target), encrypted: !!mine.encrypt } } : {}) };
    });
    refs.push({ table: name, at: { start: tableNode.start, end: tableNode.end }, on });
  }
  return refs;
}

/** The problems of a spec's joins, given the other specs of the workspace. */
export function resolveJoins(refs: JoinRef[], workspace: WorkspaceView): Problem[] {
  const problems: Problem[] = [];
  for (const { table: name, at, on } of refs) {
    const other = workspace.find(name);
    if (!other) {
      const guess = closest(name, workspace.names());
      problems.push(
        problem(
          'join-unknown-table',
          'error',
          at,
          guess ? l10n.t('No spec in the workspace defines `{0}`. Did you mean `{1}`?', name, guess) : l10n.t('No spec in the workspace defines `{0}`.', name),
          guess ? [{ title: l10n.t('Change to `{0}`', guess), edits: [{ start: at.start, end: at.end, newText: guess }], preferred: true }] : [],
        ),
      );
      continue;
    }
    for (const { column, at: colAt, mine } of on) {
      const theirs = other.columns.get(column.toLowerCase());
      if (!theirs) {
        problems.push(problem('join-column-unknown', 'error', colAt, l10n.t('`{0}` has no column `{1}`.', name, column)));
        continue;
      }
      if (!mine) continue;
      if (mine.type !== theirs.type)
        problems.push(problem('join-type-mismatch', 'error', colAt, l10n.t('`{0}` is {1} here but {2} in `{3}`: the join would compare different types.', column, mine.type, theirs.type, name)));
      else if (mine.encrypted !== theirs.encrypted)
        problems.push(
          problem(
            'join-encryption-mismatch',
            'warning',
            colAt,
            mine.encrypted
              ? l10n.t('`{0}` is encrypted here but not encrypted in `{1}`: hashed and plain values never match.', column, name)
              : l10n.t('`{0}` is not encrypted here but encrypted in `{1}`: hashed and plain values never match.', column, name),
          ),
        );
    }
  }
  return problems;
}

export function checkJoins(ctx: RuleContext): Problem[] {
  return resolveJoins(joinRefs(ctx.model), ctx.workspace);
}
