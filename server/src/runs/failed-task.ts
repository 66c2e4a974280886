/**
 * Why a task failed: every try's log from Airflow, the EMR cluster and step it ran (from the log, else
 * the adding task's XCom, else by the step name the DAG gives on the environment's cluster), the step's
 * FailureDetails, and the step and container logs on S3, each read as a stream and classified with the
 * failure signatures. What could not be read is said, with why (not uploaded yet, a path InvokeRestApi
 * cannot call), never skipped silently.
 */
import * as l10n from '@vscode/l10n';
import { AirflowError, fits, replyError } from './airflow-api';
import { classifyLog, type Diagnosis } from './classify-log';
import { applicationIds, describeStep, findStepByName, listKeys, UPLOAD_DELAY_MS, type StepInfo } from './emr-logs';
import { LogNotFound, openS3Log } from './open-log';
import type { RunClients } from './open-airflow';
import { taskLog } from './task-log';

export interface FailedTask {
  database: string;
  table: string;
  dagId: string;
  runId: string;
  taskId: string;
  tryNumber: number;
  /** The load mode, for the step name of a load task. */
  loadMode?: string;
}

export interface ReadLog {
  /** `airflow:<task> try <n>`, an S3 URI, or `emr:FailureDetails`. */
  name: string;
  lines: number;
  diagnoses: Diagnosis[];
}

export interface Incident extends FailedTask {
  step?: StepInfo;
  logs: ReadLog[];
  /** What could not be read, and why. */
  notes: string[];
  /** S3 prefixes with no logs yet, for a step that ended less than five minutes ago (EMR uploads them later). */
  pending: string[];
  /** Every diagnosis with the log it came from, in the order the logs were read. */
  findings: (Diagnosis & { log: string })[];
}

const CLUSTER_ID = /\bj-[0-9A-Z]{8,16}\b/g;
const STEP_ID = /\bs-[0-9A-Z]{8,16}\b/g;
const MAX_CONTAINER_LOGS = 60;

/** The stage of a task (`watch_extract` → `extract`; in a group DAG `card_dw__card_txn.watch_extract` → `extract`). */
export function stageOf(taskId: string): string {
  return taskId.slice(taskId.lastIndexOf('.') + 1).replace(/^watch_/, '');
}

/** The task that added the step a task watches (the same task group, the stage's name). */
export function addingTaskOf(taskId: string): string {
  return `${taskId.slice(0, taskId.lastIndexOf('.') + 1)}${stageOf(taskId)}`;
}

function lastMatch(text: string, re: RegExp): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(re)) last = m[0];
  return last;
}

