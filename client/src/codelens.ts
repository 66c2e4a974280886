/** Plan · Deploy · Load · Preview · Profile above each spec; the runs are left out in Restricted Mode. */
import * as vscode from 'vscode';

export class SpecCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('tablespec').get<boolean>('codeLens.enabled', true)) return [];
    const line = Math.max(0, document.getText().search(/^table\s*:/m) >= 0 ? document.positionAt(document.getText().search(/^table\s*:/m)).line : 0);
    const range = new vscode.Range(line, 0, line, 0);
    const lens = (title: string, command: string) => new vscode.CodeLens(range, { title, command, arguments: [document.uri] });
    const lenses = [lens(vscode.l10n.t('Plan'), 'tablespec.plan')];
    if (vscode.workspace.isTrusted)
      lenses.push(
        lens(vscode.l10n.t('Deploy'), 'tablespec.deploy'),
        lens(vscode.l10n.t('Load'), 'tablespec.load'),
        lens(vscode.l10n.t('Preview'), 'tablespec.preview'),
        lens(vscode.l10n.t('Profile'), 'tablespec.profile'),
      );
    return lenses;
  }
}
