/**
 * The TableSpec view in the activity bar: environments, then databases and tables, each table with its
 * state at a glance. The server sends the tree's data (`tablespec/tablesView`); this file only renders it,
 * refreshes it when diagnostics, the history or the environment change, and filters it to what needs attention.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  tablesViewChangedNotification,
  tablesViewRequest,
  type DatabaseNode,
  type EnvironmentNode,
  type TableNode,
  type TablesViewData,
  type TablesViewParams,
} from '../../server/src/protocol/tables-view';
import { environmentDescription, tableDescription, tableTooltip } from './tables-view-text';
import { log } from './log';
import { plural } from './plural';

export class EnvironmentItem extends vscode.TreeItem {
  constructor(readonly node: EnvironmentNode) {
    super(node.name, node.current ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `env:${node.name}`;
    this.description = environmentDescription(vscode, node);
    this.iconPath = new vscode.ThemeIcon(node.protected ? 'lock' : 'server-environment');
    this.contextValue = node.current ? 'tablespec.environment.current' : 'tablespec.environment';
  }
}

export class DatabaseItem extends vscode.TreeItem {
  constructor(
    readonly environment: string,
    readonly node: DatabaseNode,
  ) {
    super(node.name, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `db:${environment}:${node.name}`;
    this.description = plural(vscode.env.language, node.tables.length, vscode.l10n.t('1 table'), vscode.l10n.t('{0} tables', node.tables.length));
    this.iconPath = new vscode.ThemeIcon('database');
    this.contextValue = 'tablespec.database';
  }
}

export class TableItem extends vscode.TreeItem {
  constructor(
    readonly environment: EnvironmentNode,
    readonly node: TableNode,
  ) {
    super(node.table, vscode.TreeItemCollapsibleState.None);
    this.id = `table:${environment.name}:${node.database}.${node.table}:${node.uri}`;
    // The spec's file: the commands take it, and the editor decorates it with its problems.
    this.resourceUri = vscode.Uri.parse(node.uri);
    this.description = tableDescription(vscode, node);
    this.tooltip = tableTooltip(vscode, node, environment.name);
    const icon =
      node.checks.errors || node.attention.includes('load-failed') || node.attention.includes('verify-failed')
        ? ['error', 'errorForeground']
        : node.attention.length
          ? ['warning', 'editorWarning.foreground']
          : ['pass', 'testing.iconPassed'];
    this.iconPath = new vscode.ThemeIcon(icon[0]!, new vscode.ThemeColor(icon[1]!));
    // The operations run on the environment chosen in the editor: on the others the view shows, it does not act.
    this.contextValue = environment.current ? `tablespec.table.current${node.lastLoad?.rejectedSample ? '.rejected' : ''}` : 'tablespec.table';
    this.command = { command: 'tablespec.tables.open', title: vscode.l10n.t('Open Spec'), arguments: [this] };
  }
}

type Item = EnvironmentItem | DatabaseItem | TableItem;

export class TablesView implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private data: TablesViewData | undefined;
  private attentionOnly = false;
  private timer: NodeJS.Timeout | undefined;
  readonly view: vscode.TreeView<Item>;

  constructor(
    private readonly client: LanguageClient,
    private readonly environment: () => string,
  ) {
    this.view = vscode.window.createTreeView('tablespec.tables', { treeDataProvider: this, showCollapseAll: true });
    void vscode.commands.executeCommand('setContext', 'tablespec.tables.attentionOnly', false);
  }

  /** Registers what refreshes the view: diagnostics of specs, the history file, the environment, the server's word. */
  register(context: vscode.ExtensionContext): void {
    const history = vscode.workspace.createFileSystemWatcher('**/.tablespec/history.jsonl');
    context.subscriptions.push(
      this.view,
      history,
      history.onDidChange(() => this.refreshSoon()),
      history.onDidCreate(() => this.refreshSoon()),
      history.onDidDelete(() => this.refreshSoon()),
      vscode.languages.onDidChangeDiagnostics((e) => e.uris.some((u) => /\.table\.ya?ml$/.test(u.path)) && this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tablespec.environment') && this.refreshSoon()),
      this.client.onNotification(tablesViewChangedNotification, () => this.refreshSoon()),
      vscode.commands.registerCommand('tablespec.tables.refresh', () => this.refresh()),
      vscode.commands.registerCommand('tablespec.tables.showAttention', () => this.filter(true)),
      vscode.commands.registerCommand('tablespec.tables.showAll', () => this.filter(false)),
      vscode.commands.registerCommand('tablespec.tables.open', (item?: TableItem) => item && vscode.window.showTextDocument(vscode.Uri.parse(item.node.uri))),
      vscode.commands.registerCommand(
        'tablespec.tables.useEnvironment',
        (item?: EnvironmentItem) => item && vscode.workspace.getConfiguration('tablespec').update('environment', item.node.name, vscode.ConfigurationTarget.Workspace),
      ),
    );
  }

  private async filter(on: boolean): Promise<void> {
    this.attentionOnly = on;
    await vscode.commands.executeCommand('setContext', 'tablespec.tables.attentionOnly', on);
    this.view.message = on ? vscode.l10n.t('Showing only the tables that need attention.') : undefined;
    await this.refresh();
  }

  /** Many diagnostics arrive together (a workspace being checked): one request a moment after the last. */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 300);
  }

  async refresh(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) return;
    try {
      const params: TablesViewParams = { uri: folder.toString(), environment: this.environment(), ...(this.attentionOnly ? { attentionOnly: true } : {}) };
      this.data = await this.client.sendRequest<TablesViewData>(tablesViewRequest, params);
    } catch (err) {
      log(`TableSpec view: ${(err as Error).message}`);
      return;
    }
    const count = this.data.environments.find((e) => e.current)?.databases.reduce((n, d) => n + d.tables.filter((t) => t.attention.length).length, 0) ?? 0;
    this.view.badge = count ? { value: count, tooltip: plural(vscode.env.language, count, vscode.l10n.t('1 table needs attention'), vscode.l10n.t('{0} tables need attention', count)) } : undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(item: Item): vscode.TreeItem {
    return item;
  }

  getChildren(item?: Item): Item[] {
    if (!this.data) return [];
    if (!item) return this.data.environments.map((e) => new EnvironmentItem(e));
    if (item instanceof EnvironmentItem) return item.node.databases.map((d) => new DatabaseItem(item.node.name, d));
    if (item instanceof DatabaseItem) {
      const env = this.data.environments.find((e) => e.name === item.environment)!;
      return item.node.tables.map((t) => new TableItem(env, t));
    }
    return [];
  }
}
