/**
 * What the editor tells the server about documents and files: edits, saves and closes of open
 * documents, changes on disk (specs, tablespec.yaml, snapshot and dictionary files), and settings.
 */
import { readFileSync } from 'node:fs';
import { FileChangeType } from 'vscode-languageserver';
import { specPattern } from '../workspace/find-files';
import type { CheckScheduler } from './check-scheduling';
import { checkSpec } from './check-specs';
import { toPath } from './live-workspaces';
import type { ServerContext } from './server-context';
import { isWorkspaceFile } from './workspace-file';

export function registerDocumentEvents(ctx: ServerContext, scheduler: CheckScheduler): void {
  const { connection, documents, cache, workspaces } = ctx;

  /** A spec gone from disk: out of the index, its diagnostics cleared, the specs that joined to it checked again. */
  const specDeleted = (uri: string) => {
    const ws = workspaces.of(uri);
    const gone = ws.index.get(toPath(uri));
    ws.index.delete(toPath(uri));
    cache.forget(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    if (gone) scheduler.recheckDependentsOf([`${gone.database}.${gone.table}`]);
  };

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (isWorkspaceFile(uri)) {
      workspaces.of(uri).forgetConfig();
      scheduler.schedule(uri);
    } else if (workspaces.hasOwnSettings(uri)) {
      scheduler.schedule(uri);
    } else {
      // Check at once with the folder's settings, then again if the document's own settings differ.
      const assumed = workspaces.knownSettings(uri);
      if (assumed) scheduler.schedule(uri);
      void ctx.settings.get(uri).then((own) => {
        workspaces.setSettings(uri, own);
        if (documents.get(uri) && JSON.stringify(own) !== JSON.stringify(assumed)) scheduler.schedule(uri);
      });
    }
  });

  documents.onDidSave((e) => {
    if (isWorkspaceFile(e.document.uri)) void scheduler.rereadSourcesAndRecheck();
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    cache.forgetOpen(uri);
    scheduler.forget(uri);
    // A closed spec stays in the index and keeps its diagnostics (re-read from disk).
    if (specPattern.test(uri)) {
      try {
        checkSpec(ctx, uri, readFileSync(toPath(uri), 'utf8'), 0, false);
      } catch {
        specDeleted(uri);
      }
    } else {
      // A closed tablespec.yaml is read from disk again.
      if (isWorkspaceFile(uri)) workspaces.of(uri).forgetConfig();
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  });

  connection.onDidChangeConfiguration(async () => {
    ctx.settings.clear();
    await scheduler.rereadSourcesAndRecheck();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let reread = false;
    for (const change of changes) {
      // A new incident in the history (`tablespec runs --report`): the checked specs show their last failure.
      if (change.uri.endsWith('/.tablespec/history.jsonl')) {
        scheduler.recheckCheckedSpecsSoon();
        continue;
      }
      if (isWorkspaceFile(change.uri) || workspaces.of(change.uri).files.has(toPath(change.uri))) {
        reread = true;
        continue;
      }
      if (!specPattern.test(change.uri) || documents.get(change.uri)) continue; // open documents are the editor's truth
      if (change.type === FileChangeType.Deleted) {
        specDeleted(change.uri);
        continue;
      }
      try {
        workspaces.setSettings(change.uri, await ctx.settings.get(change.uri));
        scheduler.recheckDependentsOf(checkSpec(ctx, change.uri, readFileSync(toPath(change.uri), 'utf8'), 0, false));
      } catch {
        // deleted between the event and the read: the Deleted event follows
      }
    }
    if (reread) await scheduler.rereadSourcesAndRecheck();
  });
}
