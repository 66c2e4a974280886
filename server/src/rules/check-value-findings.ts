/**
 * What a value scan found (`tablespec scan`, or the editor's scan command), shown on the spec: a column
 * whose sampled values hold personal data the spec does not declare gets `pii-in-values`, with the quick
 * fix that marks it (`pii` and `encrypt`). Only counts and masked examples come this far.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Fix, type Problem } from '../core/problem';
import { findingMessage } from '../privacy/scan-messages';
import { addKeys, isMap } from '../document/yaml-edits';
import type { RuleContext, ValueFindings } from '../document/spec-model';
import { get, str } from '../document/yaml-node';
import { sensitiveKinds, type PiiKind } from './detect-pii';

/** The findings of the last scan of this table, by column name. */
export type { ValueFindings };

export function checkValueFindings(ctx: RuleContext): Problem[] {
  const found = ctx.values;
  if (!found?.size) return [];
  const problems: Problem[] = [];
  for (const c of ctx.model.columns) {
    if (!c.name) continue;
    const findings = found.get(c.name);
    if (!findings?.length) continue;
    const written = str(get(c.node, 'pii'));
    const encryptNode = get(c.node, 'encrypt');
    for (const f of findings) {
      const kind: PiiKind = f.kind;
      // Declared already, or protected: nothing to add. Said already by the name check (same kind, no
      // encrypt): its warning carries the same fix.
      if (written === kind || (c.encrypt && written !== undefined && written !== 'none')) continue;
      if (written === undefined && c.pii === kind && !c.encrypt) continue;
      const method = ctx.config.defaultEncrypt;
      const fixes: Fix[] = [];
      if (isMap(c.node)) {
        const piiNode = get(c.node, 'pii');
        const edits = [];
        const added: [string, string][] = [];
        if (piiNode) edits.push({ start: piiNode.start, end: piiNode.end, newText: kind });
        else added.push(['pii', kind]);
        if (!encryptNode) added.push(['encrypt', method]);
        if (added.length) edits.push(addKeys(ctx.text, c.node, added));
        fixes.push({ title: l10n.t('Mark as `pii: {0}` and `encrypt: {1}`', kind, method), edits, preferred: true });
      }
      const anchor = get(c.node, 'name') ?? c.node;
      problems.push(problem('pii-in-values', sensitiveKinds.has(kind) ? 'warning' : 'info', anchor, findingMessage(f, method), fixes));
    }
  }
  return problems;
}
