/**
 * A deploy's plan as texts an editor shows: the DDL it will run and the Glue TableInput it will send (with a
 * `-- DESTRUCTIVE:` or `-- REWRITE:` line above what destroys or rewrites data), and the table's definition
 * as deployed and as the spec asks, written the same way so that a side-by-side diff shows only what changes.
 * The statements are the ones the writers run (the same functions build them).
 */
import * as l10n from '@vscode/l10n';
import type { Column, Table } from '@aws-sdk/client-glue';
import type { Backend } from '../backends/types';
import { athenaTableStatements, merged } from '../backends/aws/athena-writer';
import { normaliseGlueTypeText } from '../glue/glue-type';
import { createViewAthena } from '../sql/athena-sql';
import { alterTable, createTable, createView } from '../sql/duckdb-sql';
import { tableInput } from '../sql/glue-table';
import { planDeploy, type DeployPlan } from './deploy';
import type { Change, Safety } from './plan-changes';
import type { SpecContext } from './spec-context';

/** A line to mark in one of the texts (0-based), and the change that makes it destroy or rewrite data. */
interface PlanMark {
  document: 'ddl' | 'deployed' | 'spec';
  line: number;
  safety: Exclude<Safety, 'safe'>;
  change: string;
}

export interface PlanTexts {
  table: string;
  environment: string;
  engine: 'duckdb' | 'athena';
  changes: Change[];
  /** True when a change destroys or rewrites data. */
  destructive: boolean;
  ddl: string;
  glue: string;
  /** The deployed definition; empty when the table is not deployed. */
  deployed: string;
  spec: string;
  marks: PlanMark[];
}

const changeText = (c: Change) => `${c.kind} ${c.target}: ${c.detail}`;
const markerOf = (s: Exclude<Safety, 'safe'>) => (s === 'destructive' ? '-- DESTRUCTIVE:' : '-- REWRITE:');
const isIceberg = (t: Table) => (t.Parameters?.table_type ?? '').toUpperCase() === 'ICEBERG';

/** A table's definition, one fact a line, in a fixed order: what a reviewer compares. Keys say where each line is. */
function definitionText(t: Table | undefined): { text: string; lines: Map<string, number> } {
  const lines = new Map<string, number>();
  if (!t) return { text: '', lines };
  const out: string[] = [];
  const add = (key: string | undefined, line: string) => {
    if (key) lines.set(key, out.length);
    out.push(line);
  };
  const iceberg = isIceberg(t);
  const partitions = (t.PartitionKeys ?? []).map((p) => p.Name ?? '');
  const partitionBy = partitions.length ? partitions : (t.Parameters?.['tablespec.partition_by'] ?? '').split(',').filter(Boolean);
  add('table', `table: ${t.DatabaseName}.${t.Name}`);
  add('format', `format: ${iceberg ? 'iceberg' : 'parquet'}`);
  add('location', `location: ${(iceberg ? t.Parameters?.['tablespec.location'] : undefined) ?? t.StorageDescriptor?.Location ?? ''}`);
  add('partition-keys', `partitioned by: ${partitionBy.join(', ') || '-'}`);
  add('description', `description: ${(t.Description ?? '').replace(/\n/g, ' ⏎ ')}`);
  add(undefined, 'columns:');
  const column = (c: Column) => {
    const name = (c.Name ?? '').toLowerCase();
    add(`column:${name}`, `  ${name} ${normaliseGlueTypeText(c.Type ?? '')}${c.Comment ? `  -- ${c.Comment}` : ''}`);
    for (const [k, v] of Object.entries(c.Parameters ?? {}).sort()) add(undefined, `      ${k} = ${v}`);
  };
  for (const c of [...(t.StorageDescriptor?.Columns ?? []), ...(t.PartitionKeys ?? [])]) column(c);
  add(undefined, 'parameters:');
  for (const [k, v] of Object.entries(t.Parameters ?? {})
    .filter(([k]) => k.startsWith('tablespec.') && k !== 'tablespec.location')
    .sort())
    add(`parameter:${k}`, `  ${k} = ${v}`);
  return { text: out.join('\n') + '\n', lines };
}

/** The statements a deploy runs, in order, each with the change it makes. */
function statementsOf(ctx: SpecContext, plan: DeployPlan, engine: 'duckdb' | 'athena'): { sql: string; change?: Change }[] {
  const p = ctx.plan;
  const tableChanges = plan.changes.filter((c) => c.kind !== 'view');
  const table: { sql: string; change?: Change }[] = [];
  if (engine === 'duckdb') {
    if (!plan.current) table.push(...createTable(p).map((sql) => ({ sql, ...(tableChanges[0] ? { change: tableChanges[0] } : {}) })));
    else for (const ch of tableChanges) table.push(...alterTable(p, [ch]).map((sql) => ({ sql, change: ch })));
  } else {
    table.push(...athenaTableStatements(p, plan));
  }
  const views = p.views.map((v, i) => ({
    sql: engine === 'duckdb' ? createView(p, v) : createViewAthena(p, v),
    ...(plan.changes.filter((c) => c.kind === 'view')[i] ? { change: plan.changes.filter((c) => c.kind === 'view')[i]! } : {}),
  }));
  return [...table, ...views];
}

