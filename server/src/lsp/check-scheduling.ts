/**
 * When the server checks what: edits go through a queue (one document per turn of the event loop, a
 * slow one last); specs that join to a table whose definition changed are re-checked a moment later,
 * once typing pauses; new catalog metadata re-checks every checked spec, once, a moment later.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createCheckQueue } from './budget';
import { checkDocument, checkSpecAgain } from './check-specs';
import { toUri } from './live-workspaces';
import { catalogState, type CatalogState } from '../protocol';
import type { ServerContext } from './server-context';
import { isWorkspaceFile } from './workspace-file';

/** How long after a change of a table's definition the specs that join to it are checked again. */
const dependentsDelayMs = 150;
/** How long after new catalog metadata arrives every checked spec is checked again. */
const catalogDelayMs = 200;

export interface CheckScheduler {
  /** An open document changed: check it in its turn. */
  schedule(uri: string): void;
  /** A document closed: drop it from the queue. */
  forget(uri: string): void;
  /** Checks an open document now, then (a moment later) the specs that join to what it changed. */
  checkOpenDocument(doc: TextDocument): Promise<void>;
  /** Re-checks, a moment later, the specs whose joins name one of these `database.table`s. */
  recheckDependentsOf(names: string[]): void;
  /** Re-checks every spec checked so far, with the catalogs as they are now, and tells the editor the catalogs' states. */
  recheckCheckedSpecs(): void;
  /** New catalog or dictionary metadata arrived: `recheckCheckedSpecs` once, a moment later. */
  recheckCheckedSpecsSoon(): void;
  /** Settings, tablespec.yaml or a snapshot or dictionary file changed: read them again (settings too), then re-check every checked spec and open tablespec.yaml. */
  rereadSourcesAndRecheck(): Promise<void>;
}

export function createCheckScheduler(ctx: ServerContext): CheckScheduler {
  const pendingNames = new Set<string>();
  let dependentsTimer: NodeJS.Timeout | undefined;
  let catalogTimer: NodeJS.Timeout | undefined;

  const recheckDependentsOf = (names: string[]) => {
    if (names.length === 0) return;
    for (const n of names) pendingNames.add(n);
    if (dependentsTimer) return;
    dependentsTimer = setTimeout(() => {
      dependentsTimer = undefined;
      const changed = [...pendingNames];
      pendingNames.clear();
      for (const [uri, c] of ctx.cache.checked) if ((c.joins ??= /joins\s*:/.test(c.text)) && changed.some((n) => c.text.includes(n))) checkSpecAgain(ctx, uri, c);
    }, dependentsDelayMs);
  };

  const checkOpenDocument = async (doc: TextDocument) => recheckDependentsOf(await checkDocument(ctx, doc));

  // Edits are checked through a queue, one document per turn of the event loop: a slow document goes last.
  const queue = createCheckQueue((uri) => {
    const doc = ctx.documents.get(uri);
    if (doc) void checkOpenDocument(doc);
  });

  const recheckCheckedSpecs = () => {
    for (const [uri, c] of [...ctx.cache.checked]) checkSpecAgain(ctx, uri, c);
    for (const ws of ctx.workspaces.all()) for (const state of ws.catalogStates()) void ctx.connection.sendNotification(catalogState.method, state satisfies CatalogState);
  };

  return {
    schedule: (uri) => queue.schedule(uri),
    forget: (uri) => queue.forget(uri),
    checkOpenDocument,
    recheckDependentsOf,
    recheckCheckedSpecs,
    recheckCheckedSpecsSoon() {
      if (catalogTimer) return;
      catalogTimer = setTimeout(() => {
        catalogTimer = undefined;
        recheckCheckedSpecs();
      }, catalogDelayMs);
    },
    async rereadSourcesAndRecheck() {
      ctx.workspaces.forgetRoots();
      for (const ws of ctx.workspaces.all()) ws.forgetAll();
      for (const root of ctx.workspaces.folders.length ? ctx.workspaces.folders : ['']) ctx.workspaces.setFolderSettings(root, await ctx.settings.get(root ? toUri(root) : ''));
      for (const uri of [...ctx.cache.checked.keys()]) {
        ctx.workspaces.setSettings(uri, await ctx.settings.get(uri));
        const last = ctx.cache.checked.get(uri);
        if (last) checkSpecAgain(ctx, uri, last);
      }
      for (const doc of ctx.documents.all()) if (isWorkspaceFile(doc.uri)) void checkDocument(ctx, doc);
    },
  };
}
