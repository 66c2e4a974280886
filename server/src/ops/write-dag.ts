/** One table's Airflow DAG file, written from its spec (what `tablespec dag` and the editor command do for each spec). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as l10n from '@vscode/l10n';
import { get, num } from '../document/yaml-node';
import { airflowDag, DagTemplateError } from '../runs/airflow-dag';
import { dagSizing } from '../runs/dag-sizing';
import { specExtractConfig } from './extract';
import { loadSpec } from './spec-context';

export interface DagOptions {
  env: string;
  out: string;
  emrCluster: string;
  awsConnId: string;
  schedule?: string;
  /** Where the workspace is on the cluster (absolute). */
  remoteWorkspace: string;
}

/** Writes the DAG of `file` into `options.out`; returns its path. Throws DagTemplateError or an OperationError. */
export function writeDag(file: string, options: DagOptions): string {
  const ctx = loadSpec(file, options.env);
  if (ctx.environment.engine !== 'athena') throw new DagTemplateError(l10n.t('Environment `{0}` is not an Athena environment: the DAG loads through Athena.', options.env));
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
  const remoteSpec = `${options.remoteWorkspace.replace(/\/+$/, '')}/${relative(ctx.root, file).split(sep).join('/')}`;
  const text = airflowDag({
    database: ctx.plan.database,
    table: ctx.plan.table,
    environment: options.env,
    protectedEnvironment: ctx.environment.protected,
    remoteSpec,
    loadMode: ctx.plan.mode,
    ...(sqoop !== undefined ? { sqoop } : {}),
    emrCluster: options.emrCluster,
    awsConnId: options.awsConnId,
    ...(options.schedule ? { schedule: options.schedule } : {}),
    sizing: dagSizing(sizeGb, parallelism),
    specFile: relative(ctx.root, file).split(sep).join('/'),
  });
  mkdirSync(options.out, { recursive: true });
  const target = join(options.out, `tablespec__${ctx.plan.database}__${ctx.plan.table}.py`);
  writeFileSync(target, text);
  return target;
}
