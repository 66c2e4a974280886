/** Hover: what an Oracle type holds and becomes, what a rule does, what a key means. */
import * as l10n from '@vscode/l10n';
import { escapeMarkdown as md } from '../core/markdown';
import { formatGlueType, parseGlueType } from '../glue/glue-type';
import { mapOracleType } from '../glue/map-oracle-type';
import { parseOracleType } from '../oracle/parse-oracle-type';
import type { OracleType } from '../oracle/oracle-type';
import { ruleByName, type CleansingRule } from '../rules/cleansing-catalogue';
import { piiLabels, sensitiveKinds, type PiiKind } from '../rules/detect-pii';
import { describeSchema, schemaAt } from '../document/schema-model';
import type { YNode, YScalar } from '../document/yaml-node';

function limitsOf(t: OracleType, extended: boolean): string {
  switch (t.family) {
    case 'number':
      return md(t.binaryPrecision ? l10n.t('FLOAT precision: 1 to 126 binary digits (about 0.3 decimal digits each).') : l10n.t('NUMBER precision 1 to 38 digits, scale -84 to 127.'));
    case 'char':
      return md(l10n.t('Length 1 to 2000 (default 1); values are blank-padded to the length.'));
    case 'varchar':
      return md(l10n.t('Length 1 to {0} bytes (MAX_STRING_SIZE={1}); the cap is in bytes even with CHAR.', extended ? 32767 : 4000, extended ? 'EXTENDED' : 'STANDARD'));
    case 'raw':
      return md(l10n.t('Length 1 to {0} bytes.', extended ? 32767 : 2000));
    case 'timestamp':
      return md(l10n.t('Fractional seconds 0 to 9 (default 6).'));
    case 'interval':
      return md(l10n.t('Leading precision 0 to 9 (default 2); fractional seconds 0 to 9 (default 6).'));
    case 'date':
      return md(l10n.t('Year, month, day, hour, minute, second; no fraction, no zone; 4712 BC to 9999 AD.'));
    default:
      return '';
  }
}

function describeRule(rule: CleansingRule): string {
  return `**${md(rule.name)}** (${rule.input === 'string' ? l10n.t('text') : l10n.t('any value')})\n\n${md(rule.summary())}\n\n\`${rule.example}\``;
}

/** The path of keys to a node and the node itself, deepest first found. */
export function findAt(root: YNode | null, offset: number): { path: string[]; node: YScalar; isKey: boolean } | undefined {
  const path: string[] = [];
  let n: YNode | null = root;
  while (n) {
    if (n.kind === 'scalar') return offset >= n.start && offset <= n.end ? { path, node: n, isKey: false } : undefined;
    if (n.kind === 'map') {
      let next: YNode | null = null;
      for (const p of n.pairs) {
        if (offset >= p.key.start && offset <= p.key.end) return { path: [...path, p.key.text], node: p.key, isKey: true };
        if (p.value && offset >= p.value.start && offset <= p.value.end) {
          path.push(p.key.text);
          next = p.value;
          break;
        }
      }
      n = next;
    } else {
      let next: YNode | null = null;
      for (const item of n.items) {
        if (item && offset >= item.start && offset <= item.end) {
          path.push('[]');
          next = item;
          break;
        }
      }
      n = next;
    }
  }
  return undefined;
}

export function hover(root: YNode | null, offset: number, extended: boolean): { markdown: string; start: number; end: number } | undefined {
  const found = findAt(root, offset);
  if (!found) return undefined;
  const { path, node, isKey } = found;
  const key = path[path.length - 1] ?? '';
  const at = { start: node.start, end: node.end };
  if (isKey) {
    const s = schemaAt(path);
    if (path[path.length - 2] === '[]' && path[path.length - 3] === 'cleansing') {
      const rule = ruleByName.get(key);
      if (rule) return { markdown: describeRule(rule), ...at };
    }
    return s ? { markdown: describeSchema(key, s), ...at } : undefined;
  }
  if (key === 'oracle' && path[0] === 'columns' && typeof node.value === 'string') {
    const parsed = parseOracleType(node.value, { extended });
    if (!parsed.type) return { markdown: `${l10n.t('**{0}**: not a valid Oracle type.', md(node.value))}\n\n${parsed.problems.map((p) => md(p.message)).join('\n\n')}`, ...at };
    const m = mapOracleType(parsed.type);
    const lines = [
      `**${md(parsed.type.canonical)}** → **${md(m.glue ? formatGlueType(m.glue) : l10n.t('not loadable'))}**`,
      md(m.reason),
      limitsOf(parsed.type, extended),
      ...m.notes.map((n) => `_${n.severity}_: ${md(n.message)}`),
    ];
    return { markdown: lines.filter(Boolean).join('\n\n'), ...at };
  }
  if (key === 'type' && path[0] === 'columns' && typeof node.value === 'string') {
    const parsed = parseGlueType(node.value);
    return {
      markdown: parsed.type ? l10n.t('Glue/Athena type **{0}** (overrides the mapping of the Oracle type).', md(formatGlueType(parsed.type))) : parsed.problems.map((p) => md(p.message)).join('\n\n'),
      ...at,
    };
  }
  if (path[path.length - 2] === 'cleansing' && typeof node.value === 'string') {
    const rule = ruleByName.get(node.value);
    if (rule) return { markdown: describeRule(rule), ...at };
  }
  if (key === 'pii' && typeof node.value === 'string' && node.value in piiLabels) {
    const kind = node.value as PiiKind;
    return {
      markdown: `**${md(piiLabels[kind]())}**\n\n${md(sensitiveKinds.has(kind) ? l10n.t('The law requires it encrypted at rest (개인정보의 안전성 확보조치 기준 §7).') : l10n.t('No statutory at-rest mandate; most policies encrypt or mask it.'))}`,
      ...at,
    };
  }
  const s = schemaAt(path);
  return s ? { markdown: describeSchema(key, s), ...at } : undefined;
}
