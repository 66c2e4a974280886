/**
 * The server's first reading of the workspace folders: every spec on disk indexed and checked, one
 * parse each. A spec's diagnostics go out as it is checked, those of specs with joins once every
 * spec is indexed (joins resolve whatever the order). Large folders are read on threads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../config/workspace-config';
import { checkSpecFile, indexEntry, withJoins, type FileCheck } from '../document/check-spec';
import type { IndexedSpec } from '../document/workspace-index';
import { runCheckThreads, startCheckThreads, stopCheckThreads, threadCount, threadScript, type WorkerResult } from '../workspace/check-parallel';
import { findSpecFiles } from '../workspace/find-files';
import type { Workspace } from '../workspace/workspace';
import { checkBudgetMs } from './budget';
import { publish } from './check-specs';
import { toUri } from './live-workspaces';
import type { ServerContext } from './server-context';

interface Found {
  uri: string;
  path: string;
  root: string;
}

/** Below this many specs in the folders, the first reading is done on this thread alone (as `tablespec check` does). */
const minThreadedSpecs = 64;

/**
 * At `initialize`: starts the check threads when the folders hold enough specs to be read on them, so
 * that the threads warm up while this one does and the editor answers the settings request.
 */
export function startCheckThreadsFor(ctx: ServerContext, folders: readonly string[]): void {
  const threads = threadCount();
  if (threads < 2 || !threadScript() || findSpecFiles(folders).length < minThreadedSpecs) return;
  ctx.checkThreads = startCheckThreads(threads - 1, ctx.locale);
}

/** Indexes and checks every closed spec under the workspace folders; edits of open documents are checked in between. */
export async function indexWorkspaceFolders(ctx: ServerContext): Promise<void> {
  try {
    await indexFolders(ctx);
  } finally {
    // Threads started at `initialize` and not needed after all (a tablespec.yaml open in the editor, a live catalog).
    if (ctx.checkThreads) stopCheckThreads(ctx.checkThreads);
    ctx.checkThreads = undefined;
  }
}

async function indexFolders(ctx: ServerContext): Promise<void> {
  const { documents, workspaces } = ctx;
  const found: Found[] = [];
  for (const folder of workspaces.folders) for (const path of findSpecFiles([folder])) if (!documents.get(toUri(path))) found.push({ uri: toUri(path), path, root: workspaces.rootOf(toUri(path)) });
  // Every file's settings in one request: one round trip, not one per file.
  const all = await ctx.settings.getMany(found.map((f) => f.uri));
  for (const [i, f] of found.entries()) workspaces.setSettings(f.uri, all[i]!);
  const withJoinsLeft: { uri: string; path: string; ws: Workspace; text: string; file: Pick<FileCheck, 'problems' | 'joins'> }[] = [];
  /** Records what a closed spec tells the others, and publishes its problems (those with joins wait for the whole index). */
  const indexed = (f: Pick<Found, 'uri' | 'path'>, ws: Workspace, text: string, entry: IndexedSpec | undefined, file: Pick<FileCheck, 'problems' | 'joins'>) => {
    if (documents.get(f.uri)) return; // opened meanwhile: the editor's text is checked instead
    ws.index.set(f.path, entry);
    if (!ws.settingsOf(f.path).workspaceDiagnostics) return;
    if (file.joins.length) withJoinsLeft.push({ ...f, ws, text, file });
    else publish(ctx, f.uri, 0, text, file.problems);
    ctx.cache.checked.set(f.uri, { version: 0, text });
  };
  // By workspace folder and settings (in practice, one group per folder).
  const groups = new Map<string, Found[]>();
  for (const f of found) {
    const key = `${f.root}\n${JSON.stringify(workspaces.at(f.root).settingsOf(f.path))}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  for (const group of groups.values()) {
    const ws = workspaces.at(group[0]!.root);
    const settings = ws.settingsOf(group[0]!.path);
    // Each batch published as it comes back from its thread, not all at the end.
    const threaded = await checkOnThreads(
      ctx,
      ws,
      settings,
      group.map((f) => f.path),
      (batch) => {
        for (const r of batch) if (r.text !== undefined) indexed({ uri: toUri(r.file), path: r.file }, ws, r.text, r.entry, { problems: r.problems!, joins: r.joins! });
      },
    );
    if (threaded) continue;
    for (const [i, f] of group.entries()) {
      if (i % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
      if (documents.get(f.uri)) continue;
      let text: string;
      try {
        text = readFileSync(f.path, 'utf8');
      } catch {
        continue;
      }
      const file = checkSpecFile(text, ws.environment(settings), { budgetMs: checkBudgetMs });
      indexed(f, ws, text, indexEntry(f.path, file.model), file);
    }
  }
  for (const w of withJoinsLeft) if (!documents.get(w.uri)) publish(ctx, w.uri, 0, w.text, withJoins(w.file, w.ws.index.viewFor(w.path), w.ws.settingsOf(w.path)));
}

/**
 * Checks closed specs of a folder on threads (as `tablespec check` does), when there are enough of
 * them and the threads can read everything the checks read from files: not an unsaved
 * tablespec.yaml, a live catalog or a live Oracle dictionary; each batch's results go to `onBatch` as
 * they come. False when not (or when a thread fails): the caller checks them here, again for the files
 * a thread had already sent, which publishes those twice with the same diagnostics.
 */
async function checkOnThreads(ctx: ServerContext, ws: Workspace, settings: Settings, paths: string[], onBatch: (batch: WorkerResult[]) => void): Promise<boolean> {
  const threads = threadCount();
  const root = ws.root;
  if (!root || threads < 2 || paths.length < minThreadedSpecs || !threadScript() || ctx.documents.get(toUri(join(root, 'tablespec.yaml')))) return false;
  const snapshot = settings.catalogSnapshot ?? ws.config.environments[settings.environment]?.catalogSnapshot;
  if (ws.catalog(settings) && !snapshot) return false;
  if (ws.dictionary() && !ws.config.dictionary) return false;
  try {
    const started = ctx.checkThreads ?? startCheckThreads(threads - 1, ctx.locale);
    ctx.checkThreads = undefined;
    await runCheckThreads(
      paths.map((file) => ({ file, key: root, check: true })),
      { settings, ...(snapshot ? { catalog: { path: join(root, snapshot), label: snapshot, only: true } } : {}), budgetMs: checkBudgetMs },
      { threads, started, onBatch },
    );
    return true;
  } catch (err) {
    ctx.connection.console.warn(`TableSpec: checking on threads failed (${(err as Error).message}); checking here instead.`);
    return false;
  }
}
