/** "New table spec": asks for the Oracle table and writes the skeleton the server makes, which the checks then guide. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandError, CommandParams, CommandResult } from '../../server/src/protocol';

export async function newSpec(client: LanguageClient): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: specs live in a workspace.'));
    return;
  }
  // The server names the spec and checks the Oracle name as it is typed; it writes nothing.
  const ask = (object: string) =>
    client.sendRequest<CommandResult<'tablespec.server.newSpec'>>('workspace/executeCommand', {
      command: 'tablespec.server.newSpec',
      arguments: [{ uri: vscode.Uri.joinPath(folder.uri, 'tablespec.yaml').toString(), object } satisfies CommandParams<'tablespec.server.newSpec'>],
    });
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('New table spec'),
    prompt: vscode.l10n.t('The Oracle table, OWNER.TABLE'),
    placeHolder: 'CARD.CUST_MASTER',
    validateInput: async (v) => {
      try {
        await ask(v);
        return undefined;
      } catch (e) {
        return (e as CommandError).message;
      }
    },
  });
  if (!answer) return;
  const spec = await ask(answer);
  const uri = vscode.Uri.file(spec.path);
  if (spec.exists) void vscode.window.showWarningMessage(vscode.l10n.t('{0} exists already: opened it.', vscode.workspace.asRelativePath(uri)));
  else await vscode.workspace.fs.writeFile(uri, Buffer.from(spec.text, 'utf8'));
  const editor = await vscode.window.showTextDocument(uri);
  if (!spec.exists) editor.selection = new vscode.Selection(spec.cursor.line, spec.cursor.character, spec.cursor.line, spec.cursor.character);
}
