/**
 * Every deploy, load, reconcile and verify, appended to `.tablespec/history.jsonl` in the workspace: who,
 * when, where, what, with what result, so that a failed load can be analysed and reported later.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { scrubEngineMessage } from '../backends/local/engine-message';

export interface HistoryEntry {
  at: string;
  user: string;
  environment: string;
  /** `incident`: a failed production run diagnosed and reported (`tablespec runs --report`). */
  operation: 'deploy' | 'load' | 'reconcile' | 'purge' | 'verify' | 'incident';
  table: string;
  result: 'ok' | 'failed' | 'cancelled' | 'skipped';
  changes?: string[];
  rows?: number;
  bytesScanned?: number;
  detail?: Record<string, unknown>;
  error?: string;
}

export function historyFile(root: string): string {
  return join(root, '.tablespec', 'history.jsonl');
}

function whoAmI(): string {
  try {
    return process.env.TABLESPEC_USER ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function recordHistory(root: string, entry: Omit<HistoryEntry, 'at' | 'user'>): HistoryEntry {
  const full: HistoryEntry = { at: new Date().toISOString(), user: whoAmI(), ...entry };
  // A second guard: whatever an engine quoted from a data row is dropped before it is written down.
  if (full.error) full.error = scrubEngineMessage(full.error);
  if (full.detail) full.detail = JSON.parse(JSON.stringify(full.detail), (_k, v: unknown) => (typeof v === 'string' ? scrubEngineMessage(v) : v)) as Record<string, unknown>;
  mkdirSync(join(root, '.tablespec'), { recursive: true });
  appendFileSync(historyFile(root), JSON.stringify(full) + '\n');
  return full;
}

/** The history, newest last; lines that do not parse (a crash mid-write) are skipped. */
export function readHistory(root: string): HistoryEntry[] {
  const file = historyFile(root);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as HistoryEntry];
      } catch {
        return [];
      }
    });
}
