/**
 * A static Airflow DAG file (Python) for one table, written at build time: every value is a literal,
 * nothing is computed or read while the scheduler parses the file. The DAG runs on a long-running EMR
 * cluster found by name:
 *
 *   extract (EmrAddStepsOperator: the Sqoop import `tablespec extract` generates, through command-runner.jar)
 *   → watch_extract (EmrStepSensor)
 *   → load (EmrAddStepsOperator: `tablespec load` in the spec's mode) → watch_load
 *   → reconcile (EmrAddStepsOperator: `tablespec reconcile`) → watch_reconcile
 *
 * The load is a `tablespec load` step rather than an AthenaOperator with the mode's SQL: the load is
 * several statements (staging table, conversion-failure count, write by mode, retention, purge, drop),
 * and hashed columns need a salt that the load writes to S3 at run time and that must never be in SQL
 * text (an AthenaOperator's query is in the DAG file, the rendered template and Athena's history).
 *
 * The sensors defer (the triggerer polls, no worker slot is held for hours) and hold their pool's slots
 * while deferred when the pool is created with include_deferred (Airflow 2.7+): the extract pool then
 * caps the Oracle sessions of all tables' DAGs together. The deferred wait is max_attempts × poke_interval.
 * Operators and arguments are those of apache-airflow-providers-amazon (see test/fixtures/airflow-provider.json).
 */
import * as l10n from '@vscode/l10n';
import type { DagSizing } from './dag-sizing';

export interface DagInput {
  database: string;
  table: string;
  environment: string;
  protectedEnvironment: boolean;
  /** The spec's path on the cluster (the workspace is copied there by a bootstrap action). */
  remoteSpec: string;
  loadMode: string;
  /** The Sqoop command line, or undefined for a mart table (already extracted). */
  sqoop?: string;
  emrCluster: string;
  awsConnId: string;
  /** Cron or preset; undefined: triggered only. */
  schedule?: string;
  sizing: DagSizing;
  /** The spec file, named in the header. */
  specFile: string;
}

export class DagTemplateError extends Error {}

/** A Python string literal (JSON's escapes are Python's too; non-ASCII stays as UTF-8 text). */
function py(s: string): string {
  return JSON.stringify(s);
}

