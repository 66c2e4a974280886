/**
 * Runs one validated Athena statement against the emulator's state: DDL through athena-ddl.ts,
 * queries and writes on DuckDB (duck.ts), Iceberg writes committed as new snapshots (iceberg.ts).
 */
import { AthenaFailure, fail } from './athena-errors';
import { alterColumns, alterProps, checkIcebergTypes, checkLocation, createTable, dropTable, renameTable, viaGlue } from './athena-ddl';
import type { Classified } from './athena-rules';
import { closing, properties } from './ddl-parse';
import { bindTables, describe, exportParquet, hiveType, lit, openEngine, q, runQuery, trinoError, type Ctx, type Engine, type ResultSet } from './duck';
import { commitIceberg, createIceberg, currentFiles, isIceberg, newDataFile, readMetadata, identityPartitions, type DeleteFile } from './iceberg';
import { isDataFile } from './serde';
import { parseS3 } from './s3';
import { qualifiedAt, tokenize } from './sql-lexer';
import { checkInsertTypes } from './insert-types';
import { applyTimeTravel } from './time-travel';
import { toDuckdb, trinoColumnNames } from './trino-sql';

export interface ExecCtx extends Ctx {
  /** Seconds since the epoch, as the emulator's clock says (tests may move it forward). */
  now(): number;
}

export interface Outcome {
  result?: ResultSet;
  updateCount?: number;
  bytesScanned: number;
}

/** Executes a statement whose syntax and parameters have been checked (and substituted). */
export async function execute(ctx: ExecCtx, sql: string, c: Classified): Promise<Outcome> {
  switch (c.kind) {
    case 'create-table':
      createTable(ctx, sql, c);
      return { bytesScanned: 0 };
    case 'drop-table':
    case 'drop-view':
      dropTable(ctx, c, c.kind === 'drop-view');
      return { bytesScanned: 0 };
    case 'alter-rename':
      renameTable(ctx, c);
      return { bytesScanned: 0 };
    case 'alter-columns':
      alterColumns(ctx, sql, c);
      return { bytesScanned: 0 };
    case 'alter-props':
      alterProps(ctx, c);
      return { bytesScanned: 0 };
    case 'vacuum':
      return vacuum(ctx, c);
    case 'optimize':
      return { bytesScanned: 0 };
    case 'utility':
      throw fail.notSupported(`The emulator does not run this statement: ${sql.slice(0, 60)}`);
  }
  const e = await openEngine();
  try {
    return await withEngine(ctx, e, sql, c);
  } catch (err) {
    throw trinoError(err, sql);
  } finally {
    e.close();
  }
}

async function withEngine(ctx: ExecCtx, e: Engine, sql: string, c: Classified): Promise<Outcome> {
  // Unqualified names resolve in the query's database (QueryExecutionContext.Database).
  await e.conn.run(`CREATE SCHEMA IF NOT EXISTS ${q(ctx.database)}`);
  await e.conn.run(`SET search_path = ${lit(`${ctx.database},main`)}`);
  if (c.kind === 'select') {
    const travel = await applyTimeTravel(ctx, e, sql, c.tokens);
    await bindTables(ctx, e, travel.sql, tokenize(travel.sql), travel.bound);
    const result = await runQuery(e, toDuckdb(travel.sql));
    const names = trinoColumnNames(
      sql,
      result.columns.map((col) => col.name),
    );
    result.columns = result.columns.map((col, i) => ({ ...col, name: names[i]! }));
    return { result, bytesScanned: scanned(ctx, c) };
  }
  if (c.kind === 'create-view') return createView(ctx, e, sql, c);
  if (c.kind === 'ctas') return ctas(ctx, e, sql, c);
  if (c.kind === 'unload') throw fail.notSupported('The emulator does not run UNLOAD');
  // INSERT, MERGE, UPDATE, DELETE: the target as it is now, the statement, then a commit.
  const database = c.target?.database ?? ctx.database;
  const t = ctx.glue.table(database, c.target?.name ?? '');
  await bindTables(ctx, e, sql, c.tokens);
  if (!t) throw fail.notFound(1, 1, `awsdatacatalog.${database}.${c.target?.name}`);
  const name = `${q(t.DatabaseName)}.${q(t.Name)}`;
  const before = Number((await runQuery(e, `SELECT count(*) FROM ${name}`)).rows[0]![0]);
  if (c.kind === 'merge') await checkMergeMatches(e, sql, c);
  if (c.kind === 'insert') await checkInsertTypes(e, sql, c, t);
  const rowLevel = isIceberg(t) && ['delete', 'update', 'merge'].includes(c.kind);
  if (rowLevel) await e.conn.run(`CREATE TEMP TABLE "__rows_before" AS SELECT * FROM ${name}`);
  const r = await e.conn.run(toDuckdb(sql));
  const changed = r.rowsChanged;
  if (isIceberg(t)) {
    const meta = readMetadata(ctx.s3, t);
    const file = newDataFile(meta.location);
    const { bucket, key } = parseS3(file);
    ctx.s3.put(bucket, key, await exportParquet(e, name));
    const deletes = rowLevel ? await deleteFiles(e, name, identityPartitions(meta)) : [];
    commitIceberg(ctx.glue, ctx.s3, t, { files: [file], deletes }, ctx.now() * 1000);
  } else {
    // INSERT INTO a Hive table adds a file of the new rows under its location.
    if (c.kind !== 'insert') throw fail.notSupported('Modifying Hive table rows is only supported for transactional tables');
    const file = newDataFile(t.StorageDescriptor!.Location!).replace('/data/', '/');
    const { bucket, key } = parseS3(file);
    ctx.s3.put(bucket, key, await exportParquet(e, `(SELECT * FROM ${name} OFFSET ${before})`));
  }
  // UpdateCount is "the number of rows inserted with a CREATE TABLE AS SELECT, INSERT INTO, or UPDATE statement"
  // ("GetQueryResults", https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html):
  // a DELETE or MERGE reports none, so a caller counts deleted rows itself.
  return { ...(c.kind === 'insert' || c.kind === 'update' ? { updateCount: changed } : {}), bytesScanned: scanned(ctx, c) };
}

