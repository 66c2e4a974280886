/** `tablespec dag [specs…] --out FOLDER --env NAME --emr-cluster NAME`: static Airflow DAG files, one per table. */
import { asOperationError } from '../commands/run-operation';
import { writeDags } from '../ops/write-dag';
import { DagTemplateError } from '../runs/airflow-dag';
import { parseOrUsage, specFilesOr } from './args';
import type { Output } from './output';

export const dagUsage = `Usage: tablespec dag [specs or folders…] --out FOLDER --env NAME --emr-cluster NAME
                    [--aws-conn-id ID] [--schedule CRON] [--remote-workspace PATH]

Writes one Airflow DAG file per table (tablespec__<database>__<table>.py), or per group that tablespec.yaml
names in dag_groups (tablespec__group__<name>.py, a task group per table): the Sqoop extract as an EMR
step, then \`tablespec load\` and \`tablespec reconcile\` as EMR steps, each watched by an EmrStepSensor,
with retries, timeouts and pool slots sized from source.size_gb. The environment must be an Athena one.
The workspace is expected on the cluster at --remote-workspace (default /home/hadoop/tablespec).`;

export function dagCommand(argv: string[], { out, err }: Output): number {
  const parsed = parseOrUsage(
    argv,
    {
      out: { type: 'string' },
      env: { type: 'string' },
      'emr-cluster': { type: 'string' },
      'aws-conn-id': { type: 'string', default: 'aws_default' },
      schedule: { type: 'string' },
      'remote-workspace': { type: 'string', default: '/home/hadoop/tablespec' },
    },
    dagUsage,
    err,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (!values.out || !values.env || !values['emr-cluster'] || !values['remote-workspace']!.startsWith('/')) {
    err(dagUsage);
    return 2;
  }
  const files = specFilesOr(positionals, err);
  if (!files) return 2;
  const { written, errors } = writeDags(files, {
    env: values.env,
    out: values.out,
    emrCluster: values['emr-cluster'],
    awsConnId: values['aws-conn-id']!,
    remoteWorkspace: values['remote-workspace']!,
    ...(values.schedule ? { schedule: values.schedule } : {}),
  });
  for (const { file, error } of errors) err(`tablespec: ${file}: ${error instanceof DagTemplateError ? error.message : asOperationError(error).message}`);
  const failed = errors.length > 0;
  for (const w of written) out(w);
  return failed ? 1 : 0;
}
