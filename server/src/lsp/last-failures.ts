/**
 * The last failure of each table, read from the workspace history (`.tablespec/history.jsonl`, the
 * `incident` entries `tablespec runs --report` and `diagnose --report` write), re-read only when the
 * file changed. An incident recorded with what was changed (`--changed`) is handled and not shown.
 */
import { statSync } from 'node:fs';
import { historyFile, readHistory } from '../ops/history';
import type { LastFailure } from '../runs/last-failure';

export function createLastFailures(): (root: string, table: string) => LastFailure | undefined {
  const cache = new Map<string, { mtimeMs: number; size: number; byTable: Map<string, LastFailure | undefined> }>();
  return (root, table) => {
    if (!root) return undefined;
    let info: ReturnType<typeof statSync>;
    try {
      info = statSync(historyFile(root));
    } catch {
      return undefined;
    }
    let known = cache.get(root);
    if (!known || known.mtimeMs !== info.mtimeMs || known.size !== info.size) {
      const byTable = new Map<string, LastFailure | undefined>();
      for (const h of readHistory(root)) {
        if (h.operation !== 'incident') continue;
        const d = (h.detail ?? {}) as { runId?: unknown; taskId?: unknown; rules?: unknown };
        const rules = Array.isArray(d.rules) ? d.rules.filter((r): r is string => typeof r === 'string') : [];
        // The newest incident of a table wins; one already handled hides the older ones.
        byTable.set(h.table, h.changes?.length ? undefined : { at: h.at, environment: h.environment, runId: String(d.runId ?? ''), taskId: String(d.taskId ?? ''), rules });
      }
      cache.set(root, (known = { mtimeMs: info.mtimeMs, size: info.size, byTable }));
    }
    return known.byTable.get(table);
  };
}
