/**
 * Every key that names a column names one of this table: load keys, the primary key, partitions, the incremental and
 * split columns, purge bases, view columns and join columns. Where the kind matters (a date to count
 * retention from, a number or date to split on), the column's type is checked too.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Problem } from '../core/problem';
import { isGlueDatetime, isGlueNumeric } from '../glue/glue-type';
import { closest } from '../document/closest';
import { stringItems, type ColumnModel, type RuleContext } from '../document/spec-model';
import { get, nodeAt, type YNode, type YScalar } from '../document/yaml-node';

type Need = 'any' | 'datetime' | 'numeric-or-date';

function resolve(ctx: RuleContext, ref: YScalar, where: string, need: Need, problems: Problem[]): ColumnModel | undefined {
  const name = String(ref.value);
  const col = ctx.model.byName.get(name.toLowerCase());
  if (!col) {
    const guess = closest(name, [...ctx.model.byName.values()].map((c) => c.name!).filter(Boolean));
    problems.push(
      problem(
        'unknown-column',
        'error',
        ref,
        guess ? l10n.t('{0} names `{1}`, which is not a column of this table. Did you mean `{2}`?', where, name, guess) : l10n.t('{0} names `{1}`, which is not a column of this table.', where, name),
        guess ? [{ title: l10n.t('Change to `{0}`', guess), edits: [{ start: ref.start, end: ref.end, newText: guess }], preferred: true }] : [],
      ),
    );
    return undefined;
  }
  const t = col.target;
  if (!t) return col;
  if (need === 'datetime' && !isGlueDatetime(t)) problems.push(problem('column-wrong-kind', 'error', ref, l10n.t('{0} must be a date or timestamp column; `{1}` is {2}.', where, name, t.kind)));
  if (need === 'numeric-or-date' && !isGlueNumeric(t) && !isGlueDatetime(t))
    problems.push(problem('column-wrong-kind', 'error', ref, l10n.t('{0} must be a numeric or date column to split the extract into ranges; `{1}` is {2}.', where, name, t.kind)));
  return col;
}

function single(node: YNode | null | undefined): YScalar | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'string' ? node : undefined;
}

export function checkReferences(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const root = ctx.model.root;
  const load = get(root, 'load');
  for (const k of stringItems(get(load, 'keys'))) resolve(ctx, k, '`load.keys`', 'any', problems);
  for (const k of stringItems(nodeAt(root, ['source', 'primary_key']))) resolve(ctx, k, '`source.primary_key`', 'any', problems);
  for (const k of stringItems(get(load, 'partition_by'))) resolve(ctx, k, '`load.partition_by`', 'any', problems);
  const incremental = single(get(load, 'incremental_by'));
  if (incremental) resolve(ctx, incremental, '`load.incremental_by`', 'datetime', problems);
  const split = single(nodeAt(root, ['source', 'extract', 'split_by']));
  if (split) resolve(ctx, split, '`source.extract.split_by`', 'numeric-or-date', problems);
  for (const c of ctx.model.columns) {
    if (!c.hasPurge) continue;
    const basis = single(nodeAt(c.node, ['purge', 'basis']));
    if (basis) resolve(ctx, basis, '`purge.basis`', 'datetime', problems);
  }
  const views = get(root, 'views');
  if (views?.kind === 'seq') {
    for (const v of views.items) for (const k of stringItems(get(v, 'columns'))) resolve(ctx, k, l10n.t('The view'), 'any', problems);
  }
  const joins = get(root, 'joins');
  if (joins?.kind === 'seq') {
    for (const j of joins.items) for (const k of stringItems(get(j, 'on'))) resolve(ctx, k, l10n.t('The join'), 'any', problems);
  }
  return problems;
}