function ddlText(ctx: SpecContext, plan: DeployPlan, engine: 'duckdb' | 'athena', marks: PlanMark[]): string {
  const out: string[] = [`-- ${l10n.t('Deploy {0} to {1}: the statements it runs, in order.', plan.table, plan.environment)}`];
  const mark = (c: Change, note?: string) => {
    if (c.safety === 'safe') return;
    marks.push({ document: 'ddl', line: out.length, safety: c.safety, change: changeText(c) });
    out.push(`${markerOf(c.safety)} ${changeText(c)}${note ? ` (${note})` : ''}`);
  };
  // On AWS a change that rewrites data stops the deploy before anything is sent (athenaWriter): no statement runs.
  const statements = refusedOnAws(plan, engine) ? [] : statementsOf(ctx, plan, engine);
  const shown = new Set<Change>();
  for (const s of statements) {
    if (s.change && !shown.has(s.change)) {
      shown.add(s.change);
      mark(s.change);
    }
    out.push(`${s.sql};`);
  }
  // What no statement carries: a rewrite (the data rebuilt), or a change only the catalog records.
  for (const c of plan.changes.filter((c) => !shown.has(c) && c.safety !== 'safe')) {
    mark(c, engine === 'athena' ? l10n.t('deploy on AWS refuses it: create the table anew and load again') : l10n.t('the catalog records it; the data is not rewritten'));
  }
  if (!plan.changes.length) out.push(`-- ${l10n.t('No changes: the deployed table matches the spec.')}`);
  return out.join('\n') + '\n';
}

/** Deploy on AWS does not rewrite data: a plan with a rewrite is refused whole. */
const refusedOnAws = (plan: DeployPlan, engine: 'duckdb' | 'athena') => engine === 'athena' && plan.changes.some((c) => c.safety === 'rewrite');

function glueText(plan: DeployPlan, engine: 'duckdb' | 'athena', format: string): string {
  const db = plan.desired.DatabaseName;
  if (!plan.changes.length || refusedOnAws(plan, engine)) return '[]\n';
  if (engine === 'duckdb')
    return (
      JSON.stringify(
        [{ operation: 'tablespec.tables (local catalog)', DatabaseName: db, TableInput: tableInput(plan.desired), ...(plan.current?.VersionId ? { VersionId: plan.current.VersionId } : {}) }],
        null,
        2,
      ) + '\n'
    );
  const calls: unknown[] = [];
  if (!plan.current && format !== 'iceberg') calls.push({ operation: 'CreateTable', DatabaseName: db, TableInput: tableInput(plan.desired) });
  // After any DDL, the spec's part is written at the version read then (Athena's own parameters are kept).
  calls.push({
    operation: 'UpdateTable',
    DatabaseName: db,
    TableInput: tableInput(merged(plan.current ?? plan.desired, plan.desired)),
    ...(plan.current?.VersionId ? { VersionId: plan.current.VersionId } : {}),
  });
  return JSON.stringify(calls, null, 2) + '\n';
}

/** Where a change shows in the two definitions. */
function definitionKeys(c: Change): string[] {
  if (c.kind === 'drop-column' || c.kind === 'retype-column' || c.kind === 'add-column' || c.kind === 'comment') return [`column:${c.target.split('.')[2]}`];
  if (c.kind === 'format' || c.kind === 'location' || c.kind === 'partition-keys') return [c.kind];
  return [];
}

/** The plan of a deploy as texts: DDL, Glue input, and the definition as deployed and as the spec asks. */
export async function planTexts(ctx: SpecContext, backend: Backend, signal?: AbortSignal): Promise<PlanTexts> {
  const plan = await planDeploy(ctx, backend, signal);
  const engine = backend.dialect === 'duckdb' ? 'duckdb' : 'athena';
  const marks: PlanMark[] = [];
  const ddl = ddlText(ctx, plan, engine, marks);
  const deployed = definitionText(plan.current);
  const spec = definitionText({ ...plan.desired, DatabaseName: ctx.plan.database });
  for (const c of plan.changes) {
    if (c.safety === 'safe') continue;
    for (const key of definitionKeys(c)) {
      const before = deployed.lines.get(key);
      const after = spec.lines.get(key);
      if (before !== undefined) marks.push({ document: 'deployed', line: before, safety: c.safety, change: changeText(c) });
      if (after !== undefined) marks.push({ document: 'spec', line: after, safety: c.safety, change: changeText(c) });
    }
  }
  return {
    table: plan.table,
    environment: plan.environment,
    engine,
    changes: plan.changes,
    destructive: plan.changes.some((c) => c.safety !== 'safe'),
    ddl,
    glue: glueText(plan, engine, ctx.plan.format),
    deployed: deployed.text,
    spec: spec.text,
    marks,
  };
}
