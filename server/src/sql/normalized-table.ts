/**
 * What a checked spec asks of the engines, as plain data: the table, its columns with their types,
 * rules and protection, the load mode, retention, purges, the staging source and the views.
 * Built only from a spec without errors.
 */
import { fillPattern, type Environment } from '../config/workspace-config';
import type { GlueType } from '../glue/glue-type';
import { inputKind } from '../rules/check-column-cleansing';
import type { ValueKind } from '../rules/cleansing-catalogue';
import type { SpecModel } from '../document/spec-model';
import { get, str, toJS, type YNode } from '../document/yaml-node';
import type { RuleCall } from './cleansing-sql';

export interface Duration {
  n: number;
  unit: 'd' | 'm' | 'y';
}

export interface NormalizedColumn {
  name: string;
  /** The Oracle column name in the extract. */
  source: string;
  /** The type of the value after cleansing and conversion. */
  target: GlueType;
  /** The type the table stores: `string` for a hashed column. */
  stored: GlueType;
  rules: RuleCall[];
  encrypt?: 'sha256' | 'kms';
  pii?: string;
  comment?: string;
  nullable: boolean;
  inputKind: ValueKind;
}

export interface NormalizedPurge {
  column: string;
  after: Duration;
  basis: string;
  action: 'nullify' | 'delete_row';
}

export interface Staging {
  location: string;
  format: 'csv' | 'text' | 'parquet';
  delimiter: string;
  header: boolean;
  nullValue?: string;
  encoding: string;
}

export interface NormalizedView {
  name: string;
  description?: string;
  columns: string[];
  where?: string;
}

export interface NormalizedTable {
  database: string;
  table: string;
  kind: 'source' | 'mart';
  description?: string;
  format: 'iceberg' | 'parquet';
  location?: string;
  mode: 'overwrite' | 'append' | 'upsert';
  keys: string[];
  /** The source's primary key (`source.primary_key`), else the upsert keys: what verify pairs rows on. */
  primaryKey?: string[];
  partitionBy: string[];
  incrementalBy?: string;
  retention?: Duration;
  columns: NormalizedColumn[];
  purges: NormalizedPurge[];
  staging: Staging;
  views: NormalizedView[];
  expectedRows?: number;
}

export function parseDuration(text: string): Duration | undefined {
  const m = /^([1-9]\d*)([dmy])$/.exec(text);
  return m ? { n: Number(m[1]), unit: m[2] as Duration['unit'] } : undefined;
}

function rulesOf(column: YNode): RuleCall[] {
  const list = toJS(get(column, 'cleansing') ?? null);
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    if (typeof item === 'string') return { name: item };
    const [name, arg] = Object.entries(item as Record<string, unknown>)[0]!;
    return { name, arg };
  });
}

const list = (node: YNode | null | undefined): string[] => (Array.isArray(toJS(node ?? null)) ? (toJS(node ?? null) as unknown[]).map(String) : []);

/** The staging source: the spec's `source.staging`, else the environment's pattern. */
function stagingOf(root: YNode | null, env: Environment, database: string, table: string): Staging {
  const s = (toJS(get(get(root, 'source'), 'staging') ?? null) ?? {}) as Record<string, unknown>;
  const location = typeof s.location === 'string' ? s.location : fillPattern(env.staging ?? 'data/{table}.csv', database, table);
  const format = s.format === 'parquet' || s.format === 'text' || s.format === 'csv' ? s.format : /\.parquet$/i.test(location) ? 'parquet' : 'csv';
  const staging: Staging = {
    location,
    format,
    delimiter: typeof s.delimiter === 'string' ? s.delimiter : format === 'text' ? '\u0001' : ',',
    header: typeof s.header === 'boolean' ? s.header : format === 'csv',
    encoding: typeof s.encoding === 'string' ? s.encoding : 'UTF-8',
  };
  if (typeof s.null_value === 'string') staging.nullValue = s.null_value;
  return staging;
}

export function normalizeTable(model: SpecModel, env: Environment): NormalizedTable {
  const root = model.root;
  const load = get(root, 'load');
  const database = model.database!;
  const table = model.table!;
  const columns: NormalizedColumn[] = model.columns.map((c) => {
    const stored: GlueType = c.encrypt === 'sha256' ? { kind: 'string' } : c.target!;
    const col: NormalizedColumn = {
      name: c.name!,
      source: str(get(c.node, 'source')) ?? c.name!.toUpperCase(),
      target: c.target!,
      stored,
      rules: rulesOf(c.node),
      nullable: c.nullable,
      inputKind: inputKind(c.oracle, model.kind),
    };
    if (c.encrypt) col.encrypt = c.encrypt;
    if (c.pii && c.pii !== 'none') col.pii = c.pii;
    if (c.comment) col.comment = c.comment;
    return col;
  });
  const purges: NormalizedPurge[] = [];
  for (const c of model.columns) {
    const p = toJS(get(c.node, 'purge') ?? null) as { after?: string; basis?: string; action?: string } | null;
    const after = p?.after ? parseDuration(p.after) : undefined;
    if (p && after && p.basis) purges.push({ column: c.name!, after, basis: p.basis, action: p.action === 'delete_row' ? 'delete_row' : 'nullify' });
  }
  const views = ((toJS(get(root, 'views') ?? null) ?? []) as Record<string, unknown>[]).map((v) => {
    const view: NormalizedView = {
      name: String(v.name),
      // By default a view leaves out encrypted columns: data scientists get what they may see.
      columns: Array.isArray(v.columns) ? v.columns.map(String) : columns.filter((c) => !c.encrypt).map((c) => c.name),
    };
    if (typeof v.description === 'string') view.description = v.description;
    if (typeof v.where === 'string') view.where = v.where;
    return view;
  });
  const location = str(get(get(root, 'storage'), 'location')) ?? (env.warehouse ? fillPattern(env.warehouse, database, table) : undefined);
  const plan: NormalizedTable = {
    database,
    table,
    kind: model.kind,
    format: model.format,
    mode: (str(get(load, 'mode')) ?? 'overwrite') as NormalizedTable['mode'],
    keys: list(get(load, 'keys')),
    primaryKey: list(get(get(root, 'source'), 'primary_key')),
    partitionBy: list(get(load, 'partition_by')),
    columns,
    purges,
    staging: stagingOf(root, env, database, table),
    views,
  };
  if (!plan.primaryKey?.length && plan.mode === 'upsert') plan.primaryKey = plan.keys;
  const description = str(get(root, 'description'));
  if (description) plan.description = description;
  if (location) plan.location = location;
  const incremental = str(get(load, 'incremental_by'));
  if (incremental) plan.incrementalBy = incremental;
  const retention = str(get(load, 'retention'));
  const d = retention ? parseDuration(retention) : undefined;
  if (d) plan.retention = d;
  const rows = toJS(get(get(root, 'source'), 'row_count') ?? null);
  if (typeof rows === 'number') plan.expectedRows = rows;
  return plan;
}
