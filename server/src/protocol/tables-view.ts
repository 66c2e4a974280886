/**
 * The TableSpec view's data, as the server sends it: environments, then databases, then tables with
 * their state at a glance. The request's name, its parameters as a shape (the server refuses others), and
 * the data's types: the client imports this file and nothing else of the server, and renders what it gets.
 */
import * as s from './shape';

/** `tablespec/tablesView`: the tree's data for the workspace folder of `uri`. */
export const tablesViewRequest = 'tablespec/tablesView';

export const tablesViewParams = s.object({
  /** A file or the folder of the workspace (its tablespec.yaml). */
  uri: s.string,
  /** The environment chosen in the editor (default: the workspace's): its catalog state is known; the others show their history only. */
  environment: s.optional(s.string),
  /** Only the tables that need attention (and the databases and environments that hold them). */
  attentionOnly: s.optional(s.boolean),
});
export type TablesViewParams = s.Infer<typeof tablesViewParams>;

export interface TablesViewData {
  environments: EnvironmentNode[];
}

export interface EnvironmentNode {
  name: string;
  engine: 'duckdb' | 'athena';
  protected: boolean;
  region?: string;
  /** The environment chosen in the editor. */
  current: boolean;
  databases: DatabaseNode[];
}

export interface DatabaseNode {
  name: string;
  tables: TableNode[];
}

/** Why a table needs attention; none when all is well. */
export type AttentionReason = 'errors' | 'not-deployed' | 'drifted' | 'load-failed' | 'rejected-values' | 'reconcile-mismatch' | 'verify-failed' | 'run-failed';

/** What the catalog of the environment says of the table: `unknown` without a catalog (or for another environment than the current one). */
export type CatalogState = 'deployed' | 'drifted' | 'not-deployed' | 'unknown';

export interface TableNode {
  database: string;
  table: string;
  /** The spec's file URI. */
  uri: string;
  checks: { errors: number; warnings: number; infos: number };
  catalog: CatalogState;
  /** The drift codes (catalog-type-differs …) when drifted. */
  drift?: string[];
  /** `rejected`: values that did not convert; `rejectedSample`: the sample kept of them (for `tablespec.server.rejected`). */
  lastLoad?: HistoryMark & { rejected?: number; rejectedSample?: string };
  lastReconcile?: HistoryMark & { matched?: boolean | null };
  lastVerify?: HistoryMark;
  lastDeploy?: HistoryMark;
  /** The last failed production run reported (history operation `incident`). */
  lastRun?: HistoryMark;
  attention: AttentionReason[];
}

/** One entry of the history, as the view shows it. */
export interface HistoryMark {
  at: string;
  result: 'ok' | 'failed' | 'cancelled' | 'skipped';
  rows?: number;
  user: string;
}

/** `tablespec/tablesViewChanged`: the server ran an operation that wrote the history; the view asks again. */
export const tablesViewChangedNotification = 'tablespec/tablesViewChanged';
