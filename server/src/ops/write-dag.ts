/** One table's Airflow DAG file, written from its spec (what `tablespec dag` and the editor command do for each spec). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as l10n from '@vscode/l10n';
import { get, num } from '../document/yaml-node';
import { airflowDag, airflowGroupDag, DagTemplateError, groupDagId, type DagInput } from '../runs/airflow-dag';
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

/** What a spec's DAG is made of, and the group the workspace puts its table in (if any). */
export function dagInputOf(file: string, options: DagOptions): { input: DagInput; group?: string; groups: Record<string, string[]> } {
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
  const input: DagInput = {
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
  };
  const name = `${ctx.plan.database}.${ctx.plan.table}`;
  const group = Object.entries(ctx.config.dagGroups).find(([, tables]) => tables.includes(name))?.[0];
  return { input, groups: ctx.config.dagGroups, ...(group ? { group } : {}) };
}

function write(out: string, name: string, text: string): string {
  mkdirSync(out, { recursive: true });
  const target = join(out, name);
  writeFileSync(target, text);
  return target;
}

/**
 * The DAG files of a set of specs: one per table, and one per group the workspace names for the tables in a
 * group (in the group's order). A group whose tables are not all among the specs is refused: a DAG that
 * leaves out a table of its group would stop loading it. Returns what was written and what was refused.
 */
export function writeDags(files: string[], options: DagOptions): { written: string[]; errors: { file: string; error: unknown }[] } {
  const written: string[] = [];
  const errors: { file: string; error: unknown }[] = [];
  const grouped = new Map<string, Map<string, DagInput>>();
  let groups: Record<string, string[]> = {};
  for (const file of files) {
    try {
      const r = dagInputOf(file, options);
      groups = r.groups;
      if (!r.group) written.push(write(options.out, `tablespec__${r.input.database}__${r.input.table}.py`, airflowDag(r.input)));
      else {
        if (!grouped.has(r.group)) grouped.set(r.group, new Map());
        grouped.get(r.group)!.set(`${r.input.database}.${r.input.table}`, r.input);
      }
    } catch (error) {
      errors.push({ file, error });
    }
  }
  for (const [group, inputs] of grouped) {
    const missing = groups[group]!.filter((t) => !inputs.has(t));
    if (missing.length) {
      errors.push({
        file: groupDagId(group),
        error: new DagTemplateError(l10n.t('The DAG group {0} also names {1}, which is not among the specs given (or has errors): its DAG is not written.', group, missing.join(', '))),
      });
      continue;
    }
    written.push(
      write(
        options.out,
        `${groupDagId(group)}.py`,
        airflowGroupDag(
          group,
          groups[group]!.map((t) => inputs.get(t)!),
          options.schedule,
        ),
      ),
    );
  }
  return { written, errors };
}
