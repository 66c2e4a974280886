/** The status-bar item: the environment the commands use and the state of its catalog; a click switches. */
import * as vscode from 'vscode';
import type { CatalogState, CommandResult } from '../../server/src/protocol';

export type EnvironmentInfo = CommandResult<'tablespec.server.environments'>['environments'][number];

/** A catalog state as the engineer reads it. */
function stateLabel(state: string): string {
  const labels: Record<CatalogState['state'], () => string> = {
    live: () => vscode.l10n.t('live'),
    cached: () => vscode.l10n.t('cached'),
    offline: () => vscode.l10n.t('offline'),
    snapshot: () => vscode.l10n.t('snapshot'),
  };
  return labels[state as CatalogState['state']]?.() ?? state;
}

export class EnvironmentStatus {
  readonly item = vscode.window.createStatusBarItem('tablespec.environment', vscode.StatusBarAlignment.Left, 50);
  private catalog = '';

  constructor() {
    this.item.name = 'TableSpec';
    this.item.command = 'tablespec.switchEnvironment';
    this.update();
    this.item.show();
  }

  current(): string {
    return vscode.workspace.getConfiguration('tablespec').get<string>('environment', 'local');
  }

  /** The catalog's state from the server: live, cached (from disk or past its time to live), offline. */
  setCatalog(state: string, source: string): void {
    this.catalog = state;
    this.item.tooltip = vscode.l10n.t('TableSpec environment {0}; catalog: {1} ({2}). Click to switch.', this.current(), stateLabel(state), source);
    this.update();
  }

  update(): void {
    const icon = this.catalog === 'offline' ? '$(debug-disconnect)' : '$(database)';
    this.item.text = `${icon} ${this.current()}${this.catalog ? ` · ${stateLabel(this.catalog)}` : ''}`;
    if (!this.item.tooltip) this.item.tooltip = vscode.l10n.t('TableSpec environment {0}. Click to switch.', this.current());
  }

  async pick(environments: EnvironmentInfo[]): Promise<void> {
    const items = environments.map((e) => ({ label: e.name, description: `${e.engine}${e.protected ? ` · ${vscode.l10n.t('protected')}` : ''}`, picked: e.name === this.current() }));
    const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('TableSpec environment'), placeHolder: this.current() });
    if (!chosen) return;
    await vscode.workspace.getConfiguration('tablespec').update('environment', chosen.label, vscode.ConfigurationTarget.Workspace);
    this.catalog = '';
    this.item.tooltip = undefined;
    this.update();
  }
}
