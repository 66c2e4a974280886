/**
 * Sqoop split skew, read from the MapReduce application master's syslog: each map attempt's
 * `TaskAttempt Transitioned from ASSIGNED to RUNNING` and its first `… to SUCCESS_FINISHING_CONTAINER`
 * (or `… to SUCCEEDED`) line, with the log4j timestamp in front (`2024-03-05 02:14:07,512`). One mapper
 * that ran far longer than the median of the others means most rows fell into its split.
 */

export interface MapperRun {
  task: string;
  startLine: number;
  endLine: number;
  startText: string;
  endText: string;
  ms: number;
}

export interface SplitSkew {
  longest: MapperRun;
  medianMs: number;
  mappers: number;
}

// A skew is reported when the longest mapper ran at least SKEW_RATIO times the median and a minute longer.
const SKEW_RATIO = 3;
const SKEW_MIN_EXTRA_MS = 60_000;
// Bounds memory whatever the log holds (a job has at most a few thousand mappers).
const MAX_ATTEMPTS = 100_000;

/** The text every line the tracker reads contains (a cheap pre-test). */
export const SKEW_MARK = 'TaskAttempt Transitioned';

const transition = /\b(attempt_\d+_\d+_m_(\d+)_\d+) TaskAttempt Transitioned from (\w+) to (\w+)/;
const stamp = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})[,.](\d{3})/;

function timeOf(text: string): number | undefined {
  const m = stamp.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
}

/** Collects map attempts line by line; `result()` gives the skew, if any. */
export function splitSkewTracker() {
  const started = new Map<string, { task: string; line: number; text: string; at: number }>();
  const finished = new Map<string, MapperRun>();
  return {
    /** Cheap pre-test so that most lines cost one `includes`. */
    line(number: number, text: string): void {
      if (!text.includes(SKEW_MARK)) return;
      const m = transition.exec(text);
      if (!m) return;
      const [, attempt, task, from, to] = m as unknown as [string, string, string, string, string];
      const at = timeOf(text);
      if (at === undefined) return;
      if (from === 'ASSIGNED' && to === 'RUNNING' && started.size < MAX_ATTEMPTS) started.set(attempt, { task, line: number, text, at });
      else if ((to === 'SUCCESS_FINISHING_CONTAINER' || to === 'SUCCEEDED') && !finished.has(task)) {
        const s = started.get(attempt);
        if (s) finished.set(task, { task: `m_${task}`, startLine: s.line, endLine: number, startText: s.text, endText: text, ms: at - s.at });
      }
    },
    result(): SplitSkew | undefined {
      const runs = [...finished.values()];
      if (runs.length < 3) return undefined;
      runs.sort((a, b) => a.ms - b.ms);
      const longest = runs[runs.length - 1]!;
      const others = runs.slice(0, -1);
      const mid = others.length >> 1;
      const medianMs = others.length % 2 ? others[mid]!.ms : (others[mid - 1]!.ms + others[mid]!.ms) / 2;
      if (longest.ms >= SKEW_RATIO * medianMs && longest.ms - medianMs >= SKEW_MIN_EXTRA_MS) return { longest, medianMs, mappers: runs.length };
      return undefined;
    },
  };
}
