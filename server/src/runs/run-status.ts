/**
 * The recent DAG runs of a table and the state of their tasks, read through the batch list endpoints
 * (`POST /dags/~/dagRuns/list`, `POST /dags/~/dagRuns/~/taskInstances/list`): their paths are short
 * enough for InvokeRestApi whatever the DAG id, and both Airflow 2 (v1) and Airflow 3 (v2) have them
 * ("Airflow REST API", https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html;
 * https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html).
 */
import { listAll, type AirflowTransport } from './airflow-api';

export interface TaskState {
  taskId: string;
  state: string | null;
  tryNumber: number;
  startDate?: string;
  endDate?: string;
  mapIndex: number;
}

export interface RunState {
  runId: string;
  state: string;
  /** Airflow 2's execution_date / Airflow 3's logical_date (or run_after for a run without one). */
  logicalDate?: string;
  startDate?: string;
  endDate?: string;
  tasks: TaskState[];
}

export const FAILED_STATES = ['failed', 'upstream_failed', 'up_for_retry'];

/** The DAG id `tablespec dag` writes for a table. */
export function dagIdOf(database: string, table: string): string {
  return `tablespec__${database}__${table}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * The `recent` newest runs of a DAG, newest first, each with its tasks. For a table in a group DAG, only
 * the tasks of its task group (`taskPrefix`, `<database>__<table>.`), and the run's state is the table's:
 * failed when one of its tasks failed, success when all succeeded, else the DAG run's.
 */
export async function recentRuns(api: AirflowTransport, dagId: string, recent: number, taskPrefix?: string): Promise<RunState[]> {
  // Airflow 3 runs may have no logical date (manual runs): run_after orders them all.
  const orderBy = api.version === 'v1' ? '-execution_date' : '-run_after';
  const { items } = await listAll<Record<string, unknown>>(api, '/dags/~/dagRuns/list', { dag_ids: [dagId], order_by: orderBy }, 'dag_runs', recent);
  const runs: RunState[] = items.map((r) => {
    const run: RunState = { runId: String(r.dag_run_id), state: String(r.state ?? 'unknown'), tasks: [] };
    const logical = str(r.logical_date) ?? str(r.execution_date) ?? str(r.run_after);
    if (logical) run.logicalDate = logical;
    if (str(r.start_date)) run.startDate = str(r.start_date)!;
    if (str(r.end_date)) run.endDate = str(r.end_date)!;
    return run;
  });
  if (!runs.length) return runs;
  const { items: tis } = await listAll<Record<string, unknown>>(api, '/dags/~/dagRuns/~/taskInstances/list', { dag_ids: [dagId], dag_run_ids: runs.map((r) => r.runId) }, 'task_instances');
  const byRun = new Map(runs.map((r) => [r.runId, r]));
  for (const ti of tis) {
    const run = byRun.get(String(ti.dag_run_id));
    if (!run || (taskPrefix !== undefined && !String(ti.task_id).startsWith(taskPrefix))) continue;
    const task: TaskState = { taskId: String(ti.task_id), state: str(ti.state) ?? null, tryNumber: Number(ti.try_number ?? 0), mapIndex: Number(ti.map_index ?? -1) };
    if (str(ti.start_date)) task.startDate = str(ti.start_date)!;
    if (str(ti.end_date)) task.endDate = str(ti.end_date)!;
    run.tasks.push(task);
  }
  if (taskPrefix !== undefined) {
    for (const r of runs) {
      if (r.tasks.some((t) => t.state === 'failed' || t.state === 'upstream_failed')) r.state = 'failed';
      else if (r.tasks.length && r.tasks.every((t) => t.state === 'success' || t.state === 'skipped')) r.state = 'success';
    }
  }
  for (const r of runs) r.tasks.sort((a, b) => (a.startDate ?? '\uffff').localeCompare(b.startDate ?? '\uffff') || a.taskId.localeCompare(b.taskId));
  return runs;
}
