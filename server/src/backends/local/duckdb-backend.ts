/**
 * The embedded default: one DuckDB database file in the workspace serves as catalog and engine.
 * Each Glue database is a schema; the Glue-shaped definition of each deployed table is kept in
 * `tablespec.tables`, so that plans and drift checks read the same shape as on AWS.
 */
import * as l10n from '@vscode/l10n';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Table } from '@aws-sdk/client-glue';
import { existsSync } from 'node:fs';
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { cancelled, OperationError } from '../errors';
import { scrubEngineMessage } from './engine-message';
import type { Backend, QueryResult, Row, RunOptions } from '../types';
import { checkPredicateDuckdb } from './duckdb-predicate';

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
  /** Parses a view's condition with DuckDB's own parser; refuses anything but one condition over `columns`. */
  checkPredicate(where: string, database: string, table: string, columns: string[]): Promise<void>;
}

/**
 * The settings of the connection a typed query runs on (DuckDB docs, "Configuration" and "Securing
 * DuckDB"): the database file opened read-only, no file, network or extension access, and the settings
 * locked so that the query cannot `SET` them back.
 */
export const readOnlySettings: Record<string, string> = {
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  autoload_known_extensions: 'false',
  autoinstall_known_extensions: 'false',
  allow_community_extensions: 'false',
  lock_configuration: 'true',
};

/** A DuckDB error as an OperationError a user can act on, with nothing of a data row in it. */
export function mapEngineError(err: unknown, signal?: AbortSignal): OperationError {
  if (err instanceof OperationError) return err;
  // What DuckDB quotes from a data row (a malformed line, a value that did not cast) never leaves here.
  const message = scrubEngineMessage((err as Error).message ?? String(err));
  const first = message.split('\n')[0]!;
  // The read-only connection's refusals: say why, and that nothing ran.
  const write = /Cannot execute statement of type "(\w+)".*read-only mode/.exec(message);
  if (write) return new OperationError('unsafe-sql', l10n.t('The query would write ({0}), and queries run on a read-only connection. Nothing was changed.', write[1]!), message);
  if (/Permission Error|disabled (through|by) configuration|configuration has been locked/i.test(message))
    return new OperationError('unsafe-sql', l10n.t('The query reaches outside the database (a file, the network, an extension or a setting), which queries may not: {0}', first), message);
  if (signal?.aborted || /INTERRUPT|Interrupted/i.test(message)) return cancelled(l10n.t('The query'));
  if (/Could not set lock|Conflicting lock/i.test(message))
    return new OperationError('conflict', l10n.t('The local database is open in another process (a second editor window or a running command). Close it and try again.'), message);
  if (/Permission denied/i.test(message)) return new OperationError('access-denied', l10n.t('A file the query reads exists but may not be read by this user (permission denied): {0}', first), message);
  if (/^(Extension Autoloading Error|.*Extension ".*" not found)/i.test(message)) return extensionError(message);
  if (/No files found|Cannot open file|No such file/i.test(message)) return new OperationError('not-found', l10n.t('A file the query reads does not exist: {0}', first), message);
  // The engine's own hint (`Did you mean "card_dw.cust_master"?`) says more than any advice; a hint into the
  // system catalog (`pg_catalog.pg_enum`) says nothing. Only a table that is not there is told to deploy.
  const hint = message.split('\n').find((l) => /^(Did you mean|Candidate bindings)/.test(l));
  const useful = hint && !/"(pg_catalog|information_schema)\./.test(hint) ? ` ${hint}` : '';
  if (/^Catalog Error: (Table|Schema) with name .* does not exist/.test(first)) return new OperationError('not-found', `${first}${useful || ` ${l10n.t('Deploy the table first.')}`}`, message);
  return new OperationError('query-failed', `${first}${useful}`, message);
}

/** An extension DuckDB could not load: its name and why, in full (the first line alone ends on a colon). */
function extensionError(message: string): OperationError {
  const name = /extension ['"]([\w-]+)['"]/i.exec(message)?.[1] ?? /extensions\/[^"]*\/([\w-]+)\.duckdb_extension/.exec(message)?.[1] ?? '?';
  const reason = /\(ERROR ([^)]*)\)|(not found)/.exec(message);
  const why = reason?.[1] ?? reason?.[2] ?? message.split('\n').filter(Boolean).slice(1, 2).join(' ');
  return new OperationError(
    'failed',
    l10n.t(
      'DuckDB needs its extension `{0}`, which is not installed here and could not be installed ({1}). Install it where the network is reachable (`INSTALL {0}` in the DuckDB CLI of the same version), or use an extract format the local engine reads without it (CSV or Parquet).',
      name,
      why,
    ),
    message,
  );
}

// Table functions a typed query may read from: DuckDB's catalog (duckdb_*, pragma_*) and generators. The
// others read files or URLs (refused by the engine too), run text as SQL (`query`), or change the session:
// `enable_logging(storage := 'stdout')` would write into the language server's protocol stream.
const readingTableFunction = (name: string) => /^(duckdb_|pragma_)/.test(name) || ['range', 'generate_series', 'unnest', 'repeat'].includes(name);

