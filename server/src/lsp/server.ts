/**
 * The language server: checks specs as the engineer types, indexes the workspace for joins, and
 * answers completion, hover, quick fixes and symbols. Only this folder knows LSP.
 */
import { readFileSync } from 'node:fs';
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
import { createSpecChecker, indexEntry, type CheckResult } from '../spec/check-spec';
import { emptyWorkspace, SpecIndex } from '../spec/workspace-index';
import { findSpecFiles, specPattern } from '../workspace/find-files';
import { complete } from './completion';
import { problemKey, toDiagnostic, toRange } from './convert';
import { hover } from './hover';
import { createSettingsCache, defaultEditorSettings, type EditorSettings } from './settings';
import { documentSymbols } from './symbols';
import { completeWorkspaceFile, isWorkspaceFile, workspaceFileService } from './workspace-file';
import { executeCommand, operationCommands, otherCommands, type CommandArgs } from './commands';
import { WorkspaceSources } from './workspace-sources';
import type { LiveCatalog } from '../catalog/live-catalog';

interface Checked {
  version: number;
  text: string;
  index: LineIndex;
  result: CheckResult;
  fixes: Map<string, Fix[]>;
}

const warmUpSpec = 'table: t\nkind: source\nsource: { object: A.T }\nload: { mode: overwrite }\ncolumns:\n  - { name: a, oracle: NUMBER(1), cleansing: [trim] }\n';

const toPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : uri);
const toUri = (path: string) => pathToFileURL(path).toString();

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let roots: string[] = [];
  let configurationSupported = false;
  let watchersSupported = false;
  const settings = createSettingsCache(connection, () => configurationSupported);
  const sources = new WorkspaceSources({
    openText: (path) => documents.get(toUri(path))?.getText(),
    warn: (message) => void connection.window.showWarningMessage(`TableSpec: ${message}`),
    log: (message) => connection.console.warn(message),
    changed: () => scheduleRecheckAll(),
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

  /** Checks a spec's text and publishes its diagnostics; returns the `database.table` names whose definition changed. */
  const checkSpec = (uri: string, text: string, version: number): string[] => {
    const s = knownSettings(uri) ?? defaultEditorSettings;
    const root = rootOf(uri);
    let checker = checkers.get(uri);
    if (!checker) {
      checker = createSpecChecker();
      checkers.set(uri, checker);
    }
    const catalog = sources.catalog(root, s);
    const source = sources.dictionary(root);
    const result = checker(text, { config: sources.config(root), settings: s, workspace: index.viewFor(uri), ...(catalog ? { catalog } : {}), ...(source ? { source } : {}) });
    const lineIndex = new LineIndex(text);
    const fixes = new Map<string, Fix[]>();
    const diagnostics = result.problems.map((p: Problem) => {
      const d = toDiagnostic(lineIndex, p);
      if (p.fixes) fixes.set(problemKey(p.code, d.range), p.fixes);
      return d;
    });
    checked.set(uri, { version, text, index: lineIndex, result, fixes });
    void connection.sendDiagnostics({ uri, version, diagnostics });
    const before = index.get(uri);
    const after = indexEntry(uri, result.model);
    if (!index.set(uri, after)) return [];
    return [before, after].flatMap((e) => (e ? [`${e.database}.${e.table}`] : []));
  };

  /** Checks a spec already checked once again: the editor's text when it is open, else the last text read. */
  const checkAgain = (uri: string, last: Checked) => {
    const doc = documents.get(uri);
    checkSpec(uri, doc?.getText() ?? last.text, doc?.version ?? last.version);
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

  const checkDocument = async (doc: TextDocument): Promise<void> => {
    if (isWorkspaceFile(doc.uri)) {
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

  /** Indexes every spec on disk under the workspace folders, then checks them: joins resolve whatever the order. */
  const indexWorkspace = async () => {
    const found: { uri: string; root: string; text: string }[] = [];
    for (const root of roots) {
      for (const path of findSpecFiles([root])) {
        const uri = toUri(path);
        if (documents.get(uri)) continue;
        try {
          found.push({ uri, root, text: readFileSync(path, 'utf8') });
        } catch {
          continue;
        }
      }
    }
    for (const f of found) {
      await loadSettings(f.uri);
      const result = createSpecChecker()(f.text, { config: sources.config(f.root), settings: resolvedSettings.get(f.uri)!, workspace: emptyWorkspace });
      index.set(f.uri, indexEntry(f.uri, result.model));
    }
    for (const f of found) if (resolvedSettings.get(f.uri)!.workspaceDiagnostics) checkSpec(f.uri, f.text, 0);
    // Now that every spec is known, joins resolve: check the open ones again.
    for (const doc of documents.all()) void checkDocument(doc);
  };

  /** Re-checks what was checked, with the catalogs as they are now. */
  const recheckOpen = async () => {
    for (const [uri, c] of [...checked]) checkAgain(uri, c);
    for (const state of sources.catalogStates()) void connection.sendNotification('tablespec/catalogState', state);
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
    const options = params.initializationOptions as { trusted?: boolean; locale?: string } | undefined;
    // Restricted Mode: the checks run on files only, and no command runs anything.
    sources.trusted = options?.trusted !== false;
    // Before anything is checked: messages are made, and cached, in this language.
    useLocale(options?.locale ?? params.locale);
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
        watchers: [{ globPattern: '**/*.table.{yaml,yml}' }, { globPattern: '**/tablespec.yaml' }, { globPattern: '**/*.{json,csv}' }],
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
        void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
        if (gone) recheckDependents([`${gone.database}.${gone.table}`]);
        continue;
      }
      try {
        await loadSettings(change.uri);
        recheckDependents(checkSpec(change.uri, readFileSync(toPath(change.uri), 'utf8'), 0));
      } catch {
        // deleted between the event and the read: the Deleted event follows
      }
    }
    if (reloadAll) await recheckAll();
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (isWorkspaceFile(uri)) {
      sources.forgetConfig();
      void checkDocument(e.document);
    } else if (resolvedSettings.has(uri)) {
      void checkDocument(e.document);
    } else {
      // Check at once with the folder's settings, then again if the document's own settings differ.
      const assumed = knownSettings(uri);
      if (assumed) void checkDocument(e.document);
      void loadSettings(uri).then(() => {
        const doc = documents.get(uri);
        if (doc && JSON.stringify(resolvedSettings.get(uri)) !== JSON.stringify(assumed)) void checkDocument(doc);
      });
    }
  });
  documents.onDidSave((e) => {
    if (isWorkspaceFile(e.document.uri)) void recheckAll();
  });
  documents.onDidClose((e) => {
    checkers.delete(e.document.uri);
    // A closed spec stays in the index and keeps its diagnostics (re-read from disk).
    if (specPattern.test(e.document.uri)) {
      try {
        checkSpec(e.document.uri, readFileSync(toPath(e.document.uri), 'utf8'), 0);
      } catch {
        index.delete(e.document.uri);
        checked.delete(e.document.uri);
        void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      }
    } else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (isWorkspaceFile(doc.uri)) return completeWorkspaceFile(doc, params.position);
    const c = checked.get(doc.uri);
    const text = doc.getText();
    const lineIndex = c && c.text === text ? c.index : new LineIndex(text);
    return complete({ text, offset: lineIndex.offset(params.position), model: c?.result.model, tableNames: index.viewFor(doc.uri).names(), range: (start, end) => toRange(lineIndex, start, end) });
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    if (isWorkspaceFile(doc.uri)) return workspaceFileService().doHover(doc, params.position);
    const c = checked.get(doc.uri);
    if (!c || c.version !== doc.version) return null;
    const root = rootOf(doc.uri);
    const h = hover(c.result.model.root, c.index.offset(params.position), sources.config(root).maxStringSize === 'extended');
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(c.index, h.start, h.end) } : null;
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    const c = checked.get(params.textDocument.uri);
    // A fix is an edit of the text it was computed on: refuse it once the document has moved on.
    if (!doc || !c || c.version !== doc.version) return [];
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
        },
      },
      params.command,
      (params.arguments?.[0] ?? {}) as CommandArgs,
      token,
      workDone,
    ),
  );

  connection.onDocumentSymbol((params) => {
    const c = checked.get(params.textDocument.uri);
    return c ? documentSymbols(c.result.model, c.index) : [];
  });

  documents.listen(connection);
  connection.listen();
}

declare const TABLESPEC_VERSION: string | undefined;
