/**
 * A thread of `tablespec check` on a large workspace (see check-parallel.ts): reads, parses and
 * checks the files it is sent, a batch at a time (check-job.ts), and sends back each file's problems,
 * what the index needs of it, and what its joins ask. It keeps nothing of a file once its batch is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useLocale } from '../core/locale';
import { createJobRunner, type WorkerData, type WorkerJob } from './check-job';

const data = workerData as WorkerData;
useLocale(data.locale);
const run = createJobRunner(data);

parentPort!.on('message', (jobs: WorkerJob[] | null) => {
  if (jobs === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(jobs.map(run));
});
