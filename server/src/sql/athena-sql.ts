/**
 * Statements for Athena: table DDL in Hive syntax (backticks), everything else in Trino syntax
 * (double quotes). Every name goes through `ident`, every value through `literal`; the hash salt is
 * read from a one-row table, never written in a statement.
 */
import { compileColumn, saltAlias, saltColumn } from './cleansing-sql';
import { hiveType } from './engine-types';
import { glueText } from './glue-table';
import { checkName, ident, literal, qualified, s3Location } from './identifiers';
import type { Duration, NormalizedTable } from './normalized-table';

// Views, counts and previews read the same in Athena as in DuckDB.
export { countRows as countRowsAthena, createView as createViewAthena, preview as previewAthena } from './shared-sql';
import type { Statement } from './duckdb-sql';
import { isPersonal, rejectedValueChars } from './shared-sql';

const units: Record<Duration['unit'], string> = { d: 'DAY', m: 'MONTH', y: 'YEAR' };
const cutoff = (d: Duration) => `(current_date - INTERVAL '${d.n}' ${units[d.unit]})`;

export const stagingName = (plan: NormalizedTable) => `${plan.table}__staging`;

/** An Iceberg table as Athena creates it (CREATE TABLE … TBLPROPERTIES ('table_type'='ICEBERG')). */
export function createIcebergTable(plan: NormalizedTable): string {
  const cols = plan.columns.map((c) => `${ident(c.name, 'column', 'ddl')} ${hiveType(c.stored)}${c.comment ? ` COMMENT ${literal(glueText(c.comment, 255), 'hive')}` : ''}`);
  const parts = plan.partitionBy.length ? ` PARTITIONED BY (${plan.partitionBy.map((p) => ident(p, 'partition column', 'ddl')).join(', ')})` : '';
  // Athena's Iceberg CREATE TABLE has no table COMMENT ("CREATE TABLE (Iceberg)"): the description is
  // written to Glue by the deploy's UpdateTable. A table with purges keeps no old snapshots (see purgesAthena).
  const expiry = plan.purges.length ? `, 'vacuum_max_snapshot_age_seconds'='${purgedSnapshotAgeSeconds}'` : '';
  return `CREATE TABLE ${qualified(plan.database, plan.table, 'ddl')} (${cols.join(', ')})${parts} LOCATION ${s3Location(plan.location!, 'hive')} TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet'${expiry})`;
}

