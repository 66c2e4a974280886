/**
 * What every backend implements: a catalog of tables and an engine that runs SQL, a writer that applies a
 * deploy's changes and a loader that moves an extract into a table. The operations (ops/) call these; a
 * backend never calls an operation: what an operation decides during a load (may an overwrite with no rows
 * go on?) it hands over as a callback.
 */
import type { Table } from '@aws-sdk/client-glue';
import type { Environment } from '../config/workspace-config';
import type { Dialect } from '../sql/identifiers';
import type { NormalizedTable } from '../sql/normalized-table';
import type { DeployPlan } from '../sql/table-changes';
import type { RejectedRows } from './rejected-rows';

export interface Progress {
  message: string;
  /** The engine's own state (QUEUED, RUNNING …) when it has one. */
  state?: string;
  elapsedMs?: number;
  bytesScanned?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Values for `?` placeholders (the hash salt). */
  params?: string[];
}

export interface QueryStats {
  queryId?: string;
  state: string;
  elapsedMs: number;
  bytesScanned?: number;
  /** Athena's price: $5 per TB scanned, 10 MB minimum a query. */
  costUsd?: number;
}

export interface QueryColumn {
  name: string;
  type: string;
}

export type Row = Record<string, string | number | boolean | null | unknown[] | Record<string, unknown>>;

export interface QueryResult {
  columns: QueryColumn[];
  rows: Row[];
  stats: QueryStats;
  /** More rows than were read: call `more` for the next page. */
  more?: () => Promise<QueryResult>;
}

export interface CatalogStore {
  getTable(database: string, table: string, signal?: AbortSignal): Promise<Table | undefined>;
  listTables(database: string, signal?: AbortSignal): Promise<Table[]>;
}

export interface QueryEngine {
  readonly dialect: Dialect;
  /** Where queries run, for messages and history: "local DuckDB .tablespec/local.duckdb". */
  readonly description: string;
  /** True when the engine itself refuses writes and outside access (the local read-only connection). */
  readonly readOnly?: boolean;
  /** Runs one statement and reads its first page of rows (all rows for DDL and DML). `all: 's3'` reads a
   * large Athena result in one request from its CSV in S3 instead of a page per 1,000 rows. */
  /** `all: 's3'`: up to `maxRows` rows in one go (Athena: from the result's CSV in S3). */
  query(sql: string, options?: RunOptions & { pageSize?: number; all?: 's3'; maxRows?: number }): Promise<QueryResult>;
  close(): Promise<void>;
}

export interface Backend extends CatalogStore, QueryEngine {
  readonly environment: string;
}

/** The spec as a backend sees it: its normalised table, its environment, its workspace root. */
export interface SpecTarget {
  root: string;
  environment: Environment;
  plan: NormalizedTable;
}

/** Applies a plan on one backend: how differs between DuckDB and Glue/Athena. */
export interface TableWriter {
  apply(ctx: SpecTarget, plan: DeployPlan, signal?: AbortSignal, onProgress?: (p: Progress) => void): Promise<void>;
}

export interface LoaderOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** The salt of `sha256` (checked by the operation before the load). */
  salt?: string;
  /** Names the batch of an append; by default the extract's content hash (local) or object ETags (S3). */
  batchId?: string;
  /** Called with the count of staged rows before anything is written: throws to stop the load (an overwrite with no rows, not confirmed). */
  beforeWrite?: (staged: number) => void;
}

/** What a backend's load did to the table. */
export interface LoadOutcome {
  table: string;
  environment: string;
  mode: 'overwrite' | 'append' | 'upsert';
  staged: number;
  /** Values present in the extract that did not convert, per column: counted, not hidden. */
  failedConversions: Record<string, number>;
  rowsBefore: number;
  rowsAfter: number;
  retentionDeleted: number;
  purged: Record<string, number>;
  /** Rows deleted on purpose by retention and by `delete_row` purges: not missing rows. */
  deletedOnPurpose: number;
  /** An append of a batch already loaded: nothing was written. */
  skipped?: string;
  /** Upsert rows left out because a key was empty or did not convert: they could never match. */
  rejectedKeys?: number;
  /** Rows of the extract whose values did not convert, when some did not: a bounded sample, personal columns masked. */
  rejected?: RejectedRows;
  /** What went wrong after the table was whole again (a leftover table to drop by hand). */
  warnings?: string[];
  bytesScanned?: number;
  elapsedMs: number;
}

export interface Loader {
  load(ctx: SpecTarget, options: LoaderOptions): Promise<LoadOutcome>;
}

/** An environment's backend, opened: its engine and catalog, its writer and its loader. */
export interface OpenBackend {
  backend: Backend;
  writer: TableWriter;
  loader: Loader;
  /** Athena: stages the extract as the load does, for verify (the load's staging and salt tables). */
  stageForVerify?: (plan: NormalizedTable, salt: string | undefined, signal?: AbortSignal) => Promise<{ close: () => Promise<void>; bytes: number }>;
}
