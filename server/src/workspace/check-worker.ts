/**
 * A thread of `tablespec check` on a large workspace (see check-parallel.ts): reads, parses and
 * checks the files it is sent, a batch at a time, and sends back each file's problems, what the index
 * needs of it, and what its joins ask. It keeps nothing of a file once its batch is sent.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { Settings } from '../config/workspace-config';
import { useLocale } from '../core/locale';
import { checkSpecFile, indexEntry, indexSpecFile } from '../document/check-spec';
import type { Catalog } from '../catalog/catalog';
import { readSnapshotFile } from '../catalog/snapshot-catalog';
import { openCheckWorkspace } from './check-files';
import type { Workspace } from './workspace';
import type { WorkerData, WorkerJob, WorkerResult } from './check-parallel';

const data = workerData as WorkerData;
useLocale(data.locale);
// Notices (a bad snapshot) are the main thread's to report: it opens each workspace too.
const explicitCatalog: Catalog | undefined = data.catalog ? readSnapshotFile(data.catalog.path, data.catalog.label).catalog : undefined;
const workspaces = new Map<string, Workspace>();
const settings: Settings = data.settings;

function run(job: WorkerJob): WorkerResult {
  let text: string;
  try {
    text = readFileSync(job.file, 'utf8');
  } catch {
    return { file: job.file, unreadable: true };
  }
  let ws = workspaces.get(job.key);
  if (!ws) {
    workspaces.set(job.key, (ws = openCheckWorkspace(job.key, settings, explicitCatalog, undefined, [], !!data.catalog?.only)));
  }
  if (!job.check) return { file: job.file, entry: indexSpecFile(job.file, text, ws.config) };
  const checked = checkSpecFile(text, ws.environment(settings), data.budgetMs === undefined ? {} : { budgetMs: data.budgetMs });
  return { file: job.file, text, problems: checked.problems, joins: checked.joins, entry: indexEntry(job.file, checked.model) };
}

parentPort!.on('message', (jobs: WorkerJob[] | null) => {
  if (jobs === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(jobs.map(run));
});
