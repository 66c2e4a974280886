/** "New table spec": the file and the skeleton of the spec of one Oracle table, which the checks then guide. */
import * as l10n from '@vscode/l10n';
import { join } from 'node:path';
import { targetName } from './generate-spec';

/** OWNER.TABLE, each part a plain Oracle name or a quoted one. */
const objectName = /^(?:"[^"]{1,128}"|[A-Za-z][A-Za-z0-9_$#]{0,127})\.(?:"[^"]{1,128}"|[A-Za-z][A-Za-z0-9_$#]{0,127})$/;

/** The spec of `object` in `root`/specs/: its path, its text, and where the cursor goes (the first column's name); or why the name is not OWNER.TABLE. */
export function newSpec(root: string, object: string): { path: string; text: string; cursor: { line: number; character: number } } | { error: string } {
  const name = object.trim();
  if (!objectName.test(name)) return { error: l10n.t('Write OWNER.TABLE, such as CARD.CUST_MASTER.') };
  // Oracle folds a plain name to upper case; a quoted one is kept as written.
  const [owner, table] = name.split('.').map((p) => (p.startsWith('"') ? p : p.toUpperCase())) as [string, string];
  const target = targetName(table.replace(/"/g, ''));
  const lines = [`table: ${target}`, 'kind: source', 'description: ', 'source:', `  object: ${owner}.${table}`, 'load:', '  mode: overwrite', 'columns:', '  - name: ', '    oracle: ', ''];
  const line = lines.indexOf('  - name: ');
  return { path: join(root, 'specs', `${target}.table.yaml`), text: lines.join('\n'), cursor: { line, character: lines[line]!.length } };
}
