/**
 * `tablespec.yaml` and the settings (the editor's or the command line's), normalised; read through a Workspace (workspace/workspace.ts).
 * Every field has a default, so a workspace without the file behaves as the `local` environment.
 */
import { parse } from 'yaml';
import { checkAliasBound } from '../document/parse-yaml';

export interface Environment {
  name: string;
  engine: 'duckdb' | 'athena';
  databaseFile?: string;
  region?: string;
  profile?: string;
  workgroup?: string;
  outputLocation?: string;
  /** Where a load on Athena writes the hash salt for a one-row table (never in SQL text or parameters). */
  saltLocation?: string;
  warehouse?: string;
  staging?: string;
  catalogSnapshot?: string;
  /** Where this environment's production DAGs run (`tablespec runs`). */
  airflow?: AirflowTarget;
  protected: boolean;
}

/** An Amazon MWAA environment (InvokeRestApi) or an Airflow webserver, and the EMR cluster the DAGs use. */
export interface AirflowTarget {
  mwaaEnvironment?: string;
  baseUrl?: string;
  /** `v1`: Airflow 2's stable REST API; `v2`: Airflow 3's. */
  apiVersion: 'v1' | 'v2';
  emrCluster?: string;
}

export interface WorkspaceConfig {
  defaultDatabase?: string;
  defaultFormat: 'iceberg' | 'parquet';
  defaultEncrypt: 'sha256' | 'kms';
  maxStringSize: 'standard' | 'extended';
  dictionary?: string;
  /** A live Oracle connection, when named: the password comes from `passwordEnv` (a TABLESPEC_ variable) or the editor's secret storage, never from the file. */
  oracle?: { connectString: string; user: string; passwordEnv: string };
  environments: Record<string, Environment>;
  /** `verify.max_scan_gb`: verify asks before running on Athena when its estimate is above this. */
  verify?: { maxScanGb?: number };
  /** DAG groups (`dag_groups`): group name → `database.table` names, for one DAG per group. */
  dagGroups: Record<string, string[]>;
}

/**
 * The settings of a workspace: the editor's `tablespec.*` (per folder or file) or the command line's
 * options, normalised. The one settings type of the checker, the language server and the operations.
 */
export interface Settings {
  /** The environment whose catalog and locations the checks compare with. */
  environment: string;
  /** Tables at or above this size (GB) count as large. */
  largeTableGb: number;
  /** Problem codes not to report (nor to refuse an operation for). */
  disabled: string[];
  /** A Glue GetTables snapshot, relative to the workspace folder; overrides the environment's. */
  catalogSnapshot?: string;
  /** Check every spec of the workspace, not only open ones (the editor). */
  workspaceDiagnostics: boolean;
}

export const defaultSettings: Settings = { environment: 'local', largeTableGb: 100, disabled: [], workspaceDiagnostics: true };

/** The editor's `tablespec` section as settings: anything missing or of the wrong type takes the default. */
export function readSettings(raw: unknown): Settings {
  const r = obj(raw);
  const checks = obj(r.checks);
  const catalog = obj(r.catalog);
  const validation = obj(r.validation);
  const s: Settings = {
    environment: typeof r.environment === 'string' && r.environment ? r.environment : defaultSettings.environment,
    largeTableGb: typeof checks.largeTableGb === 'number' && checks.largeTableGb >= 0 ? checks.largeTableGb : defaultSettings.largeTableGb,
    disabled: Array.isArray(checks.disabled) ? checks.disabled.filter((c): c is string => typeof c === 'string') : [],
    workspaceDiagnostics: validation.workspace !== false,
  };
  if (typeof catalog.snapshot === 'string' && catalog.snapshot) s.catalogSnapshot = catalog.snapshot;
  return s;
}

export const localEnvironment: Environment = { name: 'local', engine: 'duckdb', databaseFile: '.tablespec/local.duckdb', staging: 'data/{table}.csv', protected: false };

