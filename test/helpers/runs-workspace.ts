/** Shared set-up of the runs tests: a workspace whose environments name the emulator's MWAA and Airflow, and DAG runs to find there. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsEmulator } from './aws-emulator';
import type { FakeRun } from './aws-emulator/airflow';
import { tempWorkspace } from './temp-workspace';

const fixtures = join(__dirname, '..', 'fixtures');

export function runsWorkspace(aws: AwsEmulator, extraConfig = '') {
  const env = (extra: string) => `    engine: athena
    region: ap-northeast-2
    workgroup: primary
    output_location: s3://card-athena-results/
    warehouse: s3://card-lake/{database}/{table}/
    staging: s3://card-raw/{database}/{table}/
${extra}`;
  return tempWorkspace({
    'tablespec.yaml': `defaults:
  database: card_dw
oracle:
  connect_string: card-db.internal:1521/CARDPRD
  user: etl_reader
environments:
  prod:
${env(`    airflow:
      mwaa_environment: card-prod-airflow
      emr_cluster: card-etl-prod
`)}  web:
${env(`    airflow:
      base_url: ${aws.endpoint}/
      api_version: v1
`)}  web3:
${env(`    airflow:
      base_url: ${aws.endpoint}
      api_version: v2
`)}  bare:
${env('')}${extraConfig}`,
    'specs/card_txn.table.yaml': readFileSync(join(fixtures, 'dag', 'specs', 'card_txn.table.yaml'), 'utf8'),
    'specs/cust_grade.table.yaml': readFileSync(join(fixtures, 'dag', 'specs', 'cust_grade.table.yaml'), 'utf8'),
  });
}

const TASKS = ['extract', 'watch_extract', 'load', 'watch_load', 'reconcile', 'watch_reconcile'];

/** A run of a tablespec DAG: every task before `failedAt` succeeded, that one failed after `tries` tries, the rest never ran. */
export function dagRun(dagId: string, day: number, failedAt?: string, tries = 1, logs: Record<string, string[]> = {}, xcom: Record<string, Record<string, unknown>> = {}): FakeRun {
  const date = new Date(Date.UTC(2026, 10, 1) + day * 86400e3).toISOString().replace('.000Z', '+00:00');
  let failed = false;
  const tasks = TASKS.filter((t) => dagId.endsWith('card_txn') || !t.includes('extract')).map((taskId) => {
    const state = failed ? 'upstream_failed' : taskId === failedAt ? 'failed' : 'success';
    const n = taskId === failedAt ? tries : failed ? 0 : 1;
    if (taskId === failedAt) failed = true;
    return {
      taskId,
      state,
      tries: logs[taskId] ?? Array.from({ length: n }, (_, i) => `[${date}] {taskinstance.py:1234} INFO - ${taskId} try ${i + 1}`),
      ...(xcom[taskId] ? { xcom: xcom[taskId] } : {}),
      startDate: date,
    };
  });
  return { dagId, runId: `scheduled__${date}`, state: failedAt ? 'failed' : 'success', logicalDate: date, startDate: date, endDate: date, tasks };
}