/** Reads and classifies everything there is about one failed task. */
export async function diagnoseFailedTask(c: RunClients, t: FailedTask, now = Date.now()): Promise<Incident> {
  const incident: Incident = { ...t, logs: [], notes: [], pending: [], findings: [] };
  const add = (name: string, lines: number, diagnoses: Diagnosis[]) => {
    incident.logs.push({ name, lines, diagnoses });
    for (const d of diagnoses) incident.findings.push({ ...d, log: name });
  };
  let clusterId: string | undefined;
  let stepId: string | undefined;

  // 1. Every try's task log, by continuation token; the ids of the cluster and step are picked up on the way.
  for (let n = 1; n <= Math.max(1, t.tryNumber); n++) {
    const name = `airflow:${t.taskId} try ${n}`;
    async function* watched() {
      for await (const chunk of taskLog(c.airflow, t.dagId, t.runId, t.taskId, n)) {
        clusterId = lastMatch(chunk, CLUSTER_ID) ?? clusterId;
        stepId = lastMatch(chunk, STEP_ID) ?? stepId;
        yield chunk;
      }
    }
    try {
      const r = await classifyLog(watched());
      add(name, r.lines, r.diagnoses);
    } catch (e) {
      if (!(e instanceof AirflowError)) throw e;
      if (e.kind === 'expired' || e.kind === 'auth') throw e;
      incident.notes.push(l10n.t('Task log {0} not read: {1}', name, e.message));
      if (e.kind === 'path-too-long') break;
    }
  }

  // 2. The adding task's XCom: EmrAddStepsOperator pushes job_flow_id and the step ids (return_value).
  const stage = stageOf(t.taskId);
  if (!clusterId || !stepId) {
    for (const key of ['job_flow_id', 'return_value']) {
      const path = `/dags/${encodeURIComponent(t.dagId)}/dagRuns/${encodeURIComponent(t.runId)}/taskInstances/${encodeURIComponent(addingTaskOf(t.taskId))}/xcomEntries/${key}`;
      if (!fits(c.airflow, path)) {
        incident.notes.push(l10n.t('XCom {0} of {1} not read: the path is longer than InvokeRestApi takes ({2} characters).', key, stage, String(c.airflow.maxPathChars)));
        continue;
      }
      const reply = await c.airflow.call('GET', path);
      if (reply.status === 404) continue;
      if (reply.status !== 200) throw replyError(reply, path);
      const value = JSON.stringify((reply.body as { value?: unknown }).value ?? '');
      if (key === 'job_flow_id') clusterId = lastMatch(value, CLUSTER_ID) ?? clusterId;
      else stepId = lastMatch(value, STEP_ID) ?? stepId;
    }
  }

  // 3. By name on the environment's cluster, as the DAG names its steps (`<database>.<table> <stage>`).
  if ((!clusterId || !stepId) && c.emrCluster) {
    const found = await findStepByName(c.emr, c.emrCluster, `${t.database}.${t.table} ${stage}`);
    if (found) {
      ({ clusterId, stepId } = found);
      incident.notes.push(l10n.t('EMR step {0} on {1} found by its name on cluster {2} (neither the task log nor the XCom named it).', found.stepId, found.clusterId, c.emrCluster));
    }
  }
  if (!clusterId || !stepId) {
    incident.notes.push(l10n.t('No EMR cluster and step found for {0}: the task may have failed before adding its step.', t.taskId));
    return incident;
  }

  // 4. The step's status and FailureDetails; its message is classified too (EMR quotes the root-cause line).
  const step = await describeStep(c.emr, clusterId, stepId);
  incident.step = step;
  if (step.failure?.Message) {
    const message = step.failure.Message;
    const r = await classifyLog(
      (async function* () {
        yield message;
      })(),
    );
    add('emr:FailureDetails', r.lines, r.diagnoses);
  }
  if (!step.logUri) {
    incident.notes.push(l10n.t('Cluster {0} has no log URI: its step and container logs are not archived to S3.', clusterId));
    return incident;
  }

  // 5. Step logs, then the YARN containers of the applications the step started.
  const recent = step.endedAt !== undefined && now - step.endedAt.getTime() < UPLOAD_DELAY_MS;
  const notYet = (what: string) => {
    if (recent) incident.pending.push(what);
    return recent
      ? l10n.t(
          '{0} not there yet: the step ended {1} minutes ago and EMR uploads logs about every five minutes; run this again later.',
          what,
          String(Math.max(0, Math.floor((now - step.endedAt!.getTime()) / 60000))),
        )
      : l10n.t('{0} not found.', what);
  };
  const stepPrefix = `${step.logUri}${clusterId}/steps/${stepId}/`;
  const stepKeys = await listKeys(c.s3, stepPrefix);
  if (!stepKeys.length) incident.notes.push(notYet(stepPrefix));
  const apps = new Set<string>();
  for (const key of stepKeys) {
    try {
      const r = await classifyLog(await openS3Log(c.s3, key));
      add(key, r.lines, r.diagnoses);
      if (/\/(stderr|syslog)(\.gz)?$/.test(key)) for (const a of await applicationIds(c.s3, key)) apps.add(a);
    } catch (e) {
      if (e instanceof LogNotFound) incident.notes.push(e.message);
      else throw e;
    }
  }
  let read = 0;
  for (const app of apps) {
    const prefix = `${step.logUri}${clusterId}/containers/${app}/`;
    const keys = await listKeys(c.s3, prefix, MAX_CONTAINER_LOGS);
    if (!keys.length) incident.notes.push(notYet(prefix));
    for (const key of keys) {
      if (read++ >= MAX_CONTAINER_LOGS) break;
      try {
        const r = await classifyLog(await openS3Log(c.s3, key));
        add(key, r.lines, r.diagnoses);
      } catch (e) {
        if (e instanceof LogNotFound) incident.notes.push(e.message);
        else throw e;
      }
    }
  }
  return incident;
}

/** The findings by rule, each rule once (its first finding), in the order found: the first is the likely cause. */
export function causes(incident: Incident): (Diagnosis & { log: string })[] {
  const seen = new Set<string>();
  return incident.findings.filter((f) => !seen.has(f.rule) && seen.add(f.rule));
}
