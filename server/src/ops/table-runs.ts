/**
 * The runs of each spec's DAG, and the diagnosis of the failed tasks of each table's newest run (with a
 * report folder, one Markdown report per failed task, recorded in the history): what `tablespec runs`
 * and the editor's Runs view show.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { asOperationError } from '../backends/errors';
import { AirflowError } from '../runs/airflow-api';
import { groupDagId, groupTaskPrefix } from '../runs/airflow-dag';
import { diagnoseFailedTask, type Incident } from '../runs/failed-task';
import { incidentMarkdown, reportFileName } from '../runs/incident-report';
import { openRunClients, type RunClients } from '../runs/open-airflow';
import { dagIdOf, FAILED_STATES, recentRuns, type RunState } from '../runs/run-status';
import { recordIncident } from './record-incident';
import { loadSpec } from './spec-context';

export interface TableRuns {
  /** The spec's path as given, and relative to the workspace. */
  file: string;
  spec: string;
  database: string;
  table: string;
  dagId: string;
  runs: RunState[];
  error?: string;
  incidents?: Incident[];
  reports?: string[];
}

/** The runs of each spec's DAG; a table that cannot be read carries its error and the others go on. */
export async function tableRuns(files: string[], envName: string, recent: number, clients?: RunClients): Promise<{ tables: TableRuns[]; via: string }> {
  const first = loadSpec(files[0]!, envName);
  const c = clients ?? (await openRunClients(first.environment));
  const tables: TableRuns[] = [];
  for (const file of files) {
    let row: TableRuns | undefined;
    try {
      const ctx = file === files[0] ? first : loadSpec(file, envName);
      const name = `${ctx.plan.database}.${ctx.plan.table}`;
      // A table in a group the workspace names runs in the group's DAG, in its own task group.
      const group = Object.entries(ctx.config.dagGroups).find(([, tables]) => tables.includes(name))?.[0];
      row = {
        file,
        spec: relative(ctx.root, file).split(sep).join('/'),
        database: ctx.plan.database,
        table: ctx.plan.table,
        dagId: group ? groupDagId(group) : dagIdOf(ctx.plan.database, ctx.plan.table),
        runs: [],
      };
      row.runs = await recentRuns(c.airflow, row.dagId, recent, group ? `${groupTaskPrefix(ctx.plan.database, ctx.plan.table)}.` : undefined);
      tables.push(row);
    } catch (e) {
      // Expired or refused credentials hold for every table: stop at once rather than fail each.
      if (e instanceof AirflowError && (e.kind === 'expired' || e.kind === 'auth' || e.kind === 'unavailable')) throw e;
      const message = e instanceof AirflowError ? e.message : asOperationError(e).message;
      tables.push({ ...(row ?? { file, spec: file, database: '', table: '', dagId: '', runs: [] }), error: message });
    }
  }
  return { tables, via: c.airflow.describe };
}

/** Diagnoses the failed tasks of each table's newest run; with a report folder, writes and records one report per task. */
export async function diagnoseTables(envName: string, tables: TableRuns[], via: string, clients: RunClients, report?: { folder: string; changed?: string }): Promise<void> {
  for (const t of tables) {
    const run = t.runs[0];
    if (!run || t.error || !FAILED_STATES.includes(run.state)) continue;
    const ctx = loadSpec(t.file, envName);
    t.incidents = [];
    for (const task of run.tasks.filter((k) => k.state === 'failed' || k.state === 'up_for_retry')) {
      const incident = await diagnoseFailedTask(clients, {
        database: t.database,
        table: t.table,
        dagId: t.dagId,
        runId: run.runId,
        taskId: task.taskId,
        tryNumber: task.tryNumber,
        loadMode: ctx.plan.mode,
      });
      t.incidents.push(incident);
      if (!report) continue;
      mkdirSync(report.folder, { recursive: true });
      const file = join(report.folder, reportFileName(incident));
      writeFileSync(file, incidentMarkdown(incident, { environment: envName, via, spec: t.spec, ...(report.changed ? { changed: report.changed } : {}) }));
      (t.reports ??= []).push(file);
      recordIncident(ctx.root, envName, incident, file, report.changed);
    }
  }
}
