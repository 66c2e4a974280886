/**
 * `tablespec check` on a large workspace, on every core: worker threads (check-worker.ts) and this
 * thread parse and check the files (check-job.ts), a batch at a time as each thread is free, and this
 * thread indexes what they send and checks the joins once the index is complete. Same results as `checkFiles`, which it falls back
 * to for small runs, a live Oracle dictionary (not transferable to a thread), sources run without the
 * built worker, or a thread that fails.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../config/workspace-config';
import type { SourceDictionary } from '../rules/check-source';
import { withJoins } from '../document/check-spec';
import { SpecIndex } from '../document/workspace-index';
import { createJobRunner, type ThreadStart, type WorkerData, type WorkerJob, type WorkerResult } from './check-job';
import { checkFiles, groupByWorkspace, loadSnapshot, openCheckWorkspace, specFilesOf, unreadable, type CheckRun, type FileResult } from './check-files';

export type { WorkerResult } from './check-job';

/** Files a thread is sent at a time: enough that messages cost nothing, few enough that threads finish together. */
const batchSize = 16;
/** Below this many files to read, starting threads costs more than it saves. */
const minFiles = 64;
/**
 * A thread's old generation: it keeps nothing between batches, so its heap holds one batch; without a
 * bound, V8 lets the garbage of a thousand files grow the heap to hundreds of megabytes first.
 */
const threadHeapMb = 64;
/**
 * A thread's young generation. V8's default for a thread is sized for a heap far larger than 64 MB:
 * 16 MB took 18 MB off the peak of `tablespec check` on 1,000 specs, for the same CPU time.
 */
const threadYoungMb = 16;

/** How many threads to use: TABLESPEC_CHECK_THREADS when set (1: none), else one per core. */
export function threadCount(): number {
  const asked = Number(process.env.TABLESPEC_CHECK_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, 16) : availableParallelism();
}

/** Checks files from disk as `checkFiles` does, on several threads when the run is large enough. */
export async function checkFilesParallel(paths: string[], settings: Settings, catalogPath?: string, sources?: Map<string, SourceDictionary>, locale?: string): Promise<CheckRun> {
  const script = threadScript();
  const threads = threadCount();
  if (threads < 2 || sources?.size || !script) return checkFiles(paths, settings, catalogPath, undefined, sources);
  const files = specFilesOf(paths);
  const groups = groupByWorkspace(files);
  const forced = process.env.TABLESPEC_CHECK_THREADS !== undefined;
  if (!forced && files.length + groups.reduce((n, g) => n + g.others.length, 0) < minFiles) return checkFiles(paths, settings, catalogPath);

  // The notices as `checkFiles` gives them, in its order: this thread opens each workspace too (config, catalog, dictionary: small next to the specs).
  const notices: string[] = [];
  const explicitCatalog = catalogPath ? loadSnapshot(catalogPath, notices) : undefined;
  for (const g of groups) openCheckWorkspace(g.key, settings, explicitCatalog, undefined, notices);

  const jobs: WorkerJob[] = groups.flatMap((g) => [...g.files.map((file) => ({ file: resolve(file), key: g.key, check: true })), ...g.others.map((file) => ({ file, key: g.key, check: false }))]);
  let results: WorkerResult[];
  try {
    results = await runCheckThreads(
      jobs,
      { settings, ...(catalogPath ? { catalog: { path: catalogPath, label: relative(process.cwd(), catalogPath) || catalogPath } } : {}) },
      {
        threads,
        started: startCheckThreads(threads - 1, locale),
      },
    );
  } catch {
    // A thread that fails (out of memory on a pathological file) costs time, not the result.
    return checkFiles(paths, settings, catalogPath);
  }

  const byFile = new Map(results.map((r) => [r.file, r]));
  const out: FileResult[] = [];
  for (const g of groups) {
    const index = new SpecIndex();
    for (const file of g.others) index.set(file, byFile.get(file)?.entry);
    for (const file of g.files) index.set(resolve(file), byFile.get(resolve(file))?.entry);
    for (const file of g.files) {
      const r = byFile.get(resolve(file))!;
      if (r.unreadable) {
        out.push(unreadable(file));
        continue;
      }
      const problems = r.joins?.length ? withJoins({ problems: r.problems!, joins: r.joins }, index.viewFor(resolve(file)), settings) : r.problems!;
      out.push({ path: file, text: r.text!, problems });
    }
  }
  // In the order of the files, as `checkFiles` gives them.
  const order = new Map(files.map((f, i) => [f, i]));
  out.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  return { files: out, notices };
}

/** The built thread's script, next to this bundle; undefined when running from the sources. */
export function threadScript(): string | undefined {
  const script = join(__dirname, 'check-worker.js');
  return existsSync(script) ? script : undefined;
}

