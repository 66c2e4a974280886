/**
 * The language server: checks specs as the engineer types, indexes the workspace for joins, and
 * answers completion, hover, quick fixes and symbols. Only this folder knows LSP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { useLocale } from '../core/locale';
import { defaultConfig } from '../config/workspace-config';
import { LineIndex } from '../core/line-index';
import type { Fix, Problem } from '../core/problem';
import { checkSpecFile, createSpecChecker, indexEntry, withJoins, type CheckResult, type FileCheck } from '../document/check-spec';
import type { SpecModel } from '../document/spec-model';
import { emptyWorkspace, SpecIndex, type IndexedSpec } from '../document/workspace-index';
import { runCheckThreads, threadCount, threadScript, type WorkerResult } from '../workspace/check-parallel';
import { findSpecFiles, specPattern } from '../workspace/find-files';
import { complete } from './completion';
import { problemKey, toDiagnostic, toRange } from './convert';
import { hover } from './hover';
import { createSettingsCache, defaultEditorSettings, type EditorSettings } from './settings';
import { documentSymbols } from './symbols';
import { completeWorkspaceFile, isWorkspaceFile, workspaceFileService } from './workspace-file';
import { executeCommand, operationCommands, otherCommands, type CommandArgs } from './commands';
import { WorkspaceSources } from './workspace-sources';
import { catalogState, oracleAccess, type CatalogState, type InitializationOptions, type OracleAccessAnswer } from '../protocol';
import type { LiveCatalog } from '../catalog/live-catalog';
import { checkAliasBound } from '../document/parse-yaml';
import { checkBudgetMs, createCheckQueue, requestBudgetMs, withinBudget } from './budget';
import type { ValueFindings } from '../rules/check-value-findings';
import type { ScanFinding } from '../ops/scan';
import { readHistory } from '../ops/history';
import { tablesViewChangedNotification, tablesViewRequest, type TablesViewParams } from '../protocol/tables-view';
import { buildTablesView } from './tables-view';
import { lastFailureProblems } from '../runs/last-failure';
import { createLastFailures } from './last-failures';

interface Checked {
  version: number;
  text: string;
  /** What completion, hover, quick fixes and symbols read: kept for open documents only (a workspace of a thousand specs must not keep a thousand trees). */
  open?: { index: LineIndex; result: CheckResult; fixes: Map<string, Fix[]> };
}

const warmUpSpec = 'table: t\nkind: source\nsource: { object: A.T }\nload: { mode: overwrite }\ncolumns:\n  - { name: a, oracle: NUMBER(1), cleansing: [trim] }\n';

const toPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : uri);
const toUri = (path: string) => pathToFileURL(path).toString();

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let roots: string[] = [];
  let locale: string | undefined;
  let configurationSupported = false;
  let watchersSupported = false;
  const settings = createSettingsCache(connection, () => configurationSupported);
  const sources = new WorkspaceSources({
    openText: (path) => documents.get(toUri(path))?.getText(),
    warn: (message) => void connection.window.showWarningMessage(`TableSpec: ${message}`),
    log: (message) => connection.console.warn(message),
    changed: () => scheduleRecheckAll(),
    // An editor that does not know the request (another LSP client) answers with an error: not confirmed.
    oracleAccess: (request) => connection.sendRequest<OracleAccessAnswer>(oracleAccess.method, request).catch(() => ({ approved: false })),
  });
  const index = new SpecIndex(); // by document URI
  const checkers = new Map<string, ReturnType<typeof createSpecChecker>>();
  const checked = new Map<string, Checked>();
  const resolvedSettings = new Map<string, EditorSettings>();
  const pendingDependents = new Set<string>();
  let dependentTimer: NodeJS.Timeout | undefined;

  const rootOf = (uri: string): string => {
    const path = toPath(uri);
    return roots.filter((r) => path.startsWith(r + '/') || path === r).sort((a, b) => b.length - a.length)[0] ?? '';
  };

  let recheckTimer: NodeJS.Timeout | undefined;
  /** New catalog metadata arrived: check again, once, a moment later. */
  const scheduleRecheckAll = () => {
    if (recheckTimer) return;
    recheckTimer = setTimeout(() => {
      recheckTimer = undefined;
      void recheckOpen();
    }, 200);
  };

  // The codes and severities last published per spec, for the TableSpec view.
  const published = new Map<string, { code: string; severity: Problem['severity'] }[]>();

  // The findings of the last value scan of each spec (counts and masked examples only), shown as diagnostics.
  const valueScans = new Map<string, ValueFindings>();
  // The last production failure of each table (the history's incidents), shown on its spec.
  const lastFailureOf = createLastFailures();
  const withLastFailure = (uri: string, text: string, model: SpecModel, problems: Problem[], disabled: readonly string[]): Problem[] => {
    const entry = indexEntry(uri, model);
    const failure = entry ? lastFailureOf(rootOf(uri), `${entry.database}.${entry.table}`) : undefined;
    // Added after the checks: `tablespec.checks.disabled` silences it as it does every other code.
    return failure ? [...problems, ...lastFailureProblems(text, model, failure).filter((p) => !disabled.includes(p.code))] : problems;
  };

  /**
   * Checks a spec's text and publishes its diagnostics; returns the `database.table` names whose definition changed.
   * An open document keeps its checker (and its caches) between edits; a file on disk gets a checker for this once.
   */
  const checkSpec = (uri: string, text: string, version: number, open = true): string[] => {
    const s = knownSettings(uri) ?? defaultEditorSettings;
    const env = environmentOf(uri, s);
    let model: SpecModel;
    if (open) {
      let checker = checkers.get(uri);
      if (!checker) checkers.set(uri, (checker = createSpecChecker({ budgetMs: checkBudgetMs })));
      const result = checker(text, { ...env, workspace: index.viewFor(uri) });
      checked.set(uri, { version, text, open: { ...publish(uri, version, text, withLastFailure(uri, text, result.model, result.problems, s.disabled)), result } });
      model = result.model;
    } else {
      // A file on disk: one parse, and nothing of its tree kept.
      const file = checkSpecFile(text, env, { budgetMs: checkBudgetMs });
      publish(uri, version, text, withLastFailure(uri, text, file.model, withJoins(file, index.viewFor(uri), s), s.disabled));
      checked.set(uri, { version, text });
      model = file.model;
    }
    const before = index.get(uri);
    const after = indexEntry(uri, model);
    if (!index.set(uri, after)) return [];
    return [before, after].flatMap((e) => (e ? [`${e.database}.${e.table}`] : []));
  };

  /** What the checks of a spec read besides its text, but the other specs. */
  const environmentOf = (uri: string, s: EditorSettings) => {
    const root = rootOf(uri);
    const catalog = sources.catalog(root, s);
    const source = sources.dictionary(root);
    const values = valueScans.get(uri);
    return { config: sources.config(root), settings: s, ...(catalog ? { catalog } : {}), ...(source ? { source } : {}), ...(values ? { values } : {}) };
  };

  /** Sends a spec's diagnostics; returns what quick fixes need of them. */
  const publish = (uri: string, version: number, text: string, problems: Problem[]) => {
    published.set(uri, problems.map((p) => ({ code: p.code, severity: p.severity })));
    const lineIndex = new LineIndex(text);
    const fixes = new Map<string, Fix[]>();
    const diagnostics = problems.map((p: Problem) => {
      const d = toDiagnostic(lineIndex, p);
      if (p.fixes) fixes.set(problemKey(p.code, d.range), p.fixes);
      return d;
    });
    void connection.sendDiagnostics({ uri, version, diagnostics });
    return { index: lineIndex, fixes };
  };

  /** Checks a spec already checked once again: the editor's text when it is open, else the last text read. */
  const checkAgain = (uri: string, last: Checked) => {
    const doc = documents.get(uri);
    checkSpec(uri, doc?.getText() ?? last.text, doc?.version ?? last.version, !!doc);
  };

  /** Re-checks, a moment later (typing goes on), the specs that join to tables whose definition changed. */
  const recheckDependents = (names: string[]) => {
    if (names.length === 0) return;
    for (const n of names) pendingDependents.add(n);
    if (dependentTimer) return;
    dependentTimer = setTimeout(() => {
      dependentTimer = undefined;
      const changed = [...pendingDependents];
      pendingDependents.clear();
      for (const [uri, c] of checked) if (/joins\s*:/.test(c.text) && changed.some((n) => c.text.includes(n))) checkAgain(uri, c);
    }, 150);
  };

  /** The problem of a tablespec.yaml whose aliases go over the bound, by version: such a file never reaches the YAML service. */
  const workspaceBound = new Map<string, { version: number; problem: Problem | undefined }>();
  const overBound = (doc: TextDocument): Problem | undefined => {
    let known = workspaceBound.get(doc.uri);
    if (!known || known.version !== doc.version) workspaceBound.set(doc.uri, (known = { version: doc.version, problem: checkAliasBound(doc.getText()) }));
    return known.problem;
  };

  const checkDocument = async (doc: TextDocument): Promise<void> => {
    if (isWorkspaceFile(doc.uri)) {
      const bound = overBound(doc);
      if (bound) {
        void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [toDiagnostic(new LineIndex(doc.getText()), bound)] });
        return;
      }
      const diagnostics = await workspaceFileService().doValidation(doc, false);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
      return;
    }
    if (!specPattern.test(doc.uri)) return;
    recheckDependents(checkSpec(doc.uri, doc.getText(), doc.version));
  };

  const loadSettings = async (uri: string) => {
    resolvedSettings.set(uri, await settings.get(uri));
  };

  /** Settings known now for a document: its own, else its workspace folder's (fetched at start-up). */
  const knownSettings = (uri: string): EditorSettings | undefined => resolvedSettings.get(uri) ?? folderSettings.get(rootOf(uri));
  const folderSettings = new Map<string, EditorSettings>();

  /**
   * Indexes and checks every spec on disk under the workspace folders, one parse each: a spec's
   * diagnostics go out as it is checked, those of specs with joins once every spec is indexed (joins
   * resolve whatever the order). Large workspaces are read on threads (see checkOnThreads); edits of
   * open documents are checked in between.
   */
  const indexWorkspace = async () => {
    const found: { uri: string; path: string; root: string }[] = [];
    for (const root of roots) for (const path of findSpecFiles([root])) if (!documents.get(toUri(path))) found.push({ uri: toUri(path), path, root });
    // Every file's settings in one request: one round trip, not one per file.
    const all = await settings.getMany(found.map((f) => f.uri));
    found.forEach((f, i) => void resolvedSettings.set(f.uri, all[i]!));
    const withJoinsLeft: { uri: string; text: string; file: Pick<FileCheck, 'problems' | 'joins'> }[] = [];
    /** Records what a closed spec tells the others, and publishes its problems (those with joins wait for the whole index). */
    const indexed = (uri: string, text: string, entry: IndexedSpec | undefined, file: Pick<FileCheck, 'problems' | 'joins'>) => {
      if (documents.get(uri)) return; // opened meanwhile: the editor's text is checked instead
      index.set(uri, entry);
      if (!resolvedSettings.get(uri)!.workspaceDiagnostics) return;
      if (file.joins.length) withJoinsLeft.push({ uri, text, file });
      else publish(uri, 0, text, file.problems);
      checked.set(uri, { version: 0, text });
    };
    // By workspace folder and settings (in practice, one group per folder).
    const groups = new Map<string, typeof found>();
    for (const f of found) {
      const key = `${f.root}\n${JSON.stringify(resolvedSettings.get(f.uri))}`;
      const group = groups.get(key);
      if (group) group.push(f);
      else groups.set(key, [f]);
    }
    for (const group of groups.values()) {
      const threaded = await checkOnThreads(group[0]!.root, resolvedSettings.get(group[0]!.uri)!, group.map((f) => f.path));
      if (threaded) {
        for (const r of threaded) if (r.text !== undefined) indexed(toUri(r.file), r.text, r.entry, { problems: r.problems!, joins: r.joins! });
        continue;
      }
      for (const [i, f] of group.entries()) {
        if (i % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
        if (documents.get(f.uri)) continue;
        let text: string;
        try {
          text = readFileSync(f.path, 'utf8');
        } catch {
          continue;
        }
        const file = checkSpecFile(text, environmentOf(f.uri, resolvedSettings.get(f.uri)!), { budgetMs: checkBudgetMs });
        indexed(f.uri, text, indexEntry(f.uri, file.model), file);
      }
    }
    for (const w of withJoinsLeft) if (!documents.get(w.uri)) publish(w.uri, 0, w.text, withJoins(w.file, index.viewFor(w.uri), resolvedSettings.get(w.uri)!));
    // Now that every spec is known, joins resolve: check the open ones again.
    for (const doc of documents.all()) void checkDocument(doc);
  };

  /**
   * Checks closed specs of a folder on threads (as `tablespec check` does), when there are enough of
   * them and the threads can read everything the checks read from files: not an unsaved
   * tablespec.yaml, a live catalog or a live Oracle dictionary. Undefined when not (or when a thread
   * fails): the caller checks them here.
   */
  const checkOnThreads = async (root: string, s: EditorSettings, paths: string[]): Promise<WorkerResult[] | undefined> => {
    const threads = threadCount();
    if (!root || threads < 2 || paths.length < 64 || !threadScript() || documents.get(toUri(join(root, 'tablespec.yaml')))) return undefined;
    const config = sources.config(root);
    const snapshot = s.catalogSnapshot ?? config.environments[s.environment]?.catalogSnapshot;
    if (sources.catalog(root, s) && !snapshot) return undefined;
    if (sources.dictionary(root) && !config.dictionary) return undefined;
    try {
      return await runCheckThreads(paths.map((file) => ({ file, key: root, check: true })), { settings: s, ...(snapshot ? { catalog: { path: join(root, snapshot), label: snapshot, only: true } } : {}), ...(locale ? { locale } : {}), budgetMs: checkBudgetMs }, threads);
    } catch (err) {
      connection.console.warn(`TableSpec: checking on threads failed (${(err as Error).message}); checking here instead.`);
      return undefined;
    }
  };

  /** Re-checks what was checked, with the catalogs as they are now. */
  const recheckOpen = async () => {
    for (const [uri, c] of [...checked]) checkAgain(uri, c);
    for (const state of sources.catalogStates()) void connection.sendNotification(catalogState.method, state satisfies CatalogState);
  };

  const recheckAll = async () => {
    sources.forgetAll();
    for (const uri of [...checked.keys()]) {
      await loadSettings(uri);
      checkAgain(uri, checked.get(uri)!);
    }
    for (const doc of documents.all()) if (isWorkspaceFile(doc.uri)) void checkDocument(doc);
  };

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => toPath(f.uri)) ?? (params.rootUri ? [toPath(params.rootUri)] : []);
    roots = folders;
    const options = params.initializationOptions as InitializationOptions | undefined;
    // Restricted Mode: the checks run on files only, and no command runs anything.
    sources.trusted = options?.trusted !== false;
    // Before anything is checked: messages are made, and cached, in this language.
    locale = options?.locale ?? params.locale;
    useLocale(locale);
    // Compile the schema and warm the checks now, so that the first file opened is checked at once.
    createSpecChecker()(warmUpSpec, { config: defaultConfig, settings: defaultEditorSettings, workspace: emptyWorkspace });
    configurationSupported = !!params.capabilities.workspace?.configuration;
    watchersSupported = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '-', '[', ',', '.'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        executeCommandProvider: { commands: [...Object.keys(operationCommands), ...otherCommands] },
      },
      serverInfo: { name: 'tablespec', version: typeof TABLESPEC_VERSION === 'string' ? TABLESPEC_VERSION : 'dev' },
    };
  });

  connection.onInitialized(async () => {
    for (const root of roots.length ? roots : ['']) folderSettings.set(root, await settings.get(root ? toUri(root) : ''));
    if (configurationSupported) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tablespec' });
    if (watchersSupported) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.table.{yaml,yml}' }, { globPattern: '**/tablespec.yaml' }, { globPattern: '**/*.{json,csv}' }, { globPattern: '**/.tablespec/history.jsonl' }],
      });
    }
    await indexWorkspace();
  });

  connection.onDidChangeConfiguration(async () => {
    settings.clear();
    await recheckAll();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let reloadAll = false;
    for (const change of changes) {
      // A new incident in the history (`tablespec runs --report`): the open specs show their last failure.
      if (change.uri.endsWith('/.tablespec/history.jsonl')) {
        scheduleRecheckAll();
        continue;
      }
      if (isWorkspaceFile(change.uri) || sources.files.has(toPath(change.uri))) {
        reloadAll = true;
        continue;
      }
      if (!specPattern.test(change.uri) || documents.get(change.uri)) continue; // open documents are the editor's truth
      if (change.type === FileChangeType.Deleted) {
        const gone = index.get(change.uri);
        index.delete(change.uri);
        checked.delete(change.uri);
        checkers.delete(change.uri);
        published.delete(change.uri);
        void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
        if (gone) recheckDependents([`${gone.database}.${gone.table}`]);
        continue;
      }
      try {
        await loadSettings(change.uri);
        recheckDependents(checkSpec(change.uri, readFileSync(toPath(change.uri), 'utf8'), 0, false));
      } catch {
        // deleted between the event and the read: the Deleted event follows
      }
    }
    if (reloadAll) await recheckAll();
  });

  // Edits are checked through a queue, one document per turn of the event loop: a slow document goes last.
  const queue = createCheckQueue((uri) => {
    const doc = documents.get(uri);
    if (doc) void checkDocument(doc);
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (isWorkspaceFile(uri)) {
      sources.forgetConfig();
      queue.schedule(uri);
    } else if (resolvedSettings.has(uri)) {
      queue.schedule(uri);
    } else {
      // Check at once with the folder's settings, then again if the document's own settings differ.
      const assumed = knownSettings(uri);
      if (assumed) queue.schedule(uri);
      void loadSettings(uri).then(() => {
        const doc = documents.get(uri);
        if (doc && JSON.stringify(resolvedSettings.get(uri)) !== JSON.stringify(assumed)) queue.schedule(uri);
      });
    }
  });
  documents.onDidSave((e) => {
    if (isWorkspaceFile(e.document.uri)) void recheckAll();
  });
  documents.onDidClose((e) => {
    // Whatever the open document cost (its checker's caches) goes with it.
    checkers.delete(e.document.uri);
    workspaceBound.delete(e.document.uri);
    queue.forget(e.document.uri);
    // A closed spec stays in the index and keeps its diagnostics (re-read from disk).
    if (specPattern.test(e.document.uri)) {
      try {
        checkSpec(e.document.uri, readFileSync(toPath(e.document.uri), 'utf8'), 0, false);
      } catch {
        index.delete(e.document.uri);
        checked.delete(e.document.uri);
        published.delete(e.document.uri);
        void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      }
    } else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const late = (what: string) => (ms: number) => connection.console.warn(`TableSpec: ${what} took more than ${ms} ms and was answered empty.`);

  connection.onCompletion((params) => withinBudget(() => completion(params), [], requestBudgetMs, late('completion')));
  const completion = async (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (isWorkspaceFile(doc.uri)) return overBound(doc) ? [] : completeWorkspaceFile(doc, params.position);
    const c = checked.get(doc.uri);
    const text = doc.getText();
    const lineIndex = c?.open && c.text === text ? c.open.index : new LineIndex(text);
    return complete({ text, offset: lineIndex.offset(params.position), model: c?.open?.result.model, tableNames: index.viewFor(doc.uri).names(), range: (start, end) => toRange(lineIndex, start, end) });
  };

  connection.onHover((params) => withinBudget(() => hoverAt(params), null, requestBudgetMs, late('hover')));
  const hoverAt = async (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    if (isWorkspaceFile(doc.uri)) return overBound(doc) ? null : workspaceFileService().doHover(doc, params.position);
    const c = checked.get(doc.uri);
    if (!c?.open || c.version !== doc.version) return null;
    const { result, index: at } = c.open;
    const root = rootOf(doc.uri);
    const h = hover(result.model.root, at.offset(params.position), sources.config(root).maxStringSize === 'extended');
    return h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: toRange(at, h.start, h.end) } : null;
  };

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    const c = checked.get(params.textDocument.uri)?.open;
    // A fix is an edit of the text it was computed on: refuse it once the document has moved on.
    if (!doc || !c || checked.get(doc.uri)!.version !== doc.version) return [];
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      for (const fix of c.fixes.get(problemKey(d.code, d.range)) ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: !!fix.preferred,
          edit: {
            documentChanges: [
              { textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits.map((e) => ({ range: toRange(c.index, e.start, e.end), newText: e.newText })) },
            ],
          },
        });
      }
    }
    return actions;
  });

  // The TableSpec view: the folder's specs under each environment, their checks, catalog state and history.
  connection.onRequest(tablesViewRequest, (params: TablesViewParams) => {
    const root = rootOf(params.uri);
    const config = sources.config(root);
    const s = folderSettings.get(root) ?? defaultEditorSettings;
    const environment = typeof params.environment === 'string' && params.environment ? params.environment : s.environment;
    const catalog = sources.catalog(root, { ...s, environment });
    const specs = index.all().flatMap((e) => (rootOf(e.uri) === root ? [{ uri: e.uri, database: e.database, table: e.table, problems: published.get(e.uri) ?? [] }] : []));
    return buildTablesView({
      environments: Object.values(config.environments),
      current: environment,
      specs,
      history: root ? readHistory(root) : [],
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
        trusted: sources.trusted,
        textOf: (uri) => documents.get(uri)?.getText(),
        environmentOf: (uri) => (knownSettings(uri) ?? defaultEditorSettings).environment,
        refreshCatalog: async (uri) => {
          const catalog = sources.catalog(rootOf(uri), knownSettings(uri) ?? defaultEditorSettings) as LiveCatalog | undefined;
          if (catalog && 'refresh' in catalog) await catalog.refresh();
          await recheckOpen();
          return catalog ? { source: catalog.source, state: catalog.state, error: catalog.lastError } : { state: 'none' };
        },
        deployed: (uri) => {
          const catalog = sources.catalog(rootOf(uri), knownSettings(uri) ?? defaultEditorSettings) as LiveCatalog | undefined;
          if (catalog && 'refresh' in catalog) void catalog.refresh().then(() => recheckOpen());
          else if (!catalog) {
            // The first deploy on the local engine created its database file: the catalog exists now (none was, before).
            sources.forgetConfig();
            void recheckOpen();
          }
        },
        scanned: (uri, report) => {
          const byColumn = new Map<string, ScanFinding[]>();
          for (const f of report.findings) byColumn.set(f.column, [...(byColumn.get(f.column) ?? []), f]);
          valueScans.set(uri, byColumn);
          const last = checked.get(uri);
          if (last) checkAgain(uri, last);
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

  connection.onDocumentSymbol((params) => {
    const c = checked.get(params.textDocument.uri)?.open;
    return c ? documentSymbols(c.result.model, c.index) : [];
  });

  documents.listen(connection);
  connection.listen();
}

declare const TABLESPEC_VERSION: string | undefined;
