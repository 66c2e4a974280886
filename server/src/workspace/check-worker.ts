/**
 * A thread of `tablespec check` on a large workspace (see check-parallel.ts): reads, parses and
 * checks the files it is sent, a batch at a time (check-job.ts), and sends back each file's problems,
 * what the index needs of it, and what its joins ask. It keeps nothing of a file once its batch is sent.
 *
 * It warms up as it starts (the schema compiled, the checks' code loaded), before it knows what to
 * check: the language server starts its threads at `initialize`, before the editor's settings are
 * known. The first message is then the run's settings, the next ones the batches, and `null` the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useLocale } from '../core/locale';
import { warmUpChecker } from '../document/check-spec';
import { createJobRunner, type ThreadStart, type WorkerData, type WorkerJob } from './check-job';

useLocale((workerData as ThreadStart).locale);
warmUpChecker();

let run: ReturnType<typeof createJobRunner> | undefined;
parentPort!.on('message', (message: WorkerData | WorkerJob[] | null) => {
  if (message === null) {
    parentPort!.close();
  } else if (!Array.isArray(message)) {
    run = createJobRunner(message);
  } else {
    parentPort!.postMessage(message.map(run!));
  }
});
