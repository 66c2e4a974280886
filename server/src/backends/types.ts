/** The two interfaces every backend implements: a catalog of tables, and an engine that runs SQL. */
import type { Table } from '@aws-sdk/client-glue';
import type { Dialect } from '../sql/identifiers';

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