/**
 * MERGE: a target row may match at most one source row; Trino fails the statement with
 * MERGE_TARGET_ROW_MULTIPLE_MATCHES "One MERGE target table row matched more than one source row"
 * ("MERGE", https://trino.io/docs/current/sql/merge.html ; Athena "MERGE INTO",
 * https://docs.aws.amazon.com/athena/latest/ug/merge-into-statement.html). The emulator checks the ON
 * join (Trino counts only the matches that reach a WHEN MATCHED clause: a conditional clause may excuse some).
 */
async function checkMergeMatches(e: Engine, sql: string, c: Classified): Promise<void> {
  const t = c.tokens;
  const target = qualifiedAt(t, 2)!;
  let j = target.end;
  if (t[j]?.value === 'AS') j++;
  const targetAlias = t[j++]!.text;
  if (t[j++]?.value !== 'USING') return;
  let source: string;
  if (t[j]?.text === '(') {
    const k = closing(t, j);
    source = sql.slice(t[j]!.at, t[k]!.at + 1);
    j = k + 1;
  } else {
    const ref = qualifiedAt(t, j)!;
    source = sql.slice(t[j]!.at, t[ref.end - 1]!.at + t[ref.end - 1]!.text.length);
    j = ref.end;
  }
  if (t[j]?.value === 'AS') j++;
  const sourceAlias = t[j++]!.text;
  if (t[j]?.value !== 'ON') return;
  let depth = 0;
  let k = j + 1;
  for (; k < t.length; k++) {
    if (t[k]!.text === '(') depth++;
    if (t[k]!.text === ')') depth--;
    if (depth === 0 && t[k]!.value === 'WHEN') break;
  }
  const on = sql.slice(t[j + 1]!.at, t[k]?.at ?? sql.length);
  const targetText = sql.slice(t[2]!.at, t[target.end - 1]!.at + t[target.end - 1]!.text.length);
  const check = `SELECT count(*) AS n FROM ${targetText} AS ${targetAlias} JOIN ${source} AS ${sourceAlias} ON ${on} GROUP BY ${targetAlias}.rowid HAVING count(*) > 1 LIMIT 1`;
  if ((await runQuery(e, toDuckdb(check))).rows.length) throw new AthenaFailure('MERGE_TARGET_ROW_MULTIPLE_MATCHES', 'One MERGE target table row matched more than one source row');
}

/**
 * The position delete files a row-level statement leaves (merge-on-read, see DeleteFile): per partition,
 * the rows that were there before and are not now (deleted, or rewritten by UPDATE or MERGE).
 */
async function deleteFiles(e: Engine, name: string, partitions: string[]): Promise<DeleteFile[]> {
  const cols = partitions.map((p) => `CAST(${q(p)} AS VARCHAR)`);
  const gone = `(SELECT * FROM "__rows_before" EXCEPT ALL SELECT * FROM ${name})`;
  const rows = (await runQuery(e, `SELECT ${[...cols, 'count(*)'].join(', ')} FROM ${gone}${cols.length ? ` GROUP BY ${cols.map((_c, i) => i + 1).join(', ')}` : ''}`)).rows;
  return rows.filter((r) => Number(r[r.length - 1]) > 0).map((r) => ({ partition: r.slice(0, -1), records: Number(r[r.length - 1]) }));
}

