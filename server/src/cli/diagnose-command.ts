/** `tablespec diagnose --log FILE|s3://… [--format text|json]`: why a failed extract or load failed, from its log. */
import * as l10n from '@vscode/l10n';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { recordIncident } from '../ops/record-incident';
import { loadSpec } from '../ops/spec-context';
import { asOperationError } from '../commands/run-operation';
import { classifyLog, type Classification } from '../runs/classify-log';
import type { Incident } from '../runs/failed-task';
import { incidentMarkdown } from '../runs/incident-report';
import { LogNotFound, openLocalLog, openS3Log } from '../runs/open-log';
import { parseOrUsage } from './args';
import type { Output } from './output';

export const diagnoseUsage = `Usage: tablespec diagnose --log FILE|s3://bucket/key [--format text|json] [--region R] [--profile P]
                         [--report FILE --spec SPEC --env NAME [--run RUN_ID] [--task TASK_ID] [--changed TEXT]]

Classifies a Sqoop, Spark, YARN, EMR step or Airflow task log (plain or gzipped) against the failure
signatures and prints each rule id, the evidence lines and the remedy. Exit 0 when a signature
matched, 1 when none did, 2 on bad usage or an unreadable log. With --report, also writes the Markdown
failure report of the incident (the table of --spec) and records it in that workspace's history.`;

function text(file: string, c: Classification): string {
  if (!c.diagnoses.length) return l10n.t('{0}: no known failure signature in {1} lines.', file, String(c.lines));
  const parts = c.diagnoses.map((d) => {
    const lines = [`[${d.rule}] ${d.meaning}`];
    if (d.detail) lines.push(`  ${d.detail}`);
    lines.push(`  ${l10n.t('Remedy: {0}', d.remedy)}`);
    if (d.fields.length) lines.push(`  ${l10n.t('Spec fields: {0}', d.fields.join(', '))}`);
    lines.push(`  ${l10n.t('Evidence ({0} matching lines):', String(d.matches))}`);
    for (const e of d.evidence) lines.push(`    ${file}:${e.line}: ${e.text}`);
    return lines.join('\n');
  });
  return parts.join('\n\n');
}

export async function diagnoseCommand(argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(
    argv,
    {
      log: { type: 'string' },
      format: { type: 'string', default: 'text' },
      region: { type: 'string' },
      profile: { type: 'string' },
      report: { type: 'string' },
      spec: { type: 'string' },
      env: { type: 'string' },
      run: { type: 'string', default: 'manual' },
      task: { type: 'string', default: 'extract' },
      changed: { type: 'string' },
    },
    diagnoseUsage,
    err,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const reporting = values.report !== undefined;
  if (!values.log || positionals.length || (values.format !== 'text' && values.format !== 'json') || (reporting && (!values.spec || !values.env)) || (!reporting && values.changed !== undefined)) {
    err(diagnoseUsage);
    return 2;
  }
  const log = values.log;
  try {
    // The AWS SDK is loaded only for an S3 log.
    const awsClients = log.startsWith('s3://') ? (await import('../backends/aws/aws-backend')).awsClients : undefined;
    const source = awsClients
      ? await openS3Log(
          awsClients({ name: 'diagnose', engine: 'athena', protected: false, ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}) }).s3,
          log,
        )
      : await openLocalLog(log);
    // The spec is read before the log: a wrong --spec is said before minutes of reading.
    const ctx = reporting ? loadSpec(values.spec!, values.env!) : undefined;
    const result = await classifyLog(source);
    if (values.format === 'json') out(JSON.stringify({ log, ...result }, null, 2));
    else out(text(log, result));
    if (ctx) {
      const { database, table } = ctx.plan;
      const incident: Incident = {
        database,
        table,
        dagId: `tablespec__${database}__${table}`,
        runId: values.run!,
        taskId: values.task!,
        tryNumber: 1,
        logs: [{ name: log, lines: result.lines, diagnoses: result.diagnoses }],
        notes: [],
        pending: [],
        findings: result.diagnoses.map((d) => ({ ...d, log })),
      };
      const spec = relative(ctx.root, resolve(values.spec!)).split(sep).join('/');
      mkdirSync(dirname(resolve(values.report!)), { recursive: true });
      writeFileSync(values.report!, incidentMarkdown(incident, { environment: values.env!, via: log, spec, ...(values.changed ? { changed: values.changed } : {}) }));
      recordIncident(ctx.root, values.env!, incident, values.report!, values.changed);
      err(l10n.t('Report written to {0}.', values.report!));
    }
    return result.diagnoses.length ? 0 : 1;
  } catch (e) {
    if (e instanceof LogNotFound) err(`tablespec: ${e.message}`);
    else if (e instanceof Error && e.name === 'OperationError') err(`tablespec: ${asOperationError(e).message}`);
    else err(`tablespec: ${l10n.t('Cannot read the log {0}: {1}', log, (e as Error).message)}`);
    return 2;
  }
}
