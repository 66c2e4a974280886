/**
 * The embedded default: one DuckDB database file in the workspace serves as catalog and engine.
 * Each Glue database is a schema; the Glue-shaped definition of each deployed table is kept in
 * `tablespec.tables`, so that plans and drift checks read the same shape as on AWS.
 */
import * as l10n from '@vscode/l10n';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Table } from '@aws-sdk/client-glue';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { cancelled, OperationError } from '../errors';
import type { Backend, QueryResult, Row, RunOptions } from '../types';

const setup = [
  'CREATE SCHEMA IF NOT EXISTS tablespec',
  'CREATE TABLE IF NOT EXISTS tablespec.tables (database VARCHAR, name VARCHAR, definition JSON, version INTEGER, updated_at TIMESTAMP, PRIMARY KEY (database, name))',
  'CREATE TABLE IF NOT EXISTS tablespec.batches (database VARCHAR, name VARCHAR, batch_id VARCHAR, row_count BIGINT, loaded_at TIMESTAMP, PRIMARY KEY (database, name, batch_id))',
];

export interface LocalBackend extends Backend {
  /** Runs statements in one transaction: all of them, or none. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Records a deployed definition; fails with `conflict` when someone else changed it since `expectedVersion`. */
  putTable(table: Table, expectedVersion: string | undefined): Promise<void>;
  batchLoaded(database: string, name: string, batchId: string): Promise<boolean>;
  recordBatch(database: string, name: string, batchId: string, rows: number): Promise<void>;
}

function mapError(err: unknown, signal?: AbortSignal): OperationError {
  if (err instanceof OperationError) return err;
  const message = (err as Error).message ?? String(err);
  if (signal?.aborted || /INTERRUPT|Interrupted/i.test(message)) return cancelled(l10n.t('The query'));
  if (/Could not set lock|Conflicting lock/i.test(message)) return new OperationError('conflict', l10n.t('The local database is open in another process (a second editor window or a running command). Close it and try again.'), message);
  if (/No files found|Cannot open file|No such file/i.test(message)) return new OperationError('not-found', l10n.t('A file the query reads does not exist: {0}', message.split('\n')[0]!), message);
  // The engine's own hint (`Did you mean "card_dw.cust_master"?`) says more than any advice; a hint into the
  // system catalog (`pg_catalog.pg_enum`) says nothing. Only a table that is not there is told to deploy.
  const first = message.split('\n')[0]!;
  const hint = message.split('\n').find((l) => /^(Did you mean|Candidate bindings)/.test(l));
  const useful = hint && !/"(pg_catalog|information_schema)\./.test(hint) ? ` ${hint}` : '';
  if (/^Catalog Error: (Table|Schema) with name .* does not exist/.test(first)) return new OperationError('not-found', `${first}${useful || ` ${l10n.t('Deploy the table first.')}`}`, message);
  return new OperationError('query-failed', `${first}${useful}`, message);
}

export async function openLocalBackend(databaseFile: string, environment = 'local'): Promise<LocalBackend> {
  if (databaseFile !== ':memory:') mkdirSync(dirname(databaseFile), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(databaseFile);
  } catch (err) {
    throw mapError(err);
  }
  const connection: DuckDBConnection = await instance.connect();
  for (const s of setup) await connection.run(s);

  const run = async (sql: string, options: RunOptions & { pageSize?: number } = {}): Promise<QueryResult> => {
    const { signal } = options;
    if (signal?.aborted) throw cancelled(l10n.t('The query'));
    const abort = () => connection.interrupt();
    signal?.addEventListener('abort', abort);
    const started = performance.now();
    try {
      const params = (options.params ?? []) as DuckDBValue[];
      const reader = options.pageSize ? await connection.streamAndReadUntil(sql, options.pageSize, params) : await connection.runAndReadAll(sql, params);
      const names = reader.columnNames();
      const types = reader.columnTypes().map((t) => t.toString());
      const rows = reader.getRowObjectsJson() as Row[];
      const elapsedMs = performance.now() - started;
      const result: QueryResult = { columns: names.map((name, i) => ({ name, type: types[i]! })), rows, stats: { state: 'SUCCEEDED', elapsedMs } };
      if (options.pageSize && !reader.done) {
        // The next page continues the same stream.
        let offset = rows.length;
        const page = async (): Promise<QueryResult> => {
          await reader.readUntil(offset + options.pageSize!);
          const all = reader.getRowObjectsJson() as Row[];
          const next: QueryResult = { columns: result.columns, rows: all.slice(offset), stats: { state: 'SUCCEEDED', elapsedMs: performance.now() - started } };
          offset = all.length;
          if (!reader.done) next.more = page;
          return next;
        };
        result.more = page;
      }
      return result;
    } catch (err) {
      throw mapError(err, signal);
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  };

  const tableRow = async (database: string, name: string) => {
    const r = await connection.runAndReadAll('SELECT definition, version FROM tablespec.tables WHERE database = ? AND name = ?', [database, name]);
    const row = r.getRowObjectsJson()[0] as { definition: string; version: number } | undefined;
    return row ? { table: { ...(JSON.parse(row.definition) as Table), VersionId: String(row.version) }, version: row.version } : undefined;
  };

  return {
    environment,
    dialect: 'duckdb',
    description: `local DuckDB ${databaseFile}`,
    query: run,
    async transaction(work) {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work();
        await connection.run('COMMIT');
        return result;
      } catch (err) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw mapError(err);
      }
    },
    async getTable(database, name) {
      return (await tableRow(database, name))?.table;
    },
    async listTables(database) {
      const r = await connection.runAndReadAll('SELECT definition, version FROM tablespec.tables WHERE database = ? ORDER BY name', [database]);
      return (r.getRowObjectsJson() as { definition: string; version: number }[]).map((row) => ({ ...(JSON.parse(row.definition) as Table), VersionId: String(row.version) }));
    },
    async putTable(table, expectedVersion) {
      const current = await tableRow(table.DatabaseName!, table.Name!);
      if (current && expectedVersion !== undefined && String(current.version) !== expectedVersion) {
        throw new OperationError('conflict', l10n.t('{0} was changed by someone else since the plan was made (version {1}, now {2}). Plan again.', `${table.DatabaseName}.${table.Name}`, String(expectedVersion), String(current.version)));
      }
      const { VersionId: _ignored, ...definition } = table;
      const version = (current?.version ?? 0) + 1;
      await connection.run('INSERT OR REPLACE INTO tablespec.tables VALUES (?, ?, ?, ?, now())', [table.DatabaseName!, table.Name!, JSON.stringify(definition), version]);
    },
    async batchLoaded(database, name, batchId) {
      const r = await connection.runAndReadAll('SELECT 1 FROM tablespec.batches WHERE database = ? AND name = ? AND batch_id = ?', [database, name, batchId]);
      return r.currentRowCount > 0;
    },
    async recordBatch(database, name, batchId, rows) {
      await connection.run('INSERT OR REPLACE INTO tablespec.batches VALUES (?, ?, ?, ?, now())', [database, name, batchId, rows]);
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
