/**
 * Table-wide facts: the database is named or defaulted, and a table holding personal data with a
 * retention has a purge (신용정보법 §20의2: personal credit information is deleted within 5 years).
 */
import * as l10n from '@vscode/l10n';
import { problem, type Problem } from '../core/problem';
import type { RuleContext } from '../spec/spec-model';
import { get, getPair, nodeAt } from '../spec/yaml-node';

export function checkTable(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const { model } = ctx;
  const root = model.root;
  if (root && !get(root, 'database') && !ctx.config.defaultDatabase) {
    const anchor = getPair(root, 'table')?.key ?? root.pairs[0]?.key ?? { start: 0, end: 0 };
    problems.push(problem('missing-key', 'error', anchor, l10n.t('Missing required key `database`: name the Glue database here, or set `defaults.database` in tablespec.yaml.')));
  }
  const retention = nodeAt(root, ['load', 'retention']);
  const personal = retention ? model.columns.filter((c) => c.pii && c.pii !== 'none') : [];
  if (retention && personal.length && !personal.some((c) => c.hasPurge)) {
    problems.push(
      problem('purge-missing', 'info', retention, l10n.t('This table keeps personal data ({0}) and has a retention, but no column has a `purge`: personal credit information must be destroyed (파기) after the relationship ends (신용정보법 §20의2).', `${personal.slice(0, 3).map((c) => c.name).join(', ')}${personal.length > 3 ? ', …' : ''}`)),
    );
  }
  return problems;
}
