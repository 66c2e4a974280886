/**
 * The language server: checks specs as the engineer types, indexes the workspace for joins, and
 * answers completion, hover, quick fixes and symbols. Only this folder knows LSP. This file wires the
 * pieces: the live workspaces (live-workspaces.ts), what is kept of each spec (spec-cache.ts), the
 * checks (check-specs.ts, index-workspace.ts), when they run (check-scheduling.ts), and the handlers
 * of documents and files (document-events.ts) and of requests (request-handlers.ts).
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { useLocale } from '../core/locale';
import { warmUpChecker } from '../document/check-spec';
import { createCheckScheduler } from './check-scheduling';
import { createLastFailures } from './last-failures';
import { checkDocument } from './check-specs';
import { operationCommands, otherCommands } from './commands';
import { registerDocumentEvents } from './document-events';
import { indexWorkspaceFolders, startCheckThreadsFor } from './index-workspace';
import { liveWorkspaceHost } from './live-sources';
import { LiveWorkspaces, toPath, toUri } from './live-workspaces';
import { registerRequestHandlers } from './request-handlers';
import type { ServerContext } from './server-context';
import { createSettingsCache } from './settings';
import { SpecCache } from './spec-cache';
import { oracleAccess, type InitializationOptions, type OracleAccessAnswer } from '../protocol';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let configurationSupported = false;
  let watchersSupported = false;
  const workspaces = new LiveWorkspaces(
    liveWorkspaceHost({
      openText: (path) => documents.get(toUri(path))?.getText(),
      warn: (message) => void connection.window.showWarningMessage(`TableSpec: ${message}`),
      log: (message) => connection.console.warn(message),
      changed: () => scheduler.recheckCheckedSpecsSoon(),
      // An editor that does not know the request (another LSP client) answers with an error: not confirmed.
      oracleAccess: (request) => connection.sendRequest<OracleAccessAnswer>(oracleAccess.method, request).catch(() => ({ approved: false })),
    }),
  );
  const ctx: ServerContext = {
    connection,
    documents,
    workspaces,
    cache: new SpecCache(),
    settings: createSettingsCache(connection, () => configurationSupported),
    lastFailureOf: createLastFailures(),
  };
  const scheduler = createCheckScheduler(ctx);

  connection.onInitialize((params): InitializeResult => {
    workspaces.setRoots(params.workspaceFolders?.map((f) => toPath(f.uri)) ?? (params.rootUri ? [toPath(params.rootUri)] : []));
    const options = params.initializationOptions as InitializationOptions | undefined;
    // Restricted Mode: the checks run on files only, and no command runs anything.
    workspaces.trusted = options?.trusted !== false;
    // Before anything is checked: messages are made, and cached, in this language.
    ctx.locale = options?.locale ?? params.locale;
    useLocale(ctx.locale);
    // A large workspace is checked on threads: start them now, and they warm up while this one does and
    // the editor answers the settings request (the first specs come back sooner).
    startCheckThreadsFor(ctx, workspaces.folders);
    // Compile the schema and warm the checks now, so that the first file opened is checked at once.
    warmUpChecker();
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
    for (const root of workspaces.folders.length ? workspaces.folders : ['']) workspaces.setFolderSettings(root, await ctx.settings.get(root ? toUri(root) : ''));
    if (configurationSupported) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tablespec' });
    if (watchersSupported) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.table.{yaml,yml}' }, { globPattern: '**/tablespec.yaml' }, { globPattern: '**/*.{json,csv}' }, { globPattern: '**/.tablespec/history.jsonl' }],
      });
    }
    await indexWorkspaceFolders(ctx);
    // Now that every spec is known, joins resolve: check the open ones again.
    for (const doc of documents.all()) void checkDocument(ctx, doc);
  });

  registerDocumentEvents(ctx, scheduler);
  registerRequestHandlers(ctx, scheduler);
  documents.listen(connection);
  connection.listen();
}

declare const TABLESPEC_VERSION: string | undefined;
