/**
 * Checks spec files from disk, as the command-line checker does: each file with the config of its
 * workspace (the nearest tablespec.yaml) and an index of every spec there, for joins.
 */
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { readSnapshotFile } from '../catalog/snapshot-catalog';
import type { Settings } from '../config/workspace-config';
import { problem, type Problem } from '../core/problem';
import { checkSpecFile, indexEntry, indexSpecFile, withJoins } from '../document/check-spec';
import type { JoinRef } from '../rules/check-joins';
import type { SpecModel } from '../document/spec-model';
import type { SourceDictionary } from '../rules/check-source';
import { findSpecFiles, findWorkspaceRoot } from './find-files';
import { openWorkspace, type Workspace } from './workspace';

export interface FileResult {
  path: string;
  text: string;
  problems: Problem[];
  model?: SpecModel;
}

export interface CheckRun {
  files: FileResult[];
  /** Problems with the run itself (an unreadable catalog snapshot), not with a spec. */
  notices: string[];
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Loads a catalog snapshot; a bad file is a notice, not a crash. */
export function loadSnapshot(path: string, notices: string[]): Catalog | undefined {
  const r = readSnapshotFile(path, relative(process.cwd(), path) || path);
  if (r.error) notices.push(r.error);
  return r.catalog;
}

/** The workspace at `root` as `tablespec check` opens it: from disk, its problems with files as notices. */
export function openCheckWorkspace(root: string, settings: Settings, explicitCatalog: Catalog | undefined, given: SourceDictionary | undefined, notices: string[], catalogOnly = false): Workspace {
  const notice = (m: string) => notices.push(m);
  const ws = openWorkspace(root, {
    settings,
    ...(explicitCatalog ? { catalog: explicitCatalog } : {}),
    ...(catalogOnly ? { catalogOnly } : {}),
    ...(given ? { dictionary: given } : {}),
    host: { warn: notice, log: notice, nameOf: (path) => relative(process.cwd(), path) || path },
  });
  // Read now, so that the notices come in the order of the workspaces.
  ws.catalog(settings);
  ws.dictionary();
  return ws;
}

/** The files to check of one workspace, and the other specs there (indexed only, so that joins resolve). */
export interface WorkspaceFiles {
  /** The folder of its tablespec.yaml; else the folder of files that have none. */
  key: string;
  hasRoot: boolean;
  files: string[];
  others: string[];
}

/** The files of a run by workspace, in the order of their first file; the nearest tablespec.yaml is looked up once per folder. */
export function groupByWorkspace(files: string[]): WorkspaceFiles[] {
  const rootOfFolder = new Map<string, string | undefined>();
  const groups = new Map<string, WorkspaceFiles>();
  for (const file of files) {
    const folder = dirname(resolve(file));
    if (!rootOfFolder.has(folder)) rootOfFolder.set(folder, findWorkspaceRoot(folder));
    const root = rootOfFolder.get(folder);
    const key = root ?? folder;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, hasRoot: !!root, files: [], others: [] }));
    group.files.push(file);
  }
  for (const group of groups.values()) {
    const checked = new Set(group.files.map((f) => resolve(f)));
    if (group.hasRoot) group.others = findSpecFiles([group.key]).filter((m) => !checked.has(m));
  }
  return [...groups.values()];
}

/** The problem of a file that cannot be read. */
export function unreadable(file: string): FileResult {
  return { path: file, text: '', problems: [problem('file-unreadable', 'error', { start: 0, end: 0 }, l10n.t('Cannot read {0}.', relative(process.cwd(), file)))] };
}

/** The specs to check of a run: the files and folders given, and the editor's buffers among them. */
export function specFilesOf(paths: string[], overrides?: Map<string, string>): string[] {
  return overrides ? [...new Set([...findSpecFiles(paths), ...[...overrides.keys()].filter((p) => paths.includes(p))])] : findSpecFiles(paths);
}

/**
 * Checks files from disk; `overrides` gives texts not saved yet (an editor's buffers), `sources`, per
 * workspace root, a dictionary read beforehand (a live Oracle one). Each file is parsed once: the
 * files checked index themselves as they are checked, the other specs of their workspace (indexed
 * so that joins resolve) are only indexed, and the joins are checked once the index is complete.
 * Only what the index needs is kept of each file (no tree), unless `options.models` asks for the models.
 */
export function checkFiles(
  paths: string[],
  settings: Settings,
  catalogPath?: string,
  overrides?: Map<string, string>,
  sources?: Map<string, SourceDictionary>,
  options: { models?: boolean } = {},
): CheckRun {
  const notices: string[] = [];
  const files = specFilesOf(paths, overrides);
  const explicitCatalog = catalogPath ? loadSnapshot(catalogPath, notices) : undefined;
  const textOf = (p: string) => overrides?.get(p) ?? readText(p);
  const results = new Map<string, FileResult>();
  for (const group of groupByWorkspace(files)) {
    const ws = openCheckWorkspace(group.key, settings, explicitCatalog, sources?.get(group.key), notices);
    for (const m of group.others) {
      const text = textOf(m);
      if (text !== undefined) ws.index.set(m, indexSpecFile(m, text, ws.config));
    }
    const env = ws.environment(settings);
    const waiting: { file: string; joins: JoinRef[] }[] = [];
    for (const file of group.files) {
      const text = textOf(file);
      if (text === undefined) {
        results.set(file, unreadable(file));
        continue;
      }
      const checked = checkSpecFile(text, env);
      ws.index.set(resolve(file), indexEntry(resolve(file), checked.model));
      results.set(file, { path: file, text, problems: checked.problems, ...(options.models ? { model: checked.model } : {}) });
      if (checked.joins.length) waiting.push({ file, joins: checked.joins });
    }
    // Now that the workspace is indexed: the joins.
    for (const w of waiting) {
      const result = results.get(w.file)!;
      result.problems = withJoins({ problems: result.problems, joins: w.joins }, ws.index.viewFor(resolve(w.file)), settings);
    }
  }
  return { files: files.map((f) => results.get(f)!), notices };
}