/** The names of the table functions in a statement's parse tree. */
function tableFunctions(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) tableFunctions(n, out);
  else if (node && typeof node === 'object') {
    const n = node as { type?: unknown; function?: { function_name?: unknown } };
    if (n.type === 'TABLE_FUNCTION') out.push(String(n.function?.function_name).toLowerCase());
    for (const v of Object.values(node)) tableFunctions(v, out);
  }
  return out;
}

/**
 * Refuses, before it runs, a typed query that is not one reading query. DuckDB's parser splits the text and
 * names each statement's type (preparing binds, it does not run); a SELECT's parse tree (json_serialize_sql)
 * shows the table functions it calls. The read-only connection is what enforces read-only; this says why
 * in the user's words, and keeps out what the engine's settings do not cover (logging, `query()`).
 */
async function checkQuery(connection: DuckDBConnection, sql: string): Promise<void> {
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) throw new OperationError('unsafe-sql', l10n.t('A query runs one statement at a time; this text holds {0}. Nothing was run.', statements.count));
  // A SELECT's parse tree, before anything binds it (a table function's binding can already act).
  const r = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS tree', [sql]);
  const tree = JSON.parse(String(r.getRowObjectsJson()[0]?.tree)) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (!tree.error) {
    const called = tableFunctions(tree.statements).find((name) => !readingTableFunction(name));
    if (called)
      throw new OperationError(
        'unsafe-sql',
        l10n.t("The query calls `{0}`: typed queries read the database's tables and DuckDB's catalog functions, not files, the network, logging or settings. Nothing was run.", called),
      );
    return;
  }
  const prepared = await statements.prepare(0);
  const type = prepared.statementType;
  prepared.destroySync();
  const refuseType = () =>
    new OperationError(
      'unsafe-sql',
      l10n.t('Queries only read (SELECT, WITH … SELECT, VALUES, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN); this one is {0}. Nothing was run.', StatementType[type] ?? String(type)),
    );
  if (type === StatementType.EXPLAIN) {
    // EXPLAIN ANALYZE runs what it explains: that must be a reading query too. A prefix this does not
    // recognise leaves the text as it is, which is then refused.
    const inner = sql.replace(/^\s*EXPLAIN\s+(ANALY[SZ]E\s+)?(\([^)]*\)\s*)?/i, '');
    if (inner === sql || !inner.trim()) throw refuseType();
    return checkQuery(connection, inner);
  }
  if (type === StatementType.SELECT)
    throw new OperationError('unsafe-sql', l10n.t("DuckDB cannot show this query's parts to check them ({0}): write it as a plain SELECT. Nothing was run.", String(tree.error_message)));
  throw refuseType();
}

/**
 * Opens the workspace's DuckDB file. `readOnly`: for the queries an engineer types (preview --sql, the
 * query command): the file is opened read-only with external access off and the settings locked, so that
 * the engine itself refuses any write, file, network or extension, whatever the text says.
 */
export async function openLocalBackend(databaseFile: string, environment = 'local', options: { readOnly?: boolean } = {}): Promise<LocalBackend> {
  const readOnly = options.readOnly === true;
  if (readOnly && databaseFile !== ':memory:' && !existsSync(databaseFile)) {
    // A read-only open needs the file: create the empty database first, as any other operation would.
    await (await openLocalBackend(databaseFile, environment)).close();
  }
  if (databaseFile !== ':memory:') mkdirSync(dirname(databaseFile), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(databaseFile, readOnly ? readOnlySettings : {});
  } catch (err) {
    throw mapEngineError(err);
  }
  const connection: DuckDBConnection = await instance.connect();
  if (!readOnly) for (const s of setup) await connection.run(s);

  const run = async (sql: string, options: RunOptions & { pageSize?: number } = {}): Promise<QueryResult> => {
    const { signal } = options;
    if (signal?.aborted) throw cancelled(l10n.t('The query'));
    const abort = () => connection.interrupt();
    signal?.addEventListener('abort', abort);
    const started = performance.now();
    try {
      if (readOnly) await checkQuery(connection, sql);
      // Every statement TableSpec builds is one statement to DuckDB's own parser, whatever a value in it held.
      else if ((await connection.extractStatements(sql)).count !== 1) throw new OperationError('unsafe-sql', l10n.t('A generated statement reads as several statements to DuckDB; it was not run.'));
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
      throw mapEngineError(err, signal);
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
    description: `local DuckDB ${databaseFile}${readOnly ? ' (read-only)' : ''}`,
    readOnly,
    query: run,
    async transaction(work) {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work();
        await connection.run('COMMIT');
        return result;
      } catch (err) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw mapEngineError(err);
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
        throw new OperationError(
          'conflict',
          l10n.t(
            '{0} was changed by someone else since the plan was made (version {1}, now {2}). Plan again.',
            `${table.DatabaseName}.${table.Name}`,
            String(expectedVersion),
            String(current.version),
          ),
        );
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
    checkPredicate(where, database, table, columns) {
      return checkPredicateDuckdb(connection, where, database, table, columns);
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
