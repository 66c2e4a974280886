/**
 * Time budgets of the language server. Checks run one document at a time on one thread, so a document
 * that is slow to check must not hold the others up: checks are queued, a document whose last check
 * went over the budget waits for a pause and goes after the others, and a request that has not
 * answered within its budget is answered empty (the editor asks again as the user moves on).
 */

/** What a check of one document may take before the checker stops and says so (see createSpecChecker). */
export const checkBudgetMs = 1500;
/** A check that took longer than this marks its document slow. */
export const slowCheckMs = 300;
/** How long a slow document waits after its last change before it is checked again. */
export const slowDelayMs = 750;
/** Hover, completion, code actions, symbols. */
export const requestBudgetMs = 2000;

/** The result of `work`, or `fallback` when it has not answered within `ms`; `onLate` says which. */
export async function withinBudget<T>(work: () => T | Promise<T>, fallback: T, ms: number, onLate: (ms: number) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      onLate(ms);
      resolve(fallback);
    }, ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface CheckQueue {
  /** Asks for a check of `uri`; several asks before it runs make one check. */
  schedule(uri: string): void;
  /** Forgets a document (closed). */
  forget(uri: string): void;
  /** Documents currently marked slow, for tests and the log. */
  readonly slow: ReadonlySet<string>;
}

/** Runs `check(uri)` for scheduled documents one at a time, each in its own turn of the event loop, quick ones first. */
export function createCheckQueue(check: (uri: string) => void, now: () => number = () => performance.now()): CheckQueue {
  const ready: string[] = [];
  const waiting = new Map<string, NodeJS.Timeout>();
  const slow = new Set<string>();
  let draining = false;

  const drain = () => {
    draining = false;
    const uri = ready.shift();
    if (uri === undefined) return;
    const started = now();
    try {
      check(uri);
    } finally {
      if (now() - started > slowCheckMs) slow.add(uri);
      else slow.delete(uri);
      kick();
    }
  };
  // setImmediate: messages that arrived meanwhile (another document opened) are read before the next check.
  const kick = () => {
    if (draining || ready.length === 0) return;
    draining = true;
    setImmediate(drain);
  };
  const enqueue = (uri: string) => {
    if (!ready.includes(uri)) ready.push(uri);
    kick();
  };

  return {
    slow,
    schedule(uri) {
      if (!slow.has(uri)) return enqueue(uri);
      clearTimeout(waiting.get(uri));
      waiting.set(
        uri,
        setTimeout(() => {
          waiting.delete(uri);
          enqueue(uri);
        }, slowDelayMs),
      );
    },
    forget(uri) {
      clearTimeout(waiting.get(uri));
      waiting.delete(uri);
      slow.delete(uri);
      const i = ready.indexOf(uri);
      if (i >= 0) ready.splice(i, 1);
    },
  };
}
