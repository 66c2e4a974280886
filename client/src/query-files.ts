/**
 * Queries as files: run a `.sql` file, or the selection in it, on the chosen environment (a command and a
 * CodeLens), each result in a results tab of its own that stays until it is closed, and the workspace's query
 * history to find a query and run it again. The server runs the text through its read-only checks and keeps
 * the history; bytes scanned and cost come back with the rows and show in the grid.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ResultsPanel } from './results-panel';
import { runServerCommand } from './server-command';
import type { EnvironmentStatus } from './status-bar';
import type { QueryHistoryEntry } from '../../server/src/protocol';

/** How many rows a query reads into its tab at first; More rows asks for ten times as many. */
const firstRows = 10_000;

/** ▶ Run on <environment> · Query History, above every `.sql` file. */
export class SqlCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly environment: () => string) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('tablespec').get<boolean>('codeLens.enabled', true) || !vscode.workspace.isTrusted) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(range, { title: vscode.l10n.t('▶ Run on {0}', this.environment()), command: 'tablespec.runQuery', arguments: [document.uri] }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Query History'), command: 'tablespec.queryHistory' }),
    ];
  }
}

/** A short name for a query's tab: its file, or its first words. */
function tabName(sql: string, source: vscode.Uri | undefined): string {
  if (source && source.scheme === 'file') return source.path.split('/').pop()!;
  const words = sql.replace(/\s+/g, ' ').trim();
  return words.length > 40 ? `${words.slice(0, 39)}…` : words;
}

/** A query on one line, its `--` comments left out, for a list. */
const oneLine = (sql: string) =>
  sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function bytesText(b: number): string {
  return b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(2)} GB` : b >= 1024 ** 2 ? `${(b / 1024 ** 2).toFixed(1)} MB` : `${b} B`;
}

export function registerQueryFiles(context: vscode.ExtensionContext, client: LanguageClient, status: EnvironmentStatus): SqlCodeLens {
  const lens = new SqlCodeLens(() => status.current());
  let count = 0;
  const folderUri = () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, 'tablespec.yaml') : undefined;
  };

  /** Runs one query into a tab of its own; More rows runs it again, for more, into the same tab. */
  async function run(sql: string, source: vscode.Uri | undefined, environment: string): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This workspace is in Restricted Mode: the checks run, but deploy, load and queries wait until you trust it.'));
      return;
    }
    // The server names the file the query came from in the history; a query with no file runs on the workspace.
    const uri = source?.scheme === 'file' ? source : folderUri();
    if (!uri) return;
    const name = tabName(sql, source);
    let title: string | undefined;
    let panel: ResultsPanel | undefined;
    const ask = async (limit: number) => {
      const r = await runServerCommand(client, 'tablespec.server.query', { uri: uri.toString(), environment, sql, limit }, vscode.l10n.t('Running {0} on {1}…', name, environment));
      if (!r) return;
      // Numbered by the tabs opened: a refused or failed query opens none.
      title ??= vscode.l10n.t('Query {0}: {1}', ++count, name);
      panel ??= new ResultsPanel(context.extensionUri, (more) => void ask(more));
      panel.show({ kind: 'preview', title: `${title} · ${r.environment}`, result: r, limit });
    };
    await ask(firstRows);
  }

  async function runQuery(arg?: unknown): Promise<void> {
    let editor = vscode.window.activeTextEditor;
    if (arg instanceof vscode.Uri && editor?.document.uri.toString() !== arg.toString()) editor = await vscode.window.showTextDocument(arg);
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a .sql file first.'));
      return;
    }
    // The selection when there is one, else the whole file: the server refuses a text of more than one statement.
    const selected = editor.selections.filter((s) => !s.isEmpty).map((s) => editor.document.getText(s));
    const sql = selected.length === 1 ? selected[0]! : editor.document.getText();
    if (selected.length > 1) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Select one query to run (there are {0} selections).', selected.length));
      return;
    }
    if (!sql.trim()) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The query is empty.'));
      return;
    }
    await run(sql, editor.document.uri, status.current());
  }

  async function history(): Promise<void> {
    const uri = folderUri();
    if (!uri) return;
    const h = await runServerCommand(client, 'tablespec.server.queryHistory', { uri: uri.toString() }, vscode.l10n.t('Reading the query history…'));
    if (!h) return;
    if (!h.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No queries yet: run a .sql file or a selection in one.'));
      return;
    }
    const icon: Record<QueryHistoryEntry['result'], string> = { ok: '$(pass)', failed: '$(error)', cancelled: '$(circle-slash)', 'scan-limit': '$(warning)', refused: '$(shield)' };
    const open: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: vscode.l10n.t('Open in an editor') };
    const items = h.map((e) => ({
      label: `${icon[e.result] ?? ''} ${oneLine(e.sql).slice(0, 100)}`,
      description: [
        e.environment,
        e.at.replace('T', ' ').slice(0, 19),
        e.rows !== undefined ? vscode.l10n.t('{0} rows', e.rows) : e.result,
        e.bytesScanned !== undefined ? `${bytesText(e.bytesScanned)} · $${(e.costUsd ?? 0).toFixed(4)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      detail: [e.source, e.error].filter(Boolean).join(' — ') || undefined,
      buttons: [open],
      entry: e,
    }));
    const pick = vscode.window.createQuickPick<(typeof items)[number]>();
    pick.title = vscode.l10n.t('Query history: pick one to run it again on its environment');
    pick.items = items;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.onDidTriggerItemButton(async (b) => {
      pick.hide();
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'sql', content: b.item.entry.sql + '\n' }));
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.entry;
      pick.hide();
      if (chosen) {
        const root = vscode.workspace.workspaceFolders?.[0]?.uri;
        void run(chosen.sql, chosen.source && root ? vscode.Uri.joinPath(root, chosen.source) : undefined, chosen.environment);
      }
    });
    pick.onDidHide(() => pick.dispose());
    pick.show();
  }

  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      [
        { language: 'sql', scheme: 'file' },
        { pattern: '**/*.sql', scheme: 'file' },
      ],
      lens,
    ),
    vscode.commands.registerCommand('tablespec.runQuery', runQuery),
    vscode.commands.registerCommand('tablespec.queryHistory', history),
  );
  return lens;
}
