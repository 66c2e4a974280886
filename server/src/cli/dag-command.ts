/** `tablespec dag [specs…] --out FOLDER --env NAME --emr-cluster NAME`: static Airflow DAG files, one per table. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as l10n from '@vscode/l10n';
import { asOperationError } from '../commands/run-operation';
import { specExtractConfig } from '../ops/extract';
import { loadSpec } from '../ops/spec-context';
import { airflowDag, DagTemplateError } from '../runs/airflow-dag';
import { dagSizing } from '../runs/dag-sizing';
import { get, num } from '../document/yaml-node';
import { parseOrUsage, specFilesOr } from './args';
import type { Output } from './output';

export const dagUsage = `Usage: tablespec dag [specs or folders…] --out FOLDER --env NAME --emr-cluster NAME
                    [--aws-conn-id ID] [--schedule CRON] [--remote-workspace PATH]

Writes one Airflow DAG file per table (tablespec__<database>__<table>.py): the Sqoop extract as an EMR
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
  let failed = false;
  const written: string[] = [];
  for (const file of files) {
    try {
      const ctx = loadSpec(file, values.env);
      if (ctx.environment.engine !== 'athena') throw new DagTemplateError(l10n.t('Environment `{0}` is not an Athena environment: the DAG loads through Athena.', values.env));
      const source = ctx.model.kind === 'source';
      let sqoop: string | undefined;
      let parallelism = 1;
      if (source) {
        if (!ctx.config.oracle) throw new DagTemplateError(l10n.t('Set `oracle.connect_string` and `oracle.user` in tablespec.yaml: the DAG runs the extract on its own.'));
        const config = specExtractConfig(ctx);
        sqoop = config.sqoop;
        parallelism = Number(/--num-mappers (\d+)/.exec(sqoop)?.[1] ?? 1);
      }
      const sizeGb = num(get(get(ctx.model.root, 'source'), 'size_gb'));
      const remoteSpec = `${values['remote-workspace']!.replace(/\/+$/, '')}/${relative(ctx.root, file).split(sep).join('/')}`;
      const text = airflowDag({
        database: ctx.plan.database,
        table: ctx.plan.table,
        environment: values.env,
        protectedEnvironment: ctx.environment.protected,
        remoteSpec,
        loadMode: ctx.plan.mode,
        ...(sqoop !== undefined ? { sqoop } : {}),
        emrCluster: values['emr-cluster'],
        awsConnId: values['aws-conn-id']!,
        ...(values.schedule ? { schedule: values.schedule } : {}),
        sizing: dagSizing(sizeGb, parallelism),
        specFile: relative(ctx.root, file).split(sep).join('/'),
      });
      mkdirSync(values.out, { recursive: true });
      const target = join(values.out, `tablespec__${ctx.plan.database}__${ctx.plan.table}.py`);
      writeFileSync(target, text);
      written.push(target);
    } catch (e) {
      failed = true;
      err(`tablespec: ${file}: ${e instanceof DagTemplateError ? e.message : asOperationError(e).message}`);
    }
  }
  for (const w of written) out(w);
  return failed ? 1 : 0;
}
