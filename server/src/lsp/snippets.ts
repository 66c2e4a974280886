/**
 * Snippets of a table spec (snippets/table-spec.json), offered by the server in spec files only (a `snippets`
 * contribution to the `yaml` language would offer them in every YAML file of the workspace).
 */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import bodies from '../../../snippets/table-spec.json';

type Place = 'root' | 'columns' | 'views' | 'joins';

// The snippets' text lives in snippets/table-spec.json; their descriptions here, where l10n finds them.
const descriptions: Record<string, () => string> = {
  'tablespec-table': () => l10n.t('A new table spec: source, load and a first column'),
  'tablespec-column': () => l10n.t('A column with its Oracle type'),
  'tablespec-view': () => l10n.t('A view for data scientists'),
  'tablespec-join': () => l10n.t('A join to another spec'),
};

const snippets = Object.entries(bodies as Record<string, { at: Place; body: string[] }>).map(([prefix, s]) => ({
  prefix,
  at: s.at,
  body: s.body,
  description: descriptions[prefix] ?? (() => prefix),
}));

/**
 * The snippets that fit a key being typed at `path`: the whole spec at the root of a spec without a
 * `table` yet, an item in `columns`, `views` or `joins`.
 */
export function snippetsAt(path: string[], siblings: string[]): CompletionItem[] {
  const where = path.length === 0 ? (siblings.includes('table') ? undefined : 'root') : path.length === 1 ? path[0] : undefined;
  return snippets
    .filter((s) => s.at === where)
    .map((s) => ({ label: s.prefix, kind: CompletionItemKind.Snippet, detail: s.description(), insertText: s.body.join('\n'), insertTextFormat: InsertTextFormat.Snippet, sortText: `2${s.prefix}` }));
}
