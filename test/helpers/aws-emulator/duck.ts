/**
 * The emulator's query engine: a fresh in-memory DuckDB per statement, with the Glue tables a
 * statement names bound as DuckDB tables from what is in S3 (Iceberg data files of the current
 * snapshot, text files read by their SerDe, Parquet files), then the translated statement run.
 * Results come back as Athena prints them: every value a string, timestamps with milliseconds,
 * varbinary as spaced hex.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { AthenaFailure } from './athena-errors';
import type { GlueStore, StoredTable } from './glue';
import { currentFiles, isIceberg } from './iceberg';
import { parseS3, type S3Store } from './s3';
import { isDataFile, readText, readerOf } from './serde';
import { identName, lineCol, qualifiedAt, tokenize, type Token } from './sql-lexer';
import { TRINO_MACROS, registerTrinoFunctions } from './trino-functions';
import { toDuckdb } from './trino-sql';

export interface Engine {
  conn: DuckDBConnection;
  dir: string;
  close(): void;
}

export async function openEngine(): Promise<Engine> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  registerTrinoFunctions(conn);
  for (const m of TRINO_MACROS) await conn.run(m);
  const dir = mkdtempSync(join(tmpdir(), 'aws-emulator-'));
  return {
    conn,
    dir,
    close() {
      conn.closeSync();
      db.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A Glue (Hive) column type as DuckDB's. */
export function duckType(hive: string): string {
  const t = hive.trim().toLowerCase();
  if (t === 'string' || /^(var)?char\b/.test(t)) return 'VARCHAR';
  if (t === 'int' || t === 'integer') return 'INTEGER';
  if (t === 'binary') return 'BLOB';
  if (t === 'float') return 'FLOAT';
  if (/^(array|map|struct)</.test(t)) return 'VARCHAR';
  return t.toUpperCase();
}

/** A DuckDB result type as Glue (Hive DDL) names it, for CTAS tables. */
export function hiveType(duck: string): string {
  const t = duck.toUpperCase();
  const map: Record<string, string> = {
    VARCHAR: 'string',
    INTEGER: 'int',
    BIGINT: 'bigint',
    SMALLINT: 'smallint',
    TINYINT: 'tinyint',
    DOUBLE: 'double',
    FLOAT: 'float',
    BOOLEAN: 'boolean',
    DATE: 'date',
    TIMESTAMP: 'timestamp',
    TIMESTAMP_MS: 'timestamp',
    BLOB: 'binary',
    HUGEINT: 'decimal(38,0)',
  };
  return map[t] ?? t.toLowerCase();
}

/** A DuckDB result type as Trino names it in ResultSetMetadata. */
export function trinoType(duck: string): string {
  const t = duck.toUpperCase();
  const map: Record<string, string> = {
    VARCHAR: 'varchar',
    INTEGER: 'integer',
    BIGINT: 'bigint',
    SMALLINT: 'smallint',
    TINYINT: 'tinyint',
    DOUBLE: 'double',
    FLOAT: 'real',
    BOOLEAN: 'boolean',
    DATE: 'date',
    TIMESTAMP: 'timestamp',
    TIMESTAMP_MS: 'timestamp',
    BLOB: 'varbinary',
    JSON: 'json',
    HUGEINT: 'decimal',
  };
  if (t.startsWith('DECIMAL')) return 'decimal';
  if (t.startsWith('MAP')) return 'map';
  if (t.endsWith('[]')) return 'array';
  return map[t] ?? t.toLowerCase();
}

/** The Glue tables a statement reads or writes: names after FROM, JOIN, INTO, UPDATE, USING, TABLE. */
export function tableRefs(tokens: Token[]): { database?: string; name: string; at: number }[] {
  const out: { database?: string; name: string; at: number }[] = [];
  const openers: string[] = [];
  tokens.forEach((t, i) => {
    if (t.text === '(') openers.push(tokens[i - 1]?.kind === 'word' ? tokens[i - 1]!.value : '');
    if (t.text === ')') openers.pop();
    if (t.kind !== 'word' || !['FROM', 'JOIN', 'INTO', 'UPDATE', 'USING', 'TABLE'].includes(t.value)) return;
    // Not a table: IS [NOT] DISTINCT FROM x, EXTRACT(… FROM x), substring(x FROM n), trim(… FROM x).
    if (t.value === 'FROM' && (tokens[i - 1]?.value === 'DISTINCT' || ['EXTRACT', 'SUBSTRING', 'TRIM', 'OVERLAY', 'POSITION'].includes(openers[openers.length - 1] ?? ''))) return;
    const next = tokens[i + 1];
    if (!next || (next.kind === 'word' && ['SELECT', 'WITH', 'VALUES', 'EXISTS', 'SET'].includes(next.value))) return;
    const ref = qualifiedAt(tokens, i + 1);
    if (ref) out.push({ ...(ref.database ? { database: ref.database } : {}), name: ref.name, at: next.at });
  });
  return out;
}

