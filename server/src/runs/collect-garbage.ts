/**
 * A full garbage collection on demand, for a reader that streams gigabytes through short-lived
 * buffers and strings. V8 collects them only when its heap or external-memory limits are reached
 * (tens of megabytes above the live set), which is what made classifying a 4 GB log peak at about
 * 120 MB of RSS; one full collection per 8 MB read (classify-log.ts) keeps the CLI near 93 MB, for
 * about 20 % more time.
 * `--expose-gc` set at run time gives `gc` to new contexts only: the global one is left as it was.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** Runs a full collection; does nothing where the engine refuses the flag. */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