/** Bytes of the data files of the tables a statement names: an Iceberg table's current snapshot, everything under an external one's location. */
/**
 * The bytes a statement will read, before it runs: for a query or a DML statement, the data of the tables
 * it names, except the table an INSERT or a CTAS writes (written, not read); DDL reads none (as `execute`
 * reports). What the workgroup's scan cutoff is compared with.
 */
export function bytesToScan(ctx: ExecCtx, c: Classified): number {
  if (!['select', 'insert', 'update', 'delete', 'merge', 'ctas'].includes(c.kind)) return 0;
  const written = (c.kind === 'insert' || c.kind === 'ctas') && c.target ? c.target.name.toLowerCase() : undefined;
  return scanned(ctx, c, written);
}

function scanned(ctx: ExecCtx, c: Classified, except?: string): number {
  let n = 0;
  const names = new Set(c.tokens.map((x) => (x.kind === 'word' ? x.text.toLowerCase() : x.value.toLowerCase())));
  if (except) names.delete(except);
  for (const [, tables] of ctx.glue.databases) {
    for (const t of tables.values()) {
      if (!names.has(t.Name) || !t.StorageDescriptor?.Location) continue;
      try {
        const files = isIceberg(t)
          ? currentFiles(ctx.s3, t)
          : ctx.s3
              .under(t.StorageDescriptor.Location.replace(/\/?$/, '/'))
              .filter(([k]) => isDataFile(k))
              .map(([k]) => `s3://${parseS3(t.StorageDescriptor!.Location!).bucket}/${k}`);
        for (const f of files) n += ctx.s3.get(parseS3(f).bucket, parseS3(f).key)?.length ?? 0;
      } catch {
        // a table that cannot be read was not scanned
      }
    }
  }
  return n;
}

/**
 * CTAS ("CTAS table properties - Amazon Athena", https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html):
 * the `location` (Iceberg) or `external_location` must be empty, or the query fails with
 * HIVE_PATH_ALREADY_EXISTS; the new table's Glue entry carries the columns of the query without
 * comments and only the parameters Athena sets.
 */
