/**
 * Checks spec files from disk, as the command-line checker does: each file with the config of its
 * workspace (the nearest tablespec.yaml) and an index of every spec there, for joins.
 */
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { readSnapshotFile } from '../catalog/snapshot-catalog';
import { loadWorkspaceConfig, type CheckSettings, type WorkspaceConfig } from '../config/workspace-config';
import { problem, type Problem } from '../core/problem';
import { createSpecChecker, indexEntry } from '../spec/check-spec';
import type { SpecModel } from '../spec/spec-model';
import type { SourceDictionary } from '../rules/check-source';
import { loadDictionary } from '../oracle/dictionary-source';
import { emptyWorkspace, SpecIndex } from '../spec/workspace-index';
import { findSpecFiles, findWorkspaceRoot } from './find-files';

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

interface Workspace {
  config: WorkspaceConfig;
  index: SpecIndex; // by absolute path
  catalog?: Catalog;
  source?: SourceDictionary;
}

/** Checks files from disk; `overrides` gives texts not saved yet (an editor's buffers). */
/** `sources` gives, per workspace root, a dictionary read beforehand (a live Oracle one). */
export function checkFiles(paths: string[], settings: CheckSettings, catalogPath?: string, overrides?: Map<string, string>, sources?: Map<string, SourceDictionary>): CheckRun {
  const notices: string[] = [];
  const files = overrides ? [...new Set([...findSpecFiles(paths), ...[...overrides.keys()].filter((p) => paths.includes(p))])] : findSpecFiles(paths);
  const explicitCatalog = catalogPath ? loadSnapshot(catalogPath, notices) : undefined;
  const workspaces = new Map<string, Workspace>();
  const texts = new Map<string, string | undefined>();
  // One checker per file, made in the index pass and used again for the check: its caches keep the parse and the columns.
  const checkers = new Map<string, ReturnType<typeof createSpecChecker>>();
  const checkerOf = (p: string) => {
    let c = checkers.get(resolve(p));
    if (!c) checkers.set(resolve(p), (c = createSpecChecker()));
    return c;
  };
  const textOf = (p: string) => {
    if (!texts.has(p)) texts.set(p, overrides?.get(p) ?? readText(p));
    return texts.get(p);
  };

  const workspaceOf = (file: string): Workspace => {
    const root = findWorkspaceRoot(file) ?? dirname(file);
    let ws = workspaces.get(root);
    if (ws) return ws;
    const config = loadWorkspaceConfig(root);
    ws = { config, index: new SpecIndex() };
    // Index every spec of the workspace, not only the ones being checked, so that joins resolve.
    const members = findWorkspaceRoot(file) ? findSpecFiles([root]) : [file];
    for (const m of members) {
      const text = textOf(m);
      if (text === undefined) continue;
      ws.index.set(resolve(m), indexEntry(resolve(m), checkerOf(m)(text, { config, settings, workspace: emptyWorkspace }).model));
    }
    const envSnapshot = config.environments[settings.environment]?.catalogSnapshot;
    ws.catalog = explicitCatalog ?? (envSnapshot ? loadSnapshot(join(root, envSnapshot), notices) : undefined);
    const given = sources?.get(root);
    if (given) ws.source = given;
    else if (config.dictionary) {
      const d = loadDictionary(join(root, config.dictionary), config.dictionary);
      if (d.error) notices.push(d.error);
      if (d.dictionary) ws.source = d.dictionary;
    }
    workspaces.set(root, ws);
    return ws;
  };

  const results: FileResult[] = [];
  for (const file of files) {
    const text = textOf(file);
    if (text === undefined) {
      results.push({ path: file, text: '', problems: [problem('file-unreadable', 'error', { start: 0, end: 0 }, l10n.t('Cannot read {0}.', relative(process.cwd(), file)))] });
      continue;
    }
    const ws = workspaceOf(file);
    const env = { config: ws.config, settings, workspace: ws.index.viewFor(resolve(file)), ...(ws.catalog ? { catalog: ws.catalog } : {}), ...(ws.source ? { source: ws.source } : {}) };
    const checked = checkerOf(file)(text, env);
    results.push({ path: file, text, problems: checked.problems, model: checked.model });
  }
  return { files: results, notices };
}
