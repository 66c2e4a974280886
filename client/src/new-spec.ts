/** "New table spec": asks for the Oracle table and writes a skeleton the checks then guide. */
import * as vscode from 'vscode';

const object = /^(?:"[^"]{1,128}"|[A-Za-z][A-Za-z0-9_$#]{0,127})\.(?:"[^"]{1,128}"|[A-Za-z][A-Za-z0-9_$#]{0,127})$/;

export async function newSpec(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: specs live in a workspace.'));
    return;
  }
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('New table spec'),
    prompt: vscode.l10n.t('The Oracle table, OWNER.TABLE'),
    placeHolder: 'CARD.CUST_MASTER',
    validateInput: (v) => (object.test(v.trim()) ? undefined : vscode.l10n.t('Write OWNER.TABLE, such as CARD.CUST_MASTER.')),
  });
  if (!answer) return;
  const upper = answer.trim().replace(/^([^".]+)\./, (_, o: string) => `${o.toUpperCase()}.`).replace(/\.([^".]+)$/, (_, t: string) => `.${t.toUpperCase()}`);
  const table = upper.split('.')[1]!.replace(/"/g, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  const uri = vscode.Uri.joinPath(folder.uri, 'specs', `${table}.table.yaml`);
  try {
    await vscode.workspace.fs.stat(uri);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} exists already: opened it.', vscode.workspace.asRelativePath(uri)));
  } catch {
    const text = `table: ${table}\nkind: source\ndescription: \nsource:\n  object: ${upper}\nload:\n  mode: overwrite\ncolumns:\n  - name: \n    oracle: \n`;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  }
  const editor = await vscode.window.showTextDocument(uri);
  const line = editor.document.lineCount - 3;
  editor.selection = new vscode.Selection(line, 10, line, 10);
}
