/**
 * The spec against its Oracle source, when a dictionary is at hand (tablespec.yaml `oracle.dictionary`,
 * or a live connection): columns absent from the source, types and nullability that differ, and source
 * columns the spec does not have (with a fix that adds them). Caught before the load, not after.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Fix, type Problem } from '../core/problem';
import { columnLines } from '../oracle/generate-spec';
import { parseOracleType } from '../oracle/parse-oracle-type';
import type { OracleType } from '../oracle/oracle-type';
import type { SourceColumn } from '../oracle/source-table';
import { sameStoredType, storedFromType } from '../oracle/stored-type';
import { isSeq } from '../document/yaml-edits';
import type { RuleContext, SourceDictionary } from '../document/spec-model';
import { get, getPair, str } from '../document/yaml-node';

export type { SourceDictionary };

/**
 * Whether the spec's type is the source's, compared as ALL_TAB_COLUMNS records them (the dictionary's own
 * fields when the source is a dictionary; a DDL type is first turned into what Oracle would record).
 */
function sameType(spec: OracleType, src: SourceColumn, extended: boolean): boolean {
  const parsed = src.stored ? undefined : parseOracleType(src.type, { extended }).type;
  const stored = src.stored ?? (parsed ? storedFromType(parsed) : undefined);
  if (!stored) return spec.canonical === src.type.toUpperCase();
  return sameStoredType(storedFromType(spec), stored);
}

export function checkSource(ctx: RuleContext): Problem[] {
  const dict = ctx.source;
  const root = ctx.model.root;
  const objectNode = get(get(root, 'source'), 'object');
  const object = str(objectNode);
  if (!dict || !object || !objectNode) return [];
  const key = object.replace(/"/g, '');
  const table = dict.lookup(key);
  if (table === 'unknown') return [];
  if (!table) return [problem('source-table-missing', 'warning', objectNode, l10n.t("{0} is not in {1}: check `source.object`, or export the table's dictionary rows.", object, dict.label))];
  const extended = ctx.config.maxStringSize === 'extended';
  const problems: Problem[] = [];
  const bySource = new Map(table.columns.map((c) => [c.name, c]));
  const mapped = new Set<string>();
  for (const c of ctx.model.columns) {
    if (!c.name) continue;
    const sourceName = (str(get(c.node, 'source')) ?? c.name.toUpperCase()).replace(/^"|"$/g, '');
    const src = bySource.get(sourceName) ?? bySource.get(sourceName.toUpperCase());
    const nameNode = get(c.node, 'name') ?? c.node;
    if (!src) {
      problems.push(
        problem('source-column-missing', 'warning', get(c.node, 'source') ?? nameNode, l10n.t('{0} has no column {1} ({2}): the load would find nothing to read.', object, sourceName, dict.label)),
      );
      continue;
    }
    mapped.add(src.name);
    const oracleNode = get(c.node, 'oracle');
    if (oracleNode && c.oracle && !sameType(c.oracle, src, extended)) {
      const fix: Fix[] = [{ title: l10n.t("Use the source's type `{0}`", src.type), edits: [{ start: oracleNode.start, end: oracleNode.end, newText: src.type }], preferred: true }];
      problems.push(
        problem('source-type-differs', 'warning', oracleNode, l10n.t('The spec says {0}, {1}.{2} is {3} ({4}).', str(oracleNode) ?? c.oracle.canonical, object, src.name, src.type, dict.label), fix),
      );
    }
    const nullableNode = get(c.node, 'nullable');
    if (!c.nullable && src.nullable) {
      problems.push(
        problem(
          'source-nullability-differs',
          'warning',
          nullableNode ?? nameNode,
          l10n.t('The spec says NOT NULL, but {0}.{1} allows NULL: a NULL in the extract would fail the load.', object, src.name),
        ),
      );
    } else if (c.nullable && !src.nullable && c.node.kind === 'map') {
      const edit = nullableNode ? { start: nullableNode.start, end: nullableNode.end, newText: 'false' } : undefined;
      problems.push(
        problem(
          'source-nullability-differs',
          'info',
          nullableNode ?? nameNode,
          l10n.t('{0}.{1} is NOT NULL; say `nullable: false` so that the table says so too.', object, src.name),
          edit ? [{ title: l10n.t('Set `nullable: false`'), edits: [edit] }] : [],
        ),
      );
    }
  }
  const unmapped = table.columns.filter((c) => !mapped.has(c.name));
  if (unmapped.length) {
    const columnsPair = getPair(root, 'columns');
    const list = columnsPair?.value;
    const fixes: Fix[] = [];
    if (columnsPair && isSeq(list) && !list.flow) {
      const used = new Set(ctx.model.columns.map((c) => c.key ?? ''));
      const first = list.items[0];
      const indent = first ? ' '.repeat(first.start - ctx.text.lastIndexOf('\n', first.start - 1) - 3) : '  ';
      const lines = unmapped.flatMap((c) => {
        const r = columnLines(c, { defaultEncrypt: ctx.config.defaultEncrypt, extended }, used, indent);
        return 'lines' in r ? r.lines : [];
      });
      const at = list.end;
      const lineStart = ctx.text[at - 1] === '\n';
      if (lines.length)
        fixes.push({
          title: unmapped.length > 1 ? l10n.t('Add the {0} source columns', unmapped.length) : l10n.t('Add the source column'),
          edits: [{ start: at, end: at, newText: lineStart ? lines.join('\n') + '\n' : '\n' + lines.join('\n') }],
        });
    }
    const names = unmapped.map((c) => c.name);
    const listed = `${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`;
    const message = names.length > 1 ? l10n.t('{0} has columns the spec does not load: {1}.', object, listed) : l10n.t('{0} has a column the spec does not load: {1}.', object, listed);
    problems.push(problem('source-columns-unmapped', 'info', columnsPair?.key ?? objectNode, message, fixes));
  }
  return problems;
}
