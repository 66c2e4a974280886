/**
 * The results grid: one webview panel showing a preview, a profile or a reconciliation report. The page
 * (webview/) is built with Tabulator for the grid and Chart.js for the charts, and runs under a strict
 * content security policy: its own script by nonce, no inline code, no remote content.
 */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { PageMessage, PanelMessage } from '../../server/src/protocol';
import { attributeText, resultsText } from './results-text';

/** What the panel shows: the protocol's message to the results page. */
export type ResultMessage = PageMessage;

/** Where Export CSV proposes to save: the workspace folder (else the home folder), named after the table. */
export function exportTarget(name: string | undefined): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  return vscode.Uri.joinPath(folder, `${(name || 'result').replace(/[\\/:*?"<>|]+/g, '_')}.csv`);
}

export class ResultsPanel {
  private panel: vscode.WebviewPanel | undefined;
  private last: ResultMessage | undefined;
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMore: (limit: number) => void,
    /** A history entry's "Rejected values": the sample it names. */
    private readonly onRejected: (sample: string) => void = () => undefined,
  ) {}

  show(message: ResultMessage): void {
    this.last = message;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'tablespec.results',
        message.title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          retainContextWhenHidden: true,
          localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'client', 'out', 'webview')],
        },
      );
      this.ready = false;
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: PanelMessage) => this.receive(m));
    }
    this.panel.title = message.title;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async receive(m: PanelMessage): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      if (this.last) void this.panel?.webview.postMessage(this.last);
    } else if (m.type === 'rejected' && typeof m.sample === 'string') {
      this.onRejected(m.sample);
    } else if (m.type === 'more' && m.limit) {
      this.onMore(m.limit);
    } else if (m.type === 'export') {
      const target = await vscode.window.showSaveDialog({ defaultUri: exportTarget(m.name), filters: { CSV: ['csv'] } });
      if (target) {
        await vscode.workspace.fs.writeFile(target, Buffer.from('\uFEFF' + m.csv, 'utf8'));
        void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', target.fsPath));
      }
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const base = vscode.Uri.joinPath(this.extensionUri, 'client', 'out', 'webview');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(base, 'main.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(base, 'main.css'));
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource} 'unsafe-inline'`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join(
      '; ',
    );
    return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>TableSpec</title>
</head>
<body data-text="${attributeText(JSON.stringify(resultsText()))}">
<header id="bar"></header>
<main id="content"><p class="empty">${vscode.l10n.t('Running…')}</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}