export const defaultConfig: WorkspaceConfig = { defaultFormat: 'iceberg', defaultEncrypt: 'sha256', maxStringSize: 'standard', environments: { local: localEnvironment }, dagGroups: {} };

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** Reads `tablespec.yaml`; invalid parts fall back to defaults (the file's own diagnostics report them). */
export function readWorkspaceConfig(source: string | undefined): WorkspaceConfig {
  if (source === undefined) return defaultConfig;
  // Aliases past the bound: the defaults at once (the file's diagnostics say why), never an expansion.
  if (checkAliasBound(source)) return defaultConfig;
  let raw: unknown;
  try {
    // maxAliasCount: the yaml package refuses a document whose aliases would expand without bound.
    raw = parse(source, { prettyErrors: false, maxAliasCount: 100 });
  } catch {
    return defaultConfig;
  }
  const root = obj(raw);
  const defaults = obj(root.defaults);
  const oracle = obj(root.oracle);
  const environments: Record<string, Environment> = { local: localEnvironment };
  for (const [name, value] of Object.entries(obj(root.environments))) {
    const e = obj(value);
    const env: Environment = { name, engine: e.engine === 'athena' ? 'athena' : 'duckdb', protected: e.protected === true };
    const fields: [keyof Environment, string][] = [
      ['databaseFile', 'database_file'],
      ['region', 'region'],
      ['profile', 'profile'],
      ['workgroup', 'workgroup'],
      ['outputLocation', 'output_location'],
      ['saltLocation', 'salt_location'],
      ['warehouse', 'warehouse'],
      ['staging', 'staging'],
      ['catalogSnapshot', 'catalog_snapshot'],
    ];
    for (const [key, yamlKey] of fields) {
      const v = text(e[yamlKey]);
      if (v) (env as unknown as Record<string, unknown>)[key] = v;
    }
    const airflow = obj(e.airflow);
    const mwaa = text(airflow.mwaa_environment);
    const baseUrl = text(airflow.base_url);
    if (mwaa || baseUrl) {
      const target: AirflowTarget = { apiVersion: airflow.api_version === 'v2' ? 'v2' : 'v1' };
      if (mwaa) target.mwaaEnvironment = mwaa;
      else if (baseUrl) target.baseUrl = baseUrl.replace(/\/+$/, '');
      const cluster = text(airflow.emr_cluster);
      if (cluster) target.emrCluster = cluster;
      env.airflow = target;
    }
    environments[name] = env;
  }
  const config: WorkspaceConfig = {
    defaultFormat: obj(defaults.storage).format === 'parquet' ? 'parquet' : 'iceberg',
    defaultEncrypt: defaults.encrypt === 'kms' ? 'kms' : 'sha256',
    maxStringSize: oracle.max_string_size === 'extended' ? 'extended' : 'standard',
    environments,
    dagGroups: {},
  };
  const db = text(defaults.database);
  for (const [group, tables] of Object.entries(obj(root.dag_groups))) {
    if (!/^[a-z][a-z0-9_]*$/.test(group) || !Array.isArray(tables)) continue;
    const names = tables.filter((t): t is string => typeof t === 'string' && /^([a-z][a-z0-9_]*\.)?[a-z][a-z0-9_]*$/.test(t)).map((t) => (t.includes('.') || !db ? t : `${db}.${t}`));
    if (names.length) config.dagGroups[group] = [...new Set(names)];
  }
  if (db) config.defaultDatabase = db;
  const dict = text(oracle.dictionary);
  if (dict) config.dictionary = dict;
  const connect = text(oracle.connect_string);
  const user = text(oracle.user);
  if (connect && user) config.oracle = { connectString: connect, user, passwordEnv: text(oracle.password_env) ?? 'TABLESPEC_ORACLE_PASSWORD' };
  const maxScanGb = obj(root.verify).max_scan_gb;
  if (typeof maxScanGb === 'number' && Number.isFinite(maxScanGb) && maxScanGb >= 0) config.verify = { maxScanGb };
  return config;
}

/** Fills `{database}` and `{table}` in an environment's location pattern. */
export function fillPattern(pattern: string, database: string, table: string): string {
  return pattern.replace(/\{database\}/g, database).replace(/\{table\}/g, table);
}
