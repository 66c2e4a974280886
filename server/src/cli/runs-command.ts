/** `tablespec runs [specs…] --env NAME`: each table's recent DAG runs and task states, from MWAA or an Airflow webserver. */
import * as l10n from '@vscode/l10n';
import { asOperationError } from '../commands/run-operation';
import { loadSpec } from '../ops/spec-context';
import { diagnoseTables, tableRuns, type TableRuns } from '../ops/table-runs';
import { causes } from '../runs/failed-task';
import { AirflowError } from '../runs/airflow-api';
import { NoAirflow, openRunClients } from '../runs/open-airflow';
import { FAILED_STATES } from '../runs/run-status';
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

export async function runsCommand(argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(
    argv,
    {
      env: { type: 'string' },
      recent: { type: 'string', default: '5' },
      format: { type: 'string', default: 'text' },
      logs: { type: 'boolean', default: false },
      report: { type: 'string' },
      changed: { type: 'string' },
    },
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
    if (values.logs || values.report)
      await diagnoseTables(values.env, tables, via, clients, values.report ? { folder: values.report, ...(values.changed ? { changed: values.changed } : {}) } : undefined);
    if (format === 'json') out(JSON.stringify({ environment: values.env, via, tables }, null, 2));
    else out(tables.map(textOf).join('\n\n'));
    return tables.some((t) => t.error || FAILED_STATES.includes(t.runs[0]?.state ?? '')) ? 1 : 0;
  } catch (e) {
    err(`tablespec: ${e instanceof AirflowError || e instanceof NoAirflow ? e.message : asOperationError(e).message}`);
    return e instanceof NoAirflow ? 2 : 1;
  }
}
