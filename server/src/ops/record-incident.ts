/** A diagnosed failure in the history: the run, the task, the rules and spec fields, the first evidence lines and the report. */
import { relative, resolve, sep } from 'node:path';
import { causes, type Incident } from '../runs/failed-task';
import { recordHistory, type HistoryEntry } from './history';

export function recordIncident(root: string, environment: string, incident: Incident, report: string, changed?: string): HistoryEntry {
  const found = causes(incident);
  return recordHistory(root, {
    operation: 'incident',
    table: `${incident.database}.${incident.table}`,
    environment,
    result: 'failed',
    ...(changed ? { changes: [changed] } : {}),
    detail: {
      dagId: incident.dagId,
      runId: incident.runId,
      taskId: incident.taskId,
      tries: incident.tryNumber,
      rules: found.map((f) => f.rule),
      fields: [...new Set(found.flatMap((f) => f.fields))],
      evidence: found.slice(0, 3).map((f) => ({ rule: f.rule, log: f.log, line: f.evidence[0]?.line })),
      ...(incident.step ? { clusterId: incident.step.clusterId, stepId: incident.step.stepId } : {}),
      report: relative(root, resolve(report)).split(sep).join('/'),
    },
  });
}
