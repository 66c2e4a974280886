/**
 * The queries an engineer ran from the editor (a `.sql` file, a selection, the query box), kept per workspace
 * in `.tablespec/queries.jsonl` (not in version control: `.tablespec/` is ignored): what ran where, when, and
 * how it ended, with rows, bytes scanned and cost, so that a query can be found and run again.
 * The query's text is the engineer's own; what an engine quoted from a data row is dropped from errors.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { scrubEngineMessage } from '../backends/local/engine-message';

export type QueryOutcome = 'ok' | 'failed' | 'cancelled' | 'scan-limit' | 'refused';

export interface QueryHistoryEntry {
  id: string;
  at: string;
  environment: string;
  /** The workspace-relative file the query came from, when it came from one. */
  source?: string;
  sql: string;
  result: QueryOutcome;
  rows?: number;
  elapsedMs?: number;
  bytesScanned?: number;
  costUsd?: number;
  /** Athena's QueryExecutionId. */
  queryId?: string;
  error?: string;
}

/** How many queries the history keeps: the oldest go first. */
const queryHistoryLimit = 200;

function queryHistoryFile(root: string): string {
  return join(root, '.tablespec', 'queries.jsonl');
}

function parse(line: string): QueryHistoryEntry[] {
  try {
    return [JSON.parse(line) as QueryHistoryEntry];
  } catch {
    return [];
  }
}

/** The history, newest first; lines that do not parse (a crash mid-write) are skipped. */
export function readQueryHistory(root: string): QueryHistoryEntry[] {
  const file = queryHistoryFile(root);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).flatMap(parse).slice(-queryHistoryLimit).reverse();
}

/** Appends one query; past twice the limit the file is cut back to the newest `queryHistoryLimit`. */
export function recordQuery(root: string, entry: Omit<QueryHistoryEntry, 'id' | 'at'>): QueryHistoryEntry {
  const full: QueryHistoryEntry = { id: randomUUID(), at: new Date().toISOString(), ...entry };
  if (full.error) full.error = scrubEngineMessage(full.error);
  mkdirSync(join(root, '.tablespec'), { recursive: true });
  const file = queryHistoryFile(root);
  appendFileSync(file, JSON.stringify(full) + '\n');
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  if (lines.length > 2 * queryHistoryLimit) writeFileSync(file, lines.slice(-queryHistoryLimit).join('\n') + '\n');
  return full;
}