// `steps` is a templated field: Jinja would read these in a value as its own syntax.
function noJinja(s: string): string {
  if (/\{\{|\{%|\{#/.test(s)) throw new DagTemplateError(l10n.t('A step argument holds Jinja syntax (`{{`, `{%` or `{#`), which Airflow would render: {0}', s.slice(0, 80)));
  return s;
}

function pyList(items: string[], indent: string): string {
  return `[\n${items.map((i) => `${indent}    ${i},`).join('\n')}\n${indent}]`;
}

// "The string values passed into HadoopJarStep object cannot exceed a total of 10240 characters."
// (AddJobFlowSteps, Amazon EMR API Reference, https://docs.aws.amazon.com/emr/latest/APIReference/API_AddJobFlowSteps.html)
const HADOOP_JAR_STEP_MAX_CHARS = 10240;
// StepConfig Name: "Length Constraints: Minimum length of 0. Maximum length of 256."
// (StepConfig, Amazon EMR API Reference, https://docs.aws.amazon.com/emr/latest/APIReference/API_StepConfig.html)
const STEP_NAME_MAX_CHARS = 256;

/** One EMR step in boto3's shape: a command through command-runner.jar; CONTINUE leaves the cluster up for the next table. */
function step(name: string, args: string[], indent: string): string {
  const chars = 'command-runner.jar'.length + args.reduce((n, a) => n + a.length, 0);
  if (chars > HADOOP_JAR_STEP_MAX_CHARS)
    throw new DagTemplateError(l10n.t('The EMR step "{0}" has {1} characters of arguments; AddJobFlowSteps takes at most {2}.', name, String(chars), String(HADOOP_JAR_STEP_MAX_CHARS)));
  if (name.length > STEP_NAME_MAX_CHARS) throw new DagTemplateError(l10n.t('The EMR step name "{0}…" is longer than {1} characters.', name.slice(0, 40), String(STEP_NAME_MAX_CHARS)));
  return `{
${indent}    "Name": ${py(name)},
${indent}    "ActionOnFailure": "CONTINUE",
${indent}    "HadoopJarStep": {
${indent}        "Jar": "command-runner.jar",
${indent}        "Args": ${pyList(
    args.map((a) => py(noJinja(a))),
    `${indent}        `,
  )},
${indent}    },
${indent}}`;
}

// In a group DAG, each task carries its table's retries (default_args hold the DAG's, not a table's).
function groupRetries(d: DagInput, group: string | undefined): string {
  return group === undefined ? '' : `\n        retries=${d.sizing.retries},\n        retry_delay=timedelta(minutes=${d.sizing.retryDelayMinutes}),`;
}

function stage(id: string, stepName: string, args: string[], pool: string, slots: number, minutes: number, d: DagInput, group?: string): string {
  const s = d.sizing;
  // Inside a TaskGroup a task's id is `<group>.<id>`: the sensor pulls the XCom of that id.
  const pulled = group === undefined ? id : `${group}.${id}`;
  return `    ${id} = EmrAddStepsOperator(
        task_id=${py(id)},
        job_flow_name=EMR_CLUSTER,
        cluster_states=["WAITING", "RUNNING"],
        steps=[
            ${step(stepName, args, '            ')}
        ],
        aws_conn_id=AWS_CONN_ID,
        execution_timeout=timedelta(minutes=10),${groupRetries(d, group)}
    )

    watch_${id} = EmrStepSensor(
        task_id=${py(`watch_${id}`)},
        job_flow_id="{{ task_instance.xcom_pull(task_ids='${pulled}', key='job_flow_id') }}",
        step_id="{{ task_instance.xcom_pull(task_ids='${pulled}', key='return_value')[0] }}",
        aws_conn_id=AWS_CONN_ID,
        deferrable=True,
        poke_interval=${s.pokeIntervalSeconds},
        max_attempts=${Math.ceil((minutes * 60) / s.pokeIntervalSeconds)},
        execution_timeout=timedelta(minutes=${minutes}),
        pool=${py(pool)},
        pool_slots=${slots},${groupRetries(d, group)}
    )
`;
}

/** A table's tasks (extract, load, reconcile and their sensors) and their order, at the DAG's indentation. */
function tableTasks(d: DagInput, group?: string): { stages: string[]; order: string[]; total: number } {
  const s = d.sizing;
  const confirm = d.protectedEnvironment ? ['--confirm', d.table] : [];
  const stages: string[] = [];
  const order: string[] = [];
  if (d.sqoop !== undefined) {
    // The command as `tablespec extract` prints it, on one line, run by bash (it holds quoted SQL and $CONDITIONS).
    const oneLine = d.sqoop.replace(/ \\\n\s*/g, ' ');
    stages.push(stage('extract', `${d.database}.${d.table} extract`, ['bash', '-c', oneLine], `emr_extract_${d.environment}`, s.extractPoolSlots, s.extractMinutes, d, group));
    order.push('extract', 'watch_extract');
  }
  stages.push(
    stage(
      'load',
      `${d.database}.${d.table} load (${d.loadMode})`,
      ['tablespec', 'load', d.remoteSpec, '--env', d.environment, '--yes', ...confirm, '--format', 'json'],
      `athena_${d.environment}`,
      s.loadPoolSlots,
      s.loadMinutes,
      d,
      group,
    ),
  );
  order.push('load', 'watch_load');
  stages.push(
    stage(
      'reconcile',
      `${d.database}.${d.table} reconcile`,
      ['tablespec', 'reconcile', d.remoteSpec, '--env', d.environment, '--format', 'json'],
      `athena_${d.environment}`,
      1,
      s.reconcileMinutes,
      d,
      group,
    ),
  );
  order.push('reconcile', 'watch_reconcile');
  const total = (d.sqoop !== undefined ? s.extractMinutes : 0) + s.loadMinutes + s.reconcileMinutes;
  return { stages, order, total };
}

const header = (from: string, about: string, imports: string[], emrCluster: string, awsConnId: string) => `# Generated by \`tablespec dag\` from ${from}: do not edit, regenerate.
# ${about}
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor
${imports.map((i) => `${i}\n`).join('')}
EMR_CLUSTER = ${py(emrCluster)}
AWS_CONN_ID = ${py(awsConnId)}
`;

/** The DAG file's text. */
export function airflowDag(d: DagInput): string {
  const s = d.sizing;
  const dagId = `tablespec__${d.database}__${d.table}`;
  const { stages, order, total } = tableTasks(d);
  return `${header(d.specFile, `${d.database}.${d.table}: environment ${d.environment}, load mode ${d.loadMode}, size ${s.sizeGb} GB.`, [], d.emrCluster, d.awsConnId)}
default_args = {
    "owner": "tablespec",
    "retries": ${s.retries},
    "retry_delay": timedelta(minutes=${s.retryDelayMinutes}),
}

with DAG(
    dag_id=${py(dagId)},
    schedule=${d.schedule ? py(d.schedule) : 'None'},
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=${total}),
    default_args=default_args,
    tags=["tablespec", ${py(d.database)}, ${py(d.environment)}],
) as dag:
${stages.join('\n')}
    ${order.join(' >> ')}
`;
}

/** The TaskGroup id of a table in a group DAG (task ids become `<database>__<table>.<task>`). */
export function groupTaskPrefix(database: string, table: string): string {
  return `${database}__${table}`;
}

/** The DAG id of a group the workspace names (tablespec.yaml `dag_groups`). */
export function groupDagId(group: string): string {
  return `tablespec__group__${group}`;
}

/**
 * One DAG for the tables of a group: a TaskGroup per table, the tables side by side (the pools cap what
 * runs at once), each task with its own table's retries and timeouts; the DAG's timeout is the longest table's.
 */
export function airflowGroupDag(group: string, tables: DagInput[], schedule?: string): string {
  const first = tables[0];
  if (!first) throw new DagTemplateError(l10n.t('The DAG group {0} names no table.', group));
  const blocks: string[] = [];
  let longest = 0;
  for (const d of tables) {
    const id = groupTaskPrefix(d.database, d.table);
    const { stages, order, total } = tableTasks(d, id);
    longest = Math.max(longest, total);
    const body = [...stages, `    ${order.join(' >> ')}\n`].join('\n').replace(/^(?=.)/gm, '    ');
    blocks.push(`    with TaskGroup(group_id=${py(id)}, tooltip=${py(`${d.database}.${d.table}: ${d.specFile}, load mode ${d.loadMode}, size ${d.sizing.sizeGb} GB`)}):\n${body}`);
  }
  const databases = [...new Set(tables.map((t) => t.database))];
  return `${header(tables.map((t) => t.specFile).join(', '), `group ${group}: ${tables.map((t) => `${t.database}.${t.table}`).join(', ')}; environment ${first.environment}.`, ['from airflow.utils.task_group import TaskGroup'], first.emrCluster, first.awsConnId)}
default_args = {
    "owner": "tablespec",
}

with DAG(
    dag_id=${py(groupDagId(group))},
    schedule=${schedule ? py(schedule) : 'None'},
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=${longest}),
    default_args=default_args,
    tags=["tablespec", ${[py(group), ...databases.map(py), py(first.environment)].join(', ')}],
) as dag:
${blocks.join('\n')}`;
}
