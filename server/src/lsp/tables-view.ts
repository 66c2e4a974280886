/**
 * The TableSpec view's data: every spec of a workspace folder under each environment of tablespec.yaml,
 * with its checks, its catalog state and the last operations the history recorded. Plain data out; the
 * client only renders it.
 */
import type { Severity } from '../core/problem';
import type { CatalogLookup } from '../catalog/catalog';
import type { HistoryEntry } from '../ops/history';
import type { AttentionReason, CatalogState, DatabaseNode, EnvironmentNode, HistoryMark, TableNode, TablesViewData } from '../protocol/tables-view';

export interface ViewSpec {
  uri: string;
  database: string;
  table: string;
  /** The codes and severities of the spec's diagnostics as last published. */
  problems: { code: string; severity: Severity }[];
}

export interface ViewInput {
  environments: { name: string; engine: 'duckdb' | 'athena'; protected: boolean; region?: string }[];
  current: string;
  specs: ViewSpec[];
  history: HistoryEntry[];
  /** What the current environment's catalog says of a table; undefined without a catalog. */
  lookup?: (database: string, table: string) => CatalogLookup['status'];
  attentionOnly?: boolean;
}

/** The codes of the drift checks: the deployed table differs from the spec. */
export const driftCodes = new Set(['catalog-column-missing', 'catalog-column-extra', 'catalog-type-differs', 'catalog-partition-differs', 'catalog-location-differs']);

const mark = (e: HistoryEntry): HistoryMark => ({ at: e.at, result: e.result, user: e.user, ...(e.rows !== undefined ? { rows: e.rows } : {}) });

/** The sum of the values that did not convert, from a load's history detail. */
function rejectedOf(e: HistoryEntry): number {
  const failed = e.detail?.failedConversions;
  if (!failed || typeof failed !== 'object') return 0;
  return Object.values(failed as Record<string, unknown>).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
}

/** The newest entry of each operation, per `environment|database.table` (the history is newest last). */
function lastByTable(history: HistoryEntry[]): Map<string, Map<string, HistoryEntry>> {
  const out = new Map<string, Map<string, HistoryEntry>>();
  for (const e of history) {
    const key = `${e.environment}|${e.table}`;
    let ops = out.get(key);
    if (!ops) out.set(key, (ops = new Map()));
    ops.set(e.operation, e);
  }
  return out;
}

function tableNode(spec: ViewSpec, current: boolean, last: Map<string, HistoryEntry> | undefined, lookup: ViewInput['lookup']): TableNode {
  const count = (s: Severity) => spec.problems.filter((p) => p.severity === s).length;
  const checks = { errors: count('error'), warnings: count('warning'), infos: count('info') };
  const drift = [...new Set(spec.problems.filter((p) => driftCodes.has(p.code)).map((p) => p.code))].sort();
  let catalog: CatalogState = 'unknown';
  if (current && lookup) {
    const status = lookup(spec.database, spec.table);
    catalog = status === 'found' ? (drift.length ? 'drifted' : 'deployed') : status === 'absent' ? 'not-deployed' : 'unknown';
  }
  const node: TableNode = { database: spec.database, table: spec.table, uri: spec.uri, checks, catalog, attention: [] };
  if (catalog === 'drifted') node.drift = drift;
  const load = last?.get('load');
  const reconcile = last?.get('reconcile');
  const verify = last?.get('verify');
  const deploy = last?.get('deploy');
  // A failed production run, diagnosed and reported (`tablespec runs --report`), is an `incident` in the history.
  const run = last?.get('incident');
  if (load)
    node.lastLoad = {
      ...mark(load),
      ...(rejectedOf(load) ? { rejected: rejectedOf(load) } : {}),
      ...(typeof load.detail?.rejectedSample === 'string' ? { rejectedSample: load.detail.rejectedSample } : {}),
    };
  if (reconcile) node.lastReconcile = { ...mark(reconcile), ...(reconcile.detail && 'matched' in reconcile.detail ? { matched: reconcile.detail.matched as boolean | null } : {}) };
  if (verify) node.lastVerify = mark(verify);
  if (deploy) node.lastDeploy = mark(deploy);
  if (run) node.lastRun = mark(run);
  const reasons: AttentionReason[] = [];
  if (checks.errors) reasons.push('errors');
  if (catalog === 'not-deployed') reasons.push('not-deployed');
  if (catalog === 'drifted') reasons.push('drifted');
  if (load?.result === 'failed') reasons.push('load-failed');
  if (node.lastLoad?.rejected) reasons.push('rejected-values');
  if (reconcile && (reconcile.result === 'failed' || node.lastReconcile?.matched === false)) reasons.push('reconcile-mismatch');
  if (verify?.result === 'failed') reasons.push('verify-failed');
  // An incident recorded with what was changed (`--changed`) is handled: the spec's warning hides it too.
  if (run?.result === 'failed' && !run.changes?.length) reasons.push('run-failed');
  node.attention = reasons;
  return node;
}

/** Builds the view's tree: environments in tablespec.yaml's order, databases and tables by name. */
export function buildTablesView(input: ViewInput): TablesViewData {
  const last = lastByTable(input.history);
  const specs = [...input.specs].sort((a, b) => a.database.localeCompare(b.database) || a.table.localeCompare(b.table) || a.uri.localeCompare(b.uri));
  const environments: EnvironmentNode[] = input.environments.map((env) => {
    const current = env.name === input.current;
    const databases = new Map<string, DatabaseNode>();
    for (const spec of specs) {
      const node = tableNode(spec, current, last.get(`${env.name}|${spec.database}.${spec.table}`), input.lookup);
      if (input.attentionOnly && !node.attention.length) continue;
      let db = databases.get(spec.database);
      if (!db) databases.set(spec.database, (db = { name: spec.database, tables: [] }));
      db.tables.push(node);
    }
    return { name: env.name, engine: env.engine, protected: env.protected, ...(env.region ? { region: env.region } : {}), current, databases: [...databases.values()] };
  });
  return { environments };
}
