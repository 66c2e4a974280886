/**
 * One file of a threaded check (see check-parallel.ts): read, parsed, checked, and reduced to what the
 * caller needs of it. The threads and the calling thread run the same code, so that a file's result
 * does not depend on where it was checked.
 */
import { readFileSync } from 'node:fs';
import type { Catalog } from '../catalog/catalog';
import { readSnapshotFile } from '../catalog/snapshot-catalog';
import { checkSpecFile, indexEntry, indexSpecFile } from '../document/check-spec';
import { openCheckWorkspace } from './check-files';
import type { Workspace } from './workspace';
import type { Settings } from '../config/workspace-config';
import type { Problem } from '../core/problem';
import type { JoinRef } from '../rules/check-joins';
import type { IndexedSpec } from '../document/workspace-index';

export interface WorkerData {
  settings: Settings;
  /**
   * A catalog snapshot for every workspace, and its name in messages; when it cannot be read, each
   * workspace's own (tablespec.yaml), as `tablespec check --catalog` does, unless `only` (the editor's setting).
   */
  catalog?: { path: string; label: string; only?: boolean };
  /** The editor's time budget per spec (see createSpecChecker). */
  budgetMs?: number;
}

/** What a thread is started with: the language of its messages (it warms up in it, before it gets its WorkerData). */
export interface ThreadStart {
  locale?: string;
}

/** One file for a thread: `key` names its workspace; `check` is false for a spec only indexed. */
export interface WorkerJob {
  file: string;
  key: string;
  check: boolean;
}

export interface WorkerResult {
  file: string;
  unreadable?: true;
  entry?: IndexedSpec;
  text?: string;
  problems?: Problem[];
  joins?: JoinRef[];
}

/** A function that checks one job as a thread does; it keeps each workspace it opens (config, catalog, dictionary), nothing of a file. */
export function createJobRunner(data: WorkerData): (job: WorkerJob) => WorkerResult {
  // Notices (a bad snapshot) are the caller's to report: it opens each workspace itself.
  const explicitCatalog: Catalog | undefined = data.catalog ? readSnapshotFile(data.catalog.path, data.catalog.label).catalog : undefined;
  const workspaces = new Map<string, Workspace>();
  const { settings } = data;
  return (job) => {
    let text: string;
    try {
      text = readFileSync(job.file, 'utf8');
    } catch {
      return { file: job.file, unreadable: true };
    }
    let ws = workspaces.get(job.key);
    if (!ws) workspaces.set(job.key, (ws = openCheckWorkspace(job.key, settings, explicitCatalog, undefined, [], !!data.catalog?.only)));
    if (!job.check) return { file: job.file, entry: indexSpecFile(job.file, text, ws.config) };
    const checked = checkSpecFile(text, ws.environment(settings), data.budgetMs === undefined ? {} : { budgetMs: data.budgetMs });
    return { file: job.file, text, problems: checked.problems, joins: checked.joins, entry: indexEntry(job.file, checked.model) };
  };
}
