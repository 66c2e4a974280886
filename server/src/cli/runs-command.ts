/** `tablespec runs [specs…] --env NAME`: each table's recent DAG runs and task states, from MWAA or an Airflow webserver. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as l10n from '@vscode/l10n';
import { asOperationError } from '../commands/run-operation';
import { recordIncident } from '../ops/record-incident';
import { loadSpec } from '../ops/spec-context';
import { causes, diagnoseFailedTask, type Incident } from '../runs/failed-task';
import { incidentMarkdown, reportFileName } from '../runs/incident-report';
import { AirflowError } from '../runs/airflow-api';
import { NoAirflow, openRunClients, type RunClients } from '../runs/open-airflow';
import { dagIdOf, FAILED_STATES, recentRuns, type RunState } from '../runs/run-status';
import { parseOrUsage, specFilesOr, textOrJson } from './args';
import type { Output } from './output';

export const runsUsage = `Usage: tablespec runs [specs or folders…] --env NAME [--recent N] [--format text|json]
                     [--logs] [--report FOLDER [--changed TEXT]]

Lists each table's recent runs of the DAG \`tablespec dag\` wrote (tablespec__<database>__<table>) and
the state of their tasks, from the Airflow the environment names in tablespec.yaml (airflow:
mwaa_environment, called through MWAA's InvokeRestApi, or base_url, with TABLESPEC_AIRFLOW_USER and
TABLESPEC_AIRFLOW_PASSWORD or TABLESPEC_AIRFLOW_TOKEN). With --logs, for each failed task of a table's
newest run: every try's log, the EMR step's FailureDetails and its step and container logs on S3,
classified like \`tablespec diagnose\`. With --report, one Markdown failure report per failed task is
written to FOLDER and recorded in the history (--changed says what was changed). Exit 0 when every
table's newest run did not fail, 1 when one failed or could not be read, 2 on bad usage.`;

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

function textOf(t: TableRuns): string {
  const lines = [`${t.database}.${t.table} (${t.dagId})`];
  if (t.error) lines.push(`  ${l10n.t('error: {0}', t.error)}`);
  else if (!t.runs.length) lines.push(`  ${l10n.t('no runs')}`);
  for (const r of t.runs) {
    lines.push(`  ${r.runId}  ${r.state}${r.startDate ? `  ${r.startDate}` : ''}`);
    for (const task of r.tasks) lines.push(`    ${task.taskId}: ${task.state ?? 'none'}${task.tryNumber > 1 ? ` (${l10n.t('try {0}', String(task.tryNumber))})` : ''}`);
  }
  for (const i of t.incidents ?? []) {
    lines.push('', `  ${l10n.t('{0} failed in {1}:', i.taskId, i.runId)}`);
    if (i.step) lines.push(`    ${l10n.t('EMR step {0} on {1}: {2}', i.step.stepId, i.step.clusterId, i.step.state ?? '?')}${i.step.failure?.Reason ? ` (${i.step.failure.Reason})` : ''}`);
    const found = causes(i);
    if (!found.length) lines.push(`    ${l10n.t('No known failure signature matched the logs that were read.')}`);
    for (const f of found) {
      lines.push(`    [${f.rule}] ${f.meaning}`, `      ${l10n.t('Remedy: {0}', f.remedy)}`);
      for (const e of f.evidence) lines.push(`      ${f.log}:${e.line}: ${e.text}`);
    }
    for (const n of i.notes) lines.push(`    ${l10n.t('note: {0}', n)}`);
  }
  for (const r of t.reports ?? []) lines.push(`  ${l10n.t('report: {0}', r)}`);
  return lines.join('\n');
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
      row = { file, spec: relative(ctx.root, file).split(sep).join('/'), database: ctx.plan.database, table: ctx.plan.table, dagId: dagIdOf(ctx.plan.database, ctx.plan.table), runs: [] };
      row.runs = await recentRuns(c.airflow, row.dagId, recent);
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
      const incident = await diagnoseFailedTask(clients, { database: t.database, table: t.table, dagId: t.dagId, runId: run.runId, taskId: task.taskId, tryNumber: task.tryNumber, loadMode: ctx.plan.mode });
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

export async function runsCommand(argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(
    argv,
    { env: { type: 'string' }, recent: { type: 'string', default: '5' }, format: { type: 'string', default: 'text' }, logs: { type: 'boolean', default: false }, report: { type: 'string' }, changed: { type: 'string' } },
    runsUsage,
    err,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const recent = Number(values.recent);
  const format = textOrJson(values.format, err);
  if (!values.env || !Number.isInteger(recent) || recent < 1 || recent > 100 || !format || (values.changed !== undefined && !values.report)) {
    err(runsUsage);
    return 2;
  }
  const files = specFilesOr(positionals, err);
  if (!files) return 2;
  try {
    const clients = await openRunClients(loadSpec(files[0]!, values.env).environment);
    const { tables, via } = await tableRuns(files, values.env, recent, clients);
    if (values.logs || values.report) await diagnoseTables(values.env, tables, via, clients, values.report ? { folder: values.report, ...(values.changed ? { changed: values.changed } : {}) } : undefined);
    if (format === 'json') out(JSON.stringify({ environment: values.env, via, tables }, null, 2));
    else out(tables.map(textOf).join('\n\n'));
    return tables.some((t) => t.error || FAILED_STATES.includes(t.runs[0]?.state ?? '')) ? 1 : 0;
  } catch (e) {
    err(`tablespec: ${e instanceof AirflowError || e instanceof NoAirflow ? e.message : asOperationError(e).message}`);
    return e instanceof NoAirflow ? 2 : 1;
  }
}
