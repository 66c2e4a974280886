/** `tablespec runs [specs…] --env NAME`: each table's recent DAG runs and task states, from MWAA or an Airflow webserver. */
import { relative, sep } from 'node:path';
import * as l10n from '@vscode/l10n';
import { asOperationError } from '../commands/run-operation';
import { loadSpec } from '../ops/spec-context';
import { AirflowError } from '../runs/airflow-api';
import { NoAirflow, openRunClients, type RunClients } from '../runs/open-airflow';
import { dagIdOf, FAILED_STATES, recentRuns, type RunState } from '../runs/run-status';
import { parseOrUsage, specFilesOr, textOrJson } from './args';
import type { Output } from './output';

export const runsUsage = `Usage: tablespec runs [specs or folders…] --env NAME [--recent N] [--format text|json]

Lists each table's recent runs of the DAG \`tablespec dag\` wrote (tablespec__<database>__<table>) and
the state of their tasks, from the Airflow the environment names in tablespec.yaml (airflow:
mwaa_environment, called through MWAA's InvokeRestApi, or base_url, with TABLESPEC_AIRFLOW_USER and
TABLESPEC_AIRFLOW_PASSWORD or TABLESPEC_AIRFLOW_TOKEN). Exit 0 when every table's newest run did not
fail, 1 when one failed or could not be read, 2 on bad usage.`;

export interface TableRuns {
  spec: string;
  database: string;
  table: string;
  dagId: string;
  runs: RunState[];
  error?: string;
}

function textOf(t: TableRuns): string {
  const lines = [`${t.database}.${t.table} (${t.dagId})`];
  if (t.error) lines.push(`  ${l10n.t('error: {0}', t.error)}`);
  else if (!t.runs.length) lines.push(`  ${l10n.t('no runs')}`);
  for (const r of t.runs) {
    lines.push(`  ${r.runId}  ${r.state}${r.startDate ? `  ${r.startDate}` : ''}`);
    for (const task of r.tasks) lines.push(`    ${task.taskId}: ${task.state ?? 'none'}${task.tryNumber > 1 ? ` (${l10n.t('try {0}', String(task.tryNumber))})` : ''}`);
  }
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
      row = { spec: relative(ctx.root, file).split(sep).join('/'), database: ctx.plan.database, table: ctx.plan.table, dagId: dagIdOf(ctx.plan.database, ctx.plan.table), runs: [] };
      row.runs = await recentRuns(c.airflow, row.dagId, recent);
      tables.push(row);
    } catch (e) {
      // Expired or refused credentials hold for every table: stop at once rather than fail each.
      if (e instanceof AirflowError && (e.kind === 'expired' || e.kind === 'auth' || e.kind === 'unavailable')) throw e;
      const message = e instanceof AirflowError ? e.message : asOperationError(e).message;
      tables.push({ ...(row ?? { spec: file, database: '', table: '', dagId: '', runs: [] }), error: message });
    }
  }
  return { tables, via: c.airflow.describe };
}

export async function runsCommand(argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(argv, { env: { type: 'string' }, recent: { type: 'string', default: '5' }, format: { type: 'string', default: 'text' } }, runsUsage, err);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const recent = Number(values.recent);
  const format = textOrJson(values.format, err);
  if (!values.env || !Number.isInteger(recent) || recent < 1 || recent > 100 || !format) {
    err(runsUsage);
    return 2;
  }
  const files = specFilesOr(positionals, err);
  if (!files) return 2;
  try {
    const { tables, via } = await tableRuns(files, values.env, recent);
    if (format === 'json') out(JSON.stringify({ environment: values.env, via, tables }, null, 2));
    else out(tables.map(textOf).join('\n\n'));
    return tables.some((t) => t.error || FAILED_STATES.includes(t.runs[0]?.state ?? '')) ? 1 : 0;
  } catch (e) {
    err(`tablespec: ${e instanceof AirflowError || e instanceof NoAirflow ? e.message : asOperationError(e).message}`);
    return e instanceof NoAirflow ? 2 : 1;
  }
}
