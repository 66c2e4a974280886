/**
 * The editor's requests on an open document: completion, hover, quick fixes, symbols, and the
 * commands (operations run on the document's live workspace). Each reads what the last check kept.
 */
import { CodeActionKind, ResponseError, type CodeAction } from 'vscode-languageserver';
import type { LiveCatalog } from '../catalog/live-catalog';
import { LineIndex } from '../core/line-index';
import type { ScanFinding } from '../ops/scan';
import { requestBudgetMs, withinBudget } from './budget';
import type { CheckScheduler } from './check-scheduling';
import { checkSpecAgain } from './check-specs';
import { executeCommand, type CommandArgs } from './commands';
import { complete } from './completion';
import { problemKey, toRange } from './convert';
import { hover } from './hover';
import { toPath, toUri } from './live-workspaces';
import { readHistory } from '../ops/history';
import { errorCodes } from '../protocol/errors';
import { conforms } from '../protocol/shape';
import { tablesViewChangedNotification, tablesViewParams, tablesViewRequest, type TablesViewParams } from '../protocol/tables-view';
import { buildTablesView } from './tables-view';
import type { ServerContext } from './server-context';
import { documentSymbols } from './symbols';
import { completeWorkspaceFile, isWorkspaceFile, workspaceFileService } from './workspace-file';

type At = { textDocument: { uri: string }; position: { line: number; character: number } };

export function registerRequestHandlers(ctx: ServerContext, scheduler: CheckScheduler): void {
  const { connection, documents, cache, workspaces } = ctx;
  const late = (what: string) => (ms: number) => connection.console.warn(`TableSpec: ${what} took more than ${ms} ms and was answered empty.`);

  const completion = async (params: At) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (isWorkspaceFile(doc.uri)) return cache.overBound(doc) ? [] : completeWorkspaceFile(doc, params.position);
    const c = cache.checked.get(doc.uri);
    const text = doc.getText();
    const lineIndex = c?.open && c.text === text ? c.open.index : new LineIndex(text);
    const names = workspaces.of(doc.uri).index.viewFor(toPath(doc.uri)).names();
    return complete({ text, offset: lineIndex.offset(params.position), model: c?.open?.result.model, tableNames: names, range: (start, end) => toRange(lineIndex, start, end) });
  };
  connection.onCompletion((params) => withinBudget(() => completion(params), [], requestBudgetMs, late('completion')));

  const hoverAt = async (params: At) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    if (isWorkspaceFile(doc.uri)) return cache.overBound(doc) ? null : workspaceFileService().doHover(doc, params.position);
    const c = cache.checked.get(doc.uri);
    if (!c?.open || c.version !== doc.version) return null;
    const { result, index: at } = c.open;
    const h = hover(result.model.root, at.offset(params.position), workspaces.of(doc.uri).config.maxStringSize === 'extended');
    return h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: toRange(at, h.start, h.end) } : null;
  };
  connection.onHover((params) => withinBudget(() => hoverAt(params), null, requestBudgetMs, late('hover')));

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    const last = cache.checked.get(params.textDocument.uri);
    const c = last?.open;
    // A fix is an edit of the text it was computed on: refuse it once the document has moved on.
    if (!doc || !c || last.version !== doc.version) return [];
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      for (const fix of c.fixes.get(problemKey(d.code, d.range)) ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: !!fix.preferred,
          edit: {
            documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits.map((e) => ({ range: toRange(c.index, e.start, e.end), newText: e.newText })) }],
          },
        });
      }
    }
    return actions;
  });

  connection.onDocumentSymbol((params) => {
    const c = cache.checked.get(params.textDocument.uri)?.open;
    return c ? documentSymbols(c.result.model, c.index) : [];
  });

  /** The live catalog a spec's checks compare with, if it is live (one that can be refreshed). */
  const liveCatalogOf = (uri: string) => {
    const ws = workspaces.of(uri);
    const catalog = ws.catalog(ws.settingsOf(toPath(uri))) as LiveCatalog | undefined;
    return catalog && 'refresh' in catalog ? catalog : undefined;
  };

  // The TableSpec view: the workspace's specs under each environment, their checks, catalog state and history.
  connection.onRequest(tablesViewRequest, (params: TablesViewParams) => {
    const wrong = conforms(params, tablesViewParams, 'params');
    if (wrong.length) throw new ResponseError(errorCodes.invalidParams, `${tablesViewRequest}: ${wrong.join('; ')}`);
    // The view names the editor folder (or a file in it): its workspace is the tablespec.yaml there.
    const ws = workspaces.of(/\.ya?ml$/.test(params.uri) ? params.uri : `${params.uri.replace(/\/$/, '')}/tablespec.yaml`);
    const settings = ws.settings;
    const environment = params.environment || settings.environment;
    const catalog = ws.catalog({ ...settings, environment });
    const specs = ws.index.all().map((e) => {
      const uri = toUri(e.uri);
      return { uri, database: e.database, table: e.table, problems: cache.published.get(uri) ?? [] };
    });
    return buildTablesView({
      environments: Object.values(ws.config.environments),
      current: environment,
      specs,
      history: ws.root ? readHistory(ws.root) : [],
      ...(catalog ? { lookup: (database: string, table: string) => catalog.lookup(database, table).status } : {}),
      ...(params.attentionOnly ? { attentionOnly: true } : {}),
    });
  });

  /** Operations that write the history: the view reads it again once they end, whatever the outcome. */
  const writesHistory = new Set(['tablespec.server.deploy', 'tablespec.server.load', 'tablespec.server.reconcile', 'tablespec.server.verify']);
  connection.onExecuteCommand((params, token, workDone) =>
    executeCommand(
      {
        connection,
        trusted: workspaces.trusted,
        workspaceOf: (uri) => workspaces.of(uri),
        refreshCatalog: async (uri) => {
          const ws = workspaces.of(uri);
          const catalog = ws.catalog(ws.settingsOf(toPath(uri)));
          const live = liveCatalogOf(uri);
          if (live) await live.refresh();
          scheduler.recheckCheckedSpecs();
          return catalog ? { source: catalog.source, state: catalog.state, error: live?.lastError } : { state: 'none' };
        },
        deployed: (uri) => {
          const live = liveCatalogOf(uri);
          if (live) void live.refresh().then(() => scheduler.recheckCheckedSpecs());
          else {
            // The first deploy on the local engine created its database file: the catalog exists now (none was, before).
            workspaces.of(uri).forgetConfig();
            scheduler.recheckCheckedSpecs();
          }
        },
        scanned: (uri, report) => {
          const byColumn = new Map<string, ScanFinding[]>();
          for (const f of report.findings) byColumn.set(f.column, [...(byColumn.get(f.column) ?? []), f]);
          cache.valueScans.set(uri, byColumn);
          const last = cache.checked.get(uri);
          if (last) checkSpecAgain(ctx, uri, last);
        },
      },
      params.command,
      (params.arguments?.[0] ?? {}) as CommandArgs,
      token,
      workDone,
    ).finally(() => {
      if (writesHistory.has(params.command)) void connection.sendNotification(tablesViewChangedNotification);
    }),
  );
}