async function ctas(ctx: ExecCtx, e: Engine, sql: string, c: Classified): Promise<Outcome> {
  const database = c.target?.database ?? ctx.database;
  const name = c.target!.name;
  if (ctx.glue.table(database, name)) throw fail.ddl(`AlreadyExistsException: Table ${database}.${name} already exists`);
  const t = c.tokens;
  let i = t.findIndex((x, k) => k > 2 && (x.value === 'WITH' || x.value === 'AS'));
  let props: Record<string, string> = {};
  if (t[i]?.value === 'WITH') {
    props = Object.fromEntries(Object.entries(properties(t, i + 1).props).map(([k, v]) => [k.toLowerCase(), v]));
    i = closing(t, i + 1) + 1;
  }
  const query = sql.slice(t[i + 1]!.at);
  const iceberg = props.table_type?.replace(/'/g, '').toUpperCase() === 'ICEBERG';
  const location = iceberg ? props.location : props.external_location;
  if (iceberg && props.external_location) throw fail.notSupported('external_location is not supported for Iceberg tables; use location');
  if (iceberg && props.is_external !== 'false') throw fail.notSupported('Iceberg CTAS needs is_external = false');
  if (!location) throw fail.notSupported(`CTAS needs ${iceberg ? 'location' : 'external_location'} in the emulator (its workgroup has no default table location)`);
  checkLocation(location, `${database}.${name}`);
  if (ctx.s3.under(location).length) throw new AthenaFailure('HIVE_PATH_ALREADY_EXISTS', `Target directory for table '${database}.${name}' already exists: ${location}`);
  await bindTables(ctx, e, query, tokenize(query));
  await e.conn.run(`CREATE SCHEMA IF NOT EXISTS ${q(database)}`);
  const target = `${q(database)}.${q(name)}`;
  await e.conn.run(`CREATE TABLE ${target} AS ${toDuckdb(query)}`);
  const inserted = Number((await runQuery(e, `SELECT count(*) FROM ${target}`)).rows[0]![0]);
  const columns = (await describe(e, target)).map((col) => ({ name: col.name, type: hiveType(col.type) }));
  if (iceberg) checkIcebergTypes(columns);
  const file = iceberg ? newDataFile(location) : `${location.replace(/\/?$/, '/')}${Date.now()}_part-00000.parquet`;
  const { bucket, key } = parseS3(file);
  ctx.s3.put(bucket, key, await exportParquet(e, target));
  const partitioning = (props.partitioning ?? props.partitioned_by ?? '').match(/'([^']+)'/g)?.map((x) => x.slice(1, -1)) ?? [];
  if (iceberg) viaGlue(() => createIceberg(ctx.glue, ctx.s3, database, name, location, columns, partitioning, {}, file, ctx.now() * 1000));
  else
    viaGlue(() =>
      ctx.glue.create(database, {
        Name: name,
        TableType: 'EXTERNAL_TABLE',
        Parameters: { EXTERNAL: 'TRUE', has_encrypted_data: 'false' },
        PartitionKeys: [],
        StorageDescriptor: {
          Columns: columns.map((col) => ({ Name: col.name, Type: col.type })),
          Location: location.replace(/\/$/, ''),
          InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
      }),
    );
  return { updateCount: inserted, bytesScanned: scanned(ctx, { ...c, tokens: tokenize(query) }) };
}

/** CREATE [OR REPLACE] VIEW: the query is analysed now (its tables must exist), Glue gets a Presto view. */
async function createView(ctx: ExecCtx, e: Engine, sql: string, c: Classified): Promise<Outcome> {
  const database = c.target?.database ?? ctx.database;
  const name = c.target!.name;
  const asAt = c.tokens.findIndex((x, k) => k > 2 && x.value === 'AS');
  const query = sql.slice(c.tokens[asAt + 1]!.at);
  const existing = ctx.glue.table(database, name);
  const replace = c.tokens[1]?.value === 'OR';
  if (existing && !replace) throw new AthenaFailure('ALREADY_EXISTS', `line 1:1: View 'awsdatacatalog.${database}.${name}' already exists`);
  if (existing && existing.TableType !== 'VIRTUAL_VIEW') throw new AthenaFailure('TABLE_ALREADY_EXISTS', `line 1:1: Table 'awsdatacatalog.${database}.${name}' already exists`);
  await bindTables(ctx, e, query, tokenize(query));
  const columns = await describe(e, `(${toDuckdb(query)})`);
  const blob = Buffer.from(JSON.stringify({ originalSql: query, catalog: 'awsdatacatalog', schema: database, columns: columns.map((col) => ({ name: col.name, type: hiveType(col.type) })) })).toString(
    'base64',
  );
  const input = {
    Name: name,
    TableType: 'VIRTUAL_VIEW',
    Parameters: { presto_view: 'true', comment: 'Presto View' },
    ViewOriginalText: `/* Presto View: ${blob} */`,
    ViewExpandedText: '/* Presto View */',
    PartitionKeys: [],
    StorageDescriptor: { Columns: columns.map((col) => ({ Name: col.name, Type: hiveType(col.type) })), SerdeInfo: {} },
  };
  viaGlue(() => (existing ? ctx.glue.replace({ ...existing, ...input }) : ctx.glue.create(database, input)));
  return { bytesScanned: 0 };
}

/**
 * VACUUM ("VACUUM - Amazon Athena", https://docs.aws.amazon.com/athena/latest/ug/vacuum-statement.html):
 * Iceberg data must sit in a folder, not at a bucket's root ("GENERIC_INTERNAL_ERROR: Path missing in
 * file system location"); snapshots older than `vacuum_max_snapshot_age_seconds` (default 432000 s,
 * 5 days) expire, keeping at least `vacuum_min_snapshots_to_keep` (default 1); files no snapshot
 * still names are deleted.
 */
function vacuum(ctx: ExecCtx, c: Classified): Outcome {
  const database = c.target?.database ?? ctx.database;
  const t = ctx.glue.table(database, c.target?.name ?? '');
  if (!t) throw fail.notFound(1, 8, `awsdatacatalog.${database}.${c.target?.name}`);
  const meta = readMetadata(ctx.s3, t);
  if (/^s3:\/\/[^/]+\/?$/.test(meta.location)) throw new AthenaFailure('GENERIC_INTERNAL_ERROR', `Path missing in file system location: ${meta.location.replace(/\/$/, '')}`);
  const props = { ...(t.Parameters ?? {}), ...meta.properties };
  const maxAge = Number(props.vacuum_max_snapshot_age_seconds ?? 432000);
  const minKeep = Number(props.vacuum_min_snapshots_to_keep ?? 1);
  const now = ctx.now();
  const sorted = [...meta.snapshots].sort((a, b) => b['timestamp-ms'] - a['timestamp-ms']);
  const keep = sorted.filter((s, i) => i < minKeep || s['snapshot-id'] === meta['current-snapshot-id'] || now - s['timestamp-ms'] / 1000 <= maxAge);
  const live = new Set(keep.flatMap((s) => s.files));
  for (const s of meta.snapshots)
    for (const f of s.files)
      if (!live.has(f)) {
        const { bucket, key } = parseS3(f);
        ctx.s3.delete(bucket, key);
      }
  if (keep.length !== meta.snapshots.length) {
    const { bucket, key } = parseS3(t.Parameters!.metadata_location!);
    ctx.s3.put(bucket, key, JSON.stringify({ ...meta, snapshots: keep }));
  }
  return { bytesScanned: 0 };
}

export { viaGlue };