export interface Ctx {
  glue: GlueStore;
  s3: S3Store;
  database: string;
}

/** Binds every Glue table the statement names (and those its views name) into the engine. */
export async function bindTables(ctx: Ctx, e: Engine, sql: string, tokens: Token[], skip: Set<string> = new Set()): Promise<void> {
  for (const ref of tableRefs(tokens)) {
    const database = ref.database ?? ctx.database;
    const key = `${database}.${ref.name}`;
    if (skip.has(key)) continue;
    const t = ctx.glue.table(database, ref.name);
    if (!t) {
      // A WITH query's name is not a table (`name AS (` … ).
      const cte = tokens.some((x, i) => identName(x) === ref.name && tokens[i + 1]?.value === 'AS' && tokens[i + 2]?.text === '(');
      if (!ref.database && cte) continue;
      const at = lineCol(sql, ref.at);
      throw new AthenaFailure('TABLE_NOT_FOUND', `line ${at.line}:${at.col}: Table 'awsdatacatalog.${database}.${ref.name}' does not exist`);
    }
    skip.add(key);
    await bindTable(ctx, e, t, skip);
  }
}

async function bindTable(ctx: Ctx, e: Engine, t: StoredTable, seen: Set<string>): Promise<void> {
  const name = `${q(t.DatabaseName)}.${q(t.Name)}`;
  await e.conn.run(`CREATE SCHEMA IF NOT EXISTS ${q(t.DatabaseName)}`);
  if (t.TableType === 'VIRTUAL_VIEW') {
    const original = viewSql(t);
    await bindTables({ ...ctx, database: t.DatabaseName }, e, original, tokenize(original), seen);
    await e.conn.run(`CREATE VIEW ${name} AS ${toDuckdb(original)}`);
    return;
  }
  const columns = [...(t.StorageDescriptor?.Columns ?? []), ...(t.PartitionKeys ?? [])];
  await e.conn.run(`CREATE TABLE ${name} (${columns.map((c) => `${q(c.Name!)} ${duckType(c.Type ?? 'string')}`).join(', ')})`);
  if (isIceberg(t))
    return loadParquet(
      e,
      name,
      columns.map((c) => c.Name!),
      currentFiles(ctx.s3, t).map((f) => [f, s3Body(ctx.s3, f)]),
    );
  const files = ctx.s3.under((t.StorageDescriptor?.Location ?? '').replace(/\/?$/, '/')).filter(([k]) => isDataFile(k));
  if (readerOf(t) === 'parquet')
    return loadParquet(
      e,
      name,
      columns.map((c) => c.Name!),
      files,
    );
  const rows = readText(t, files);
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r) => `(${r.map((v) => (v === null ? 'NULL' : lit(v))).join(', ')})`);
    await e.conn.run(`INSERT INTO ${name} VALUES ${values.join(', ')}`);
  }
}

export const s3Body = (s3: S3Store, location: string): Buffer => {
  const { bucket, key } = parseS3(location);
  return s3.get(bucket, key)!;
};

