/**
 * The rejected values of a load, kept beside the history: `.tablespec/rejected/<environment>/<database.table>/<time>.json`,
 * the last ten loads of each table. The history names the file (never the values); the editor shows it in the grid.
 * Personal columns are masked before the sample is written (see sql/duckdb-sql.ts `rejectedSample`).
 */
import * as l10n from '@vscode/l10n';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { OperationError } from '../backends/errors';
import type { RejectedRows } from './load';

export interface RejectedSample extends RejectedRows {
  table: string;
  environment: string;
  at: string;
  failedConversions: Record<string, number>;
}

/** Loads of a table whose samples are kept. */
export const keptSamples = 10;

const folderOf = (root: string) => join(root, '.tablespec', 'rejected');
/** A name safe as one path segment: environment and table names are checked names, but a file name is not the place to trust that. */
const segment = (name: string) => name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^\.+/, '_');

/** Writes a load's sample; returns its path relative to the workspace folder (what the history records). */
export function saveRejected(root: string, sample: RejectedSample): string {
  const dir = join(folderOf(root), segment(sample.environment), segment(sample.table));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${sample.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(sample) + '\n');
  // The oldest go: a table loaded every day keeps its last ten samples, not a year of them.
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const old of all.slice(0, Math.max(0, all.length - keptSamples))) rmSync(join(dir, old), { force: true });
  return relative(root, file).split(sep).join('/');
}

/** Reads a sample the history names; only a file under .tablespec/rejected/ is read. */
export function readRejected(root: string, path: string): RejectedSample {
  const file = resolve(root, path);
  const folder = folderOf(resolve(root));
  if (!file.startsWith(folder + sep) || !file.endsWith('.json')) throw new OperationError('invalid-spec', l10n.t('{0} is not a sample of rejected values.', path));
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RejectedSample;
  } catch {
    throw new OperationError('not-found', l10n.t('The sample of rejected values {0} is no longer kept (the last {1} loads of a table are).', path, keptSamples));
  }
}