/**
 * Starts `count` check threads (none without the built thread script). Each warms up at once; give
 * them to `runCheckThreads`, or `stopCheckThreads` when they are not needed after all.
 */
export function startCheckThreads(count: number, locale?: string): Worker[] {
  const script = threadScript();
  if (!script) return [];
  const start: ThreadStart = locale ? { locale } : {};
  return Array.from({ length: count }, () => {
    const w = new Worker(script, { workerData: start, resourceLimits: { maxOldGenerationSizeMb: threadHeapMb, maxYoungGenerationSizeMb: threadYoungMb } });
    // A thread that fails before its run takes it (while it warms up) must not take the process down with an unheard 'error'.
    w.on('error', () => undefined);
    w.once('exit', () => ended.add(w));
    return w;
  });
}

/** The threads that have stopped: a run given one fails at once instead of waiting for its 'exit'. */
const ended = new WeakSet<Worker>();

export function stopCheckThreads(workers: Worker[]): void {
  for (const w of workers) void w.terminate();
}

/**
 * Runs the jobs on `threads` threads, this one included: `threads - 1` workers (those `started` first,
 * in the language they were started in), each sent its next batch as it sends back one (two in flight,
 * so that it never waits for this thread), and this thread checks batches of its own in between
 * (check-job.ts: the same code), yielding to its event loop after each. One worker fewer than threads
 * saves a thread's start and a heap; rejects when a worker fails. The workers are the run's: they stop
 * at its end, and those it does not need stop at once.
 * `onBatch`: each batch's results as they come (the language server publishes them at once); the
 * promise then resolves to an empty list.
 */
export function runCheckThreads(jobs: WorkerJob[], data: WorkerData, options: { threads: number; started?: Worker[]; onBatch?: (batch: WorkerResult[]) => void }): Promise<WorkerResult[]> {
  const { threads, onBatch } = options;
  const started = options.started ?? [];
  const count = Math.max(1, Math.min(threads - 1, Math.ceil(jobs.length / batchSize) - 1));
  stopCheckThreads(started.slice(count));
  const workers = started.slice(0, count);
  if (workers.length < count) workers.push(...startCheckThreads(count - workers.length));
  if (workers.length < count || workers.some((w) => ended.has(w))) {
    stopCheckThreads(workers);
    return Promise.reject(new Error('no check thread to run on'));
  }
  return new Promise((resolvePromise, reject) => {
    const results: WorkerResult[] = [];
    let received = 0;
    const receive = (batch: WorkerResult[]) => {
      received += batch.length;
      if (onBatch) onBatch(batch);
      else for (const r of batch) results.push(r);
    };
    let next = 0;
    let running = count;
    let hereDone = false;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      stopCheckThreads(workers);
      reject(err);
    };
    const finish = () => {
      if (running > 0 || !hereDone || failed) return;
      if (received === jobs.length) resolvePromise(results);
      else fail(new Error('check threads returned fewer files than sent'));
    };
    const take = (): WorkerJob[] | undefined => {
      if (next >= jobs.length) return undefined;
      const batch = jobs.slice(next, next + batchSize);
      next += batchSize;
      return batch;
    };
    const inFlight = new Map<Worker, number>();
    const feed = (w: Worker) => {
      const batch = take();
      if (batch) {
        inFlight.set(w, inFlight.get(w)! + 1);
        w.postMessage(batch);
      } else if (inFlight.get(w) === 0) {
        inFlight.set(w, -1);
        w.postMessage(null);
      }
    };
    for (const w of workers) {
      inFlight.set(w, 0);
      w.on('message', (batch: WorkerResult[]) => {
        inFlight.set(w, inFlight.get(w)! - 1);
        try {
          receive(batch);
        } catch (err) {
          fail(err);
          return;
        }
        feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (code !== 0) return fail(new Error(`check thread exited with ${code}`));
        running--;
        finish();
      });
      // The run's settings first: the thread was started before they were known.
      w.postMessage(data);
      feed(w);
      feed(w);
    }
    // This thread's share, a batch at a time; the workers' messages are handled between batches.
    let run: ((job: WorkerJob) => WorkerResult) | undefined;
    const here = () => {
      if (failed) return;
      const batch = take();
      if (!batch) {
        hereDone = true;
        // The workers waiting for a batch that will not come: tell them to stop.
        for (const w of workers) if (inFlight.get(w) === 0) feed(w);
        finish();
        return;
      }
      run ??= createJobRunner(data);
      try {
        receive(batch.map(run));
      } catch (err) {
        fail(err);
        return;
      }
      setImmediate(here);
    };
    setImmediate(here);
  });
}