export async function loadParquet(e: Engine, name: string, columns: string[], files: [string, Buffer][]): Promise<void> {
  if (!files.length) return;
  const paths = files.map(([, body], i) => {
    const p = join(e.dir, `in-${Date.now()}-${i}.parquet`);
    writeFileSync(p, body);
    return p;
  });
  const src = `read_parquet([${paths.map(lit).join(', ')}], union_by_name = true)`;
  const have = new Set((await (await e.conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRowsJS()).map((r) => String(r[0]).toLowerCase()));
  const cols = columns.filter((c) => have.has(c.toLowerCase())).map(q);
  await e.conn.run(`INSERT INTO ${name} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM ${src}`);
}

/** The SQL of an Athena view, from the Presto view blob Athena stores in ViewOriginalText. */
export function viewSql(t: StoredTable): string {
  const m = /\/\* Presto View: (.*) \*\//.exec(t.ViewOriginalText ?? '');
  if (!m) return t.ViewOriginalText ?? '';
  return (JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')) as { originalSql: string }).originalSql;
}

/** A table's rows as one Parquet file (the data file of an Iceberg commit). */
export async function exportParquet(e: Engine, name: string): Promise<Buffer> {
  const p = join(e.dir, `out-${Date.now()}-${Math.random().toString(36).slice(2)}.parquet`);
  await e.conn.run(`COPY ${name} TO ${lit(p)} (FORMAT PARQUET)`);
  return readFileSync(p);
}

/** Columns of a relation, as DuckDB types. */
export async function describe(e: Engine, relation: string): Promise<{ name: string; type: string }[]> {
  const rows = (await (await e.conn.runAndReadAll(`DESCRIBE ${relation}`)).getRowsJS()) as unknown[][];
  return rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
}

export interface ResultSet {
  columns: { name: string; type: string; precision?: number; scale?: number }[];
  rows: (string | null)[][];
}

function formatValue(v: DuckDBValue, type: DuckDBType): string | null {
  if (v === null || v === undefined) return null;
  const t = type.toString().toUpperCase();
  if (t.startsWith('TIMESTAMP')) {
    const micros = (v as unknown as { micros?: bigint; millis?: bigint }).micros ?? (v as unknown as { millis: bigint }).millis * 1000n;
    const d = new Date(Number(micros / 1000n));
    return d.toISOString().replace('T', ' ').replace('Z', '');
  }
  if (t === 'DOUBLE' || t === 'FLOAT') return javaDouble(Number(v));
  if (t === 'BLOB')
    return Buffer.from((v as unknown as { bytes: Uint8Array }).bytes)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
  return String(v);
}

/** A double as Trino prints it (Java's Double.toString): 3.0, 1.0E10, 1.0E-4, NaN, Infinity. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  const a = Math.abs(n);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) {
    const [m, e] = n.toExponential().split('e');
    return `${m!.includes('.') ? m : `${m}.0`}E${Number(e)}`;
  }
  const s = String(n);
  return s.includes('.') ? s : `${s}.0`;
}

/** Runs a query and reads the whole result as Athena strings. */
export async function runQuery(e: Engine, sql: string): Promise<ResultSet> {
  const reader = await e.conn.runAndReadAll(sql);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const rows = reader.getRows().map((r) => r.map((v, i) => formatValue(v, types[i]!)));
  return {
    columns: names.map((name, i) => {
      const t = types[i]!.toString();
      const dec = /^DECIMAL\((\d+),\s*(\d+)\)/i.exec(t);
      return { name, type: trinoType(t), ...(dec ? { precision: Number(dec[1]), scale: Number(dec[2]) } : {}) };
    }),
    rows,
  };
}

/** DuckDB's errors in Trino's words where the emulator knows them. */
export function trinoError(err: unknown, sql: string): AthenaFailure {
  if (err instanceof AthenaFailure) return err;
  const msg = ((err as Error).message ?? String(err)).replace(/^Invalid Input Error: /, '');
  const col = /Referenced column "([^"]+)" not found/.exec(msg);
  if (col) return new AthenaFailure('COLUMN_NOT_FOUND', `line 1:1: Column '${col[1]}' cannot be resolved`);
  const fn = /No function matches the given name and argument types '(tr_)?(\w+)\(([^)]*)\)'/.exec(msg);
  if (fn) {
    const args = fn[3]!
      .split(',')
      .map((a) => trinoType(a.trim()))
      .join(', ');
    const call = tokenize(sql).find((t) => t.kind === 'word' && t.text.toLowerCase() === fn[2]);
    const at = lineCol(sql, call?.at ?? 0);
    return new AthenaFailure('FUNCTION_NOT_FOUND', `line ${at.line}:${at.col}: Unexpected parameters (${args}) for function ${fn[2]}`);
  }
  const cast = /Could not convert string '!?(.*)' to (INT\d+)/.exec(msg);
  if (cast)
    return new AthenaFailure(
      'INVALID_CAST_ARGUMENT',
      `Cannot cast '${cast[1]}' to ${({ INT8: 'TINYINT', INT16: 'SMALLINT', INT32: 'INT', INT64: 'BIGINT' } as Record<string, string>)[cast[2]!] ?? cast[2]}`,
    );
  if (/Conversion Error|Could not convert/i.test(msg)) return new AthenaFailure('INVALID_CAST_ARGUMENT', msg.split('\n')[0]!);
  if (/Invalid format|not supported in date format/.test(msg)) return new AthenaFailure('INVALID_FUNCTION_ARGUMENT', msg.split('\n')[0]!);
  return new AthenaFailure('GENERIC_USER_ERROR', `emulator engine: ${msg.split('\n')[0]}`);
}
