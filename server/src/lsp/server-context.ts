/** The pieces of the language server, as its parts (checks, scheduling, handlers) share them. */
import type { Worker } from 'node:worker_threads';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { createLastFailures } from './last-failures';
import type { LiveWorkspaces } from './live-workspaces';
import type { createSettingsCache } from './settings';
import type { SpecCache } from './spec-cache';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspaces: LiveWorkspaces;
  cache: SpecCache;
  settings: ReturnType<typeof createSettingsCache>;
  /** The last production failure of a table (the history's incidents under a root), shown on its spec. */
  lastFailureOf: ReturnType<typeof createLastFailures>;
  /** The editor's language, for the check threads. */
  locale?: string;
  /** Check threads started at `initialize` for the first reading of the folders, until it takes them. */
  checkThreads?: Worker[];
}
