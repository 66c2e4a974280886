/**
 * Snippets of a table spec, offered by the server in spec files only (a `snippets` contribution to the
 * `yaml` language would offer them in every YAML file of the workspace).
 */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';

interface Snippet {
  prefix: string;
  /** Where it belongs: the document's root, or a list of the spec. */
  at: 'root' | 'columns' | 'views' | 'joins';
  description: () => string;
  body: string[];
}

const snippets: Snippet[] = [
  {
    prefix: 'tablespec-table',
    at: 'root',
    description: () => l10n.t('A new table spec: source, load and a first column'),
    body: ['table: ${1:table_name}', 'database: ${2:card_dw}', 'kind: ${3|source,mart|}', 'description: ${4}', 'source:', '  object: ${5:OWNER.TABLE_NAME}', 'load:', '  mode: ${6|overwrite,append,upsert|}', 'columns:', '  - name: ${7:column_name}', '    oracle: ${8:VARCHAR2(100 CHAR)}', '$0'],
  },
  { prefix: 'tablespec-column', at: 'columns', description: () => l10n.t('A column with its Oracle type'), body: ['- name: ${1:column_name}', '  oracle: ${2:VARCHAR2(100 CHAR)}', '  comment: ${3}', '$0'] },
  { prefix: 'tablespec-view', at: 'views', description: () => l10n.t('A view for data scientists'), body: ['- name: ${1:v_table_ds}', '  description: ${2}', '  columns: [${3}]', '$0'] },
  { prefix: 'tablespec-join', at: 'joins', description: () => l10n.t('A join to another spec'), body: ['- table: ${1:card_dw.other_table}', '  on: [${2:cust_no}]', '$0'] },
];

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
