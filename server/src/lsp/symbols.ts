/** Document symbols: the table, its columns (with their types) and its views, for the outline. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { formatGlueType } from '../glue/glue-type';
import type { LineIndex } from '../core/line-index';
import type { SpecModel } from '../document/spec-model';
import { get, getPair, str } from '../document/yaml-node';
import { toRange } from './convert';

export function documentSymbols(model: SpecModel, index: LineIndex): DocumentSymbol[] {
  const root = model.root;
  if (!root) return [];
  const columns: DocumentSymbol[] = model.columns
    .filter((c) => c.name)
    .map((c) => {
      const nameNode = get(c.node, 'name')!;
      return {
        name: c.name!,
        detail: `${c.oracle?.canonical ?? '?'} → ${c.target ? formatGlueType(c.target) : '?'}`,
        kind: SymbolKind.Field,
        range: toRange(index, c.node.start, c.node.end),
        selectionRange: toRange(index, nameNode.start, nameNode.end),
      };
    });
  const views: DocumentSymbol[] = [];
  const viewList = get(root, 'views');
  if (viewList?.kind === 'seq') {
    for (const v of viewList.items) {
      const nameNode = get(v, 'name');
      const name = str(nameNode);
      if (v && name && nameNode) views.push({ name, kind: SymbolKind.Interface, detail: 'view', range: toRange(index, v.start, v.end), selectionRange: toRange(index, nameNode.start, nameNode.end) });
    }
  }
  const tableNode = get(root, 'table') ?? getPair(root, 'table')?.key ?? root;
  const name = model.table ? `${model.database ?? '?'}.${model.table}` : '(table)';
  return [
    { name, detail: model.kind, kind: SymbolKind.Class, range: toRange(index, root.start, root.end), selectionRange: toRange(index, tableNode.start, tableNode.end), children: [...columns, ...views] },
  ];
}