/** An external table over the raw extract: every column a string, in the spec's order. */
export function createStagingTable(plan: NormalizedTable): string {
  const s = plan.staging;
  const cols = plan.columns.map((c) => `${ident(c.name, 'column', 'ddl')} ${s.format === 'parquet' ? hiveType(c.target) : 'string'}`).join(', ');
  const name = qualified(plan.database, stagingName(plan), 'ddl');
  const location = s3Location(s.location, 'hive');
  if (s.format === 'parquet') return `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (${cols}) STORED AS PARQUET LOCATION ${location}`;
  const props: string[] = [];
  if (s.header) props.push(`'skip.header.line.count'='1'`);
  // LazySimpleSerDe (text) honours serialization.null.format: an empty field is NULL as the local engine reads
  // it. OpenCSVSerDe ignores it (every field a string, '' for empty): stagedInput makes those NULL instead.
  if (s.format === 'text') props.push(`'serialization.null.format'=${literal(s.nullValue ?? '', 'hive')}`);
  const tblprops = props.length ? ` TBLPROPERTIES (${props.join(', ')})` : '';
  if (s.format === 'csv') {
    return `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (${cols}) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar'=${literal(s.delimiter, 'hive')}, 'quoteChar'='"', 'escapeChar'='\\\\') STORED AS TEXTFILE LOCATION ${location}${tblprops}`;
  }
  const delimiter = s.delimiter === '\u0001' ? "'\\001'" : literal(s.delimiter, 'hive');
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (${cols}) ROW FORMAT DELIMITED FIELDS TERMINATED BY ${delimiter} STORED AS TEXTFILE LOCATION ${location}${tblprops}`;
}

export function dropStagingTable(plan: NormalizedTable): string {
  return `DROP TABLE IF EXISTS ${qualified(plan.database, stagingName(plan), 'ddl')}`;
}

interface Compiled {
  select: string[];
  failures: { column: string; expr: string }[];
  params: string[];
}

/** A staged text field as the local engine reads it: the empty field (or the spec's null_value) is NULL. */
function stagedInput(plan: NormalizedTable, column: string): string {
  if (plan.staging.format === 'parquet') return ident(column);
  return `nullif(${ident(column)}, ${literal(plan.staging.nullValue ?? '', 'trino')})`;
}

function compile(plan: NormalizedTable): Compiled {
  const out: Compiled = { select: [], failures: [], params: [] };
  for (const c of plan.columns) {
    const compiled = compileColumn(stagedInput(plan, c.name), plan.staging.format === 'parquet' ? c.inputKind : 'string', c.rules, c.target, c.encrypt, 'athena');
    out.select.push(`${compiled.expr} AS ${ident(c.name)}`);
    for (let i = 0; i < compiled.saltParams; i++) out.params.push('<salt>');
    if (compiled.failed) out.failures.push({ column: c.name, expr: compiled.failed });
  }
  return out;
}

export const saltTableName = (plan: NormalizedTable) => `${plan.table}__salt`;
export const hashes = (plan: NormalizedTable) => plan.columns.some((c) => c.encrypt === 'sha256');

/**
 * The one-row table the hash salt is read from: the salt never travels in a query string or in execution
 * parameters, which Athena keeps in its query history. The file holds the salt's UTF-8 bytes in hex,
 * so no character of it can meet a delimiter or a line break.
 */
export function createSaltTable(plan: NormalizedTable, location: string): string {
  return `CREATE EXTERNAL TABLE ${qualified(plan.database, saltTableName(plan), 'ddl')} (\`${saltColumn}\` string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION ${s3Location(location, 'hive')}`;
}

export function dropSaltTable(plan: NormalizedTable): string {
  return `DROP TABLE IF EXISTS ${qualified(plan.database, saltTableName(plan), 'ddl')}`;
}

/** The salt table must hold exactly one row: none would join to no rows at all, two to every row twice. */
export function countSaltRows(plan: NormalizedTable): string {
  return `SELECT count(*) AS salt_rows FROM ${qualified(plan.database, saltTableName(plan))}`;
}

/** The cleansed, converted and hashed rows of the staging table, as a subquery. */
export function stagedRows(plan: NormalizedTable): Statement {
  const c = compile(plan);
  const salt = hashes(plan) ? ` CROSS JOIN ${qualified(plan.database, saltTableName(plan))} AS ${ident(saltAlias)}` : '';
  return { sql: `SELECT ${c.select.join(', ')} FROM ${qualified(plan.database, stagingName(plan))}${salt}`, params: c.params };
}

/**
 * A bounded sample of the staged rows holding a value that did not convert: the raw text of each column (cut
 * to 200 characters), a personal column's length only, a failure flag per converted column. Athena reads the
 * staging files in no fixed order, so the rows carry no number in the extract.
 */
export function rejectedSampleAthena(plan: NormalizedTable, limit: number): string {
  const select: string[] = [];
  const failed: string[] = [];
  for (const c of plan.columns) {
    const input = stagedInput(plan, c.name);
    const text = `CAST(${input} AS varchar)`;
    select.push(
      isPersonal(c) ? `length(${text}) AS ${ident(`len__${c.name}`.slice(0, 255), 'column')}` : `substr(${text}, 1, ${rejectedValueChars}) AS ${ident(`raw__${c.name}`.slice(0, 255), 'column')}`,
    );
    const compiled = compileColumn(input, plan.staging.format === 'parquet' ? c.inputKind : 'string', c.rules, c.target, c.encrypt, 'athena');
    if (compiled.failed) {
      const flag = `coalesce(${compiled.failed}, false)`;
      select.push(`${flag} AS ${ident(`failed__${c.name}`.slice(0, 255), 'column')}`);
      failed.push(flag);
    }
  }
  if (!failed.length) return `SELECT 1 WHERE false`;
  const salt = hashes(plan) && /tablespec_salt/.test(failed.join()) ? ` CROSS JOIN ${qualified(plan.database, saltTableName(plan))} AS ${ident(saltAlias)}` : '';
  return `SELECT ${select.join(', ')} FROM ${qualified(plan.database, stagingName(plan))}${salt} WHERE ${failed.join(' OR ')} LIMIT ${Math.max(1, Math.trunc(limit))}`;
}

/** One scan that counts the staged rows and the values that fail to convert, per column. */
export function failureCounts(plan: NormalizedTable): Statement & { columns: string[] } {
  const c = compile(plan);
  const counts = c.failures.map((f) => `count_if(${f.expr}) AS ${ident(`failed__${f.column}`)}`);
  if (plan.mode === 'upsert' && plan.keys.length) {
    // Rows whose key is NULL once converted: an upsert leaves them out (see writeRows).
    const expr = (k: string) => c.select[plan.columns.findIndex((col) => col.name === k)]!.replace(/ AS "[a-z0-9_]+"$/, '');
    counts.push(`count_if(${plan.keys.map((k) => `${expr(k)} IS NULL`).join(' OR ')}) AS "rejected_keys"`);
  }
  const salt = hashes(plan) && /tablespec_salt/.test(counts.join()) ? ` CROSS JOIN ${qualified(plan.database, saltTableName(plan))} AS ${ident(saltAlias)}` : '';
  return {
    sql: `SELECT count(*) AS staged${counts.length ? ', ' + counts.join(', ') : ''} FROM ${qualified(plan.database, stagingName(plan))}${salt}`,
    params: [],
    columns: c.failures.map((f) => f.column),
  };
}

const columnList = (plan: NormalizedTable) => plan.columns.map((c) => ident(c.name)).join(', ');

/**
 * Where an overwrite's new rows go: beside the deployed location, never under it nor under the current
 * table's location, because DROP TABLE of an Iceberg table deletes the files under its location
 * ("Drop Iceberg tables"): a table nested under the old one would lose its data with it.
 */
export function swapLocation(location: string, loadId: string): string {
  return `${location.replace(/\/+$/, '')}__load_${loadId}/`;
}

export const swapNames = (plan: NormalizedTable, loadId: string) => ({ fresh: `${plan.table}__load_${loadId}`, old: `${plan.table}__old_${loadId}` });

/**
 * Overwrite on Iceberg: the new rows go into a new table (CTAS) beside the old one; only when that
 * succeeded are the names swapped, and the old table dropped last. The loader runs these one by one
 * and undoes a failed step (see athena-loader.ts), so that the old or the new table is always whole.
 * [0] CTAS, [1] old name aside, [2] new table named, [3] the old dropped.
 */
export function overwriteSwap(plan: NormalizedTable, loadId: string): Statement[] {
  const staged = stagedRows(plan);
  const { fresh, old } = swapNames(plan, loadId);
  const partitioning = plan.partitionBy.length ? `, partitioning = ARRAY[${plan.partitionBy.map((p) => literal(p, 'trino')).join(', ')}]` : '';
  const location = swapLocation(plan.location!, loadId);
  return [
    {
      sql: `CREATE TABLE ${qualified(plan.database, fresh)} WITH (table_type = 'ICEBERG', is_external = false, location = ${s3Location(location, 'trino')}${partitioning}) AS SELECT ${columnList(plan)} FROM (${staged.sql})`,
      params: staged.params,
    },
    { sql: `ALTER TABLE ${qualified(plan.database, plan.table, 'ddl')} RENAME TO ${qualified(plan.database, old, 'ddl')}`, params: [] },
    { sql: `ALTER TABLE ${qualified(plan.database, fresh, 'ddl')} RENAME TO ${qualified(plan.database, plan.table, 'ddl')}`, params: [] },
    { sql: `DROP TABLE ${qualified(plan.database, old, 'ddl')}`, params: [] },
  ];
}

/** Undoes step [1] of a swap whose step [2] failed: the old table gets its name back. */
export function swapBack(plan: NormalizedTable, loadId: string): Statement[] {
  const { fresh, old } = swapNames(plan, loadId);
  return [
    { sql: `ALTER TABLE ${qualified(plan.database, old, 'ddl')} RENAME TO ${qualified(plan.database, plan.table, 'ddl')}`, params: [] },
    { sql: `DROP TABLE IF EXISTS ${qualified(plan.database, fresh, 'ddl')}`, params: [] },
  ];
}

/**
 * An upsert's source: one row per key, the latest change winning, as MERGE takes it (a target row matching
 * several source rows is an error). A key NULL after conversion never matches (NULL = NULL is not true):
 * it would be inserted again on every load, so such rows are left out (failureCounts counts them).
 */
export function latestPerKeyAthena(plan: NormalizedTable, stagedSql: string): string {
  const keys = plan.keys.map((k) => ident(k));
  const order = plan.incrementalBy ? `${ident(plan.incrementalBy)} DESC NULLS LAST` : keys.join(', ');
  const keyed = keys.map((k) => `${k} IS NOT NULL`).join(' AND ');
  return `SELECT ${columnList(plan)} FROM (SELECT *, row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${order}) AS "_tablespec_rn" FROM (${stagedSql}) WHERE ${keyed}) WHERE "_tablespec_rn" = 1`;
}

/** Append and upsert: one statement each (with partition replacement before an append of partitions). */
export function writeRows(plan: NormalizedTable): Statement[] {
  const t = qualified(plan.database, plan.table);
  const staged = stagedRows(plan);
  const cols = columnList(plan);
  if (plan.mode === 'append') {
    const out: Statement[] = [];
    if (plan.partitionBy.length) {
      // Re-running a batch replaces its partitions instead of adding them twice.
      // IS NOT DISTINCT FROM: a NULL partition (a sentinel date) is replaced too, which IN would never match.
      // Trino's DELETE takes no alias: the target's columns are named through the table.
      const same = plan.partitionBy.map((p) => `${ident(plan.table)}.${ident(p)} IS NOT DISTINCT FROM s.${ident(p)}`).join(' AND ');
      out.push({ sql: `DELETE FROM ${t} WHERE EXISTS (SELECT 1 FROM (${staged.sql}) AS s WHERE ${same})`, params: staged.params });
    }
    out.push({ sql: `INSERT INTO ${t} (${cols}) SELECT ${cols} FROM (${staged.sql})`, params: staged.params });
    return out;
  }
  const keys = plan.keys.map((k) => ident(k));
  const source = `(${latestPerKeyAthena(plan, staged.sql)})`;
  const on = keys.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const set = plan.columns.filter((c) => !plan.keys.includes(c.name)).map((c) => `${ident(c.name)} = s.${ident(c.name)}`);
  const values = plan.columns.map((c) => `s.${ident(c.name)}`).join(', ');
  return [
    {
      sql: `MERGE INTO ${t} AS t USING ${source} AS s ON (${on})${set.length ? ` WHEN MATCHED THEN UPDATE SET ${set.join(', ')}` : ''} WHEN NOT MATCHED THEN INSERT (${cols}) VALUES (${values})`,
      params: staged.params,
    },
  ];
}

/** The rows retention deletes, as a condition (undefined when the table keeps everything). */
export function retentionConditionAthena(plan: NormalizedTable): string | undefined {
  if (!plan.retention) return undefined;
  const dated = plan.partitionBy.find((p) => ['date', 'timestamp'].includes(plan.columns.find((c) => c.name === p)?.stored.kind ?? ''));
  return dated ? `${ident(dated)} < ${cutoff(plan.retention)}` : undefined;
}

export function retentionAthena(plan: NormalizedTable): string | undefined {
  const condition = retentionConditionAthena(plan);
  return condition ? `DELETE FROM ${qualified(plan.database, plan.table)} WHERE ${condition}` : undefined;
}

/** The rows a purge deletes or nullifies, as a condition. */
export function purgeConditionAthena(p: NormalizedTable['purges'][number]): string {
  return `${ident(p.basis)} < ${cutoff(p.after)}`;
}

/**
 * How long a purged table keeps old snapshots: VACUUM removes snapshots older than this
 * (vacuum_max_snapshot_age_seconds, default 432,000 s = 5 days, "VACUUM"), and with them the purged
 * values time travel would still read. One second: the purge's VACUUM leaves only the current snapshot.
 */
export const purgedSnapshotAgeSeconds = 1;

export function snapshotExpiry(plan: NormalizedTable): string {
  return `ALTER TABLE ${qualified(plan.database, plan.table, 'ddl')} SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds'='${purgedSnapshotAgeSeconds}')`;
}

/** The rows a DELETE or a purge's UPDATE will change, counted before it runs (Athena returns no count for them). */
export function countAffected(statement: string): string {
  const m = /^(?:DELETE FROM (\S+)|UPDATE (\S+) SET .+?) WHERE (.+)$/.exec(statement);
  if (!m) throw new Error(`not a DELETE or UPDATE: ${statement.slice(0, 40)}`);
  return `SELECT count(*) AS n FROM ${m[1] ?? m[2]} WHERE ${m[3]}`;
}

/**
 * Purges, then the snapshot expiry and VACUUM: old Iceberg snapshots keep purged values readable by time
 * travel until they expire. VACUUM takes no double quotes ("VACUUM"): the table in backticks (a reserved
 * word stays a name), the database bare as the page's example has it; both names were checked.
 */
export function purgesAthena(plan: NormalizedTable): { column: string; sql: string; deletes?: boolean }[] {
  const t = qualified(plan.database, plan.table);
  const out: { column: string; sql: string; deletes?: boolean }[] = plan.purges.map((p) => ({
    column: p.column,
    deletes: p.action === 'delete_row',
    sql:
      p.action === 'delete_row' ? `DELETE FROM ${t} WHERE ${purgeConditionAthena(p)}` : `UPDATE ${t} SET ${ident(p.column)} = NULL WHERE ${purgeConditionAthena(p)} AND ${ident(p.column)} IS NOT NULL`,
  }));
  if (out.length) out.push({ column: '', sql: snapshotExpiry(plan) }, { column: '', sql: `VACUUM ${checkName(plan.database, 'database')}.${ident(plan.table, 'table', 'ddl')}` });
  return out;
}

/** Per column in one query: nulls, approximate distinct count, min, max and the five most frequent values. */
export function profileAthena(plan: Pick<NormalizedTable, 'database' | 'table'>, columns: { name: string; type: string }[]): string {
  const parts = ['count(*) AS "rows"'];
  columns.forEach((c, i) => {
    const col = ident(c.name, 'column');
    const orderable = !/binary|array|map|struct|row/i.test(c.type);
    parts.push(`count(*) - count(${col}) AS "c${i}_nulls"`, `approx_distinct(${col}) AS "c${i}_distinct"`);
    parts.push(orderable ? `CAST(min(${col}) AS varchar) AS "c${i}_min", CAST(max(${col}) AS varchar) AS "c${i}_max"` : `NULL AS "c${i}_min", NULL AS "c${i}_max"`);
    parts.push(orderable ? `CAST(map_keys(approx_most_frequent(5, CAST(${col} AS varchar), 1000)) AS json) AS "c${i}_top"` : `NULL AS "c${i}_top"`);
  });
  return `SELECT ${parts.join(', ')} FROM ${qualified(plan.database, plan.table)}`;
}
