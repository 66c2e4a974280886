/**
 * The plan of a deploy, and the change an import would make to a spec, in the editor's own diff view. The
 * server computes every text; here they are only shown, as read-only documents of the `tablespec-plan:`
 * scheme, with the lines that destroy or rewrite data marked.
 */
import * as vscode from 'vscode';
import type { PlanTexts } from '../../server/src/protocol';

export const planScheme = 'tablespec-plan';

/** What `tablespec.server.planText` answers. */
export type { PlanTexts };

/** A document in a language (for its colours); as plain text where the editor lacks the language. */
async function open(uri: vscode.Uri, language: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  try {
    return await vscode.languages.setTextDocumentLanguage(doc, language);
  } catch {
    return doc;
  }
}

/** The read-only documents: a path in the scheme is a text the server computed. */
export class PlanDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly marks = new Map<string, PlanTexts['marks']>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly destructive = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('inputValidation.errorBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorError.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private readonly rewrite = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('inputValidation.warningBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });

  constructor(context: vscode.ExtensionContext) {
    context.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(planScheme, this),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) this.decorate(e);
      }),
      this.destructive,
      this.rewrite,
      this.changed,
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  /** Puts a text at `path` (a new plan replaces the old one in place). */
  set(path: string, text: string, marks: PlanTexts['marks'] = []): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: planScheme, path });
    this.texts.set(path, text);
    this.marks.set(path, marks);
    this.changed.fire(uri);
    return uri;
  }

  decorate(editor: vscode.TextEditor): void {
    const uri = editor.document.uri;
    if (uri.scheme !== planScheme) return;
    const marks = this.marks.get(uri.path) ?? [];
    const ranges = (safety: 'rewrite' | 'destructive') =>
      marks.filter((m) => m.safety === safety && m.line < editor.document.lineCount).map((m) => ({ range: editor.document.lineAt(m.line).range, hoverMessage: m.change }));
    editor.setDecorations(this.destructive, ranges('destructive'));
    editor.setDecorations(this.rewrite, ranges('rewrite'));
  }

  /** The plan: the deployed definition beside the spec's in the diff view, then the DDL and the Glue input it sends. */
  async showPlan(p: PlanTexts): Promise<void> {
    const base = `/${p.environment}/${p.table}`;
    const only = (document: PlanTexts['marks'][number]['document']) => p.marks.filter((m) => m.document === document);
    const deployed = this.set(`${base}/deployed.table`, p.deployed, only('deployed'));
    const spec = this.set(`${base}/spec.table`, p.spec, only('spec'));
    const ddl = this.set(`${base}/deploy.sql`, p.ddl, only('ddl'));
    const glue = this.set(`${base}/${p.engine === 'duckdb' ? 'catalog' : 'glue'}-input.json`, p.glue);
    const title = p.deployed ? vscode.l10n.t('{0} on {1}: deployed ↔ spec', p.table, p.environment) : vscode.l10n.t('{0} on {1}: not deployed ↔ spec', p.table, p.environment);
    await vscode.commands.executeCommand('vscode.diff', deployed, spec, title, { preview: false, viewColumn: vscode.ViewColumn.Active });
    // The Glue input behind, the DDL in front, both beside the diff.
    await vscode.window.showTextDocument(await open(glue, 'json'), { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
    await vscode.window.showTextDocument(await open(ddl, 'sql'), { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
    for (const e of vscode.window.visibleTextEditors) this.decorate(e);
  }

  /** A spec the import would change: the file as it is beside the text the import generated. */
  async showImport(file: vscode.Uri, proposed: string): Promise<void> {
    const right = this.set(`/import${file.path}`, proposed);
    await vscode.commands.executeCommand('vscode.diff', file, right, vscode.l10n.t('{0}: in the workspace ↔ from the import', vscode.workspace.asRelativePath(file)), { preview: false });
  }
}
