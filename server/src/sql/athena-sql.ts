/**
 * Statements for Athena: table DDL in Hive syntax (backticks), everything else in Trino syntax
 * (double quotes). Every name goes through `ident`, every value through `literal`; the hash salt is
 * an execution parameter.
 */
import { compileColumn } from './cleansing-sql';
import { hiveType } from './engine-types';
import { ident, literal, qualified, s3Location } from './identifiers';
import type { Duration, TablePlan } from './table-plan';

// Views, counts and previews read the same in Athena as in DuckDB.
export { countRows as countRowsAthena, createView as createViewAthena, preview as previewAthena } from './shared-sql';
import type { Statement } from './duckdb-sql';

const units: Record<Duration['unit'], string> = { d: 'DAY', m: 'MONTH', y: 'YEAR' };
const cutoff = (d: Duration) => `(current_date - INTERVAL '${d.n}' ${units[d.unit]})`;

export const stagingName = (plan: TablePlan) => `${plan.table}__staging`;

/** An Iceberg table as Athena creates it (CREATE TABLE … TBLPROPERTIES ('table_type'='ICEBERG')). */
export function createIcebergTable(plan: TablePlan): string {
  const cols = plan.columns.map((c) => `${ident(c.name, 'column', 'ddl')} ${hiveType(c.stored)}${c.comment ? ` COMMENT ${literal(c.comment.slice(0, 255), 'hive')}` : ''}`);
  const parts = plan.partitionBy.length ? ` PARTITIONED BY (${plan.partitionBy.map((p) => ident(p, 'partition column', 'ddl')).join(', ')})` : '';
  const comment = plan.description ? ` COMMENT ${literal(plan.description.slice(0, 2048), 'hive')}` : '';
  return `CREATE TABLE ${qualified(plan.database, plan.table, 'ddl')} (${cols.join(', ')})${comment}${parts} LOCATION ${s3Location(plan.location!, 'hive')} TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')`;
}

/** An external table over the raw extract: every column a string, in the spec's order. */
export function createStagingTable(plan: TablePlan): string {
  const s = plan.staging;
  const cols = plan.columns.map((c) => `${ident(c.name, 'column', 'ddl')} ${s.format === 'parquet' ? hiveType(c.target) : 'string'}`).join(', ');
  const name = qualified(plan.database, stagingName(plan), 'ddl');
  const location = s3Location(s.location, 'hive');
  if (s.format === 'parquet') return `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (${cols}) STORED AS PARQUET LOCATION ${location}`;
  const props: string[] = [];
  if (s.header) props.push(`'skip.header.line.count'='1'`);
  if (s.nullValue !== undefined) props.push(`'serialization.null.format'=${literal(s.nullValue, 'hive')}`);
  const tblprops = props.length ? ` TBLPROPERTIES (${props.join(', ')})` : '';
  if (s.format === 'csv') {
    return `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (${cols}) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar'=${literal(s.delimiter, 'hive')}, 'quoteChar'='"', 'escapeChar'='\\\\') STORED AS TEXTFILE LOCATION ${location}${tblprops}`;
  }
  const delimiter = s.delimiter === '\u0001' ? "'\\001'" : literal(s.delimiter, 'hive');
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (${cols}) ROW FORMAT DELIMITED FIELDS TERMINATED BY ${delimiter} STORED AS TEXTFILE LOCATION ${location}${tblprops}`;
}

export function dropStagingTable(plan: TablePlan): string {
  return `DROP TABLE IF EXISTS ${qualified(plan.database, stagingName(plan), 'ddl')}`;
}

interface Compiled {
  select: string[];
  failures: { column: string; expr: string }[];
  params: string[];
}

function compile(plan: TablePlan): Compiled {
  const out: Compiled = { select: [], failures: [], params: [] };
  for (const c of plan.columns) {
    const compiled = compileColumn(ident(c.name), plan.staging.format === 'parquet' ? c.inputKind : 'string', c.rules, c.target, c.encrypt, 'athena');
    out.select.push(`${compiled.expr} AS ${ident(c.name)}`);
    for (let i = 0; i < compiled.saltParams; i++) out.params.push('<salt>');
    if (compiled.failed) out.failures.push({ column: c.name, expr: compiled.failed });
  }
  return out;
}

/** The cleansed, converted and hashed rows of the staging table, as a subquery. */
export function stagedRows(plan: TablePlan): Statement {
  const c = compile(plan);
  return { sql: `SELECT ${c.select.join(', ')} FROM ${qualified(plan.database, stagingName(plan))}`, params: c.params };
}

/** One scan that counts the staged rows and the values that fail to convert, per column. */
export function failureCounts(plan: TablePlan): Statement & { columns: string[] } {
  const c = compile(plan);
  const counts = c.failures.map((f) => `count_if(${f.expr}) AS ${ident(`failed__${f.column}`)}`);
  return { sql: `SELECT count(*) AS staged${counts.length ? ', ' + counts.join(', ') : ''} FROM ${qualified(plan.database, stagingName(plan))}`, params: [], columns: c.failures.map((f) => f.column) };
}

const columnList = (plan: TablePlan) => plan.columns.map((c) => ident(c.name)).join(', ');

/**
 * Overwrite on Iceberg: the new rows go into a new table (CTAS); only when that succeeded is it
 * swapped in, so that a failed load leaves the old rows.
 */
export function overwriteSwap(plan: TablePlan, loadId: string): Statement[] {
  const staged = stagedRows(plan);
  const fresh = `${plan.table}__load_${loadId}`;
  const old = `${plan.table}__old_${loadId}`;
  const partitioning = plan.partitionBy.length ? `, partitioning = ARRAY[${plan.partitionBy.map((p) => literal(p, 'trino')).join(', ')}]` : '';
  const location = plan.location!.replace(/\/?$/, `/load_${loadId}/`);
  return [
    { sql: `CREATE TABLE ${qualified(plan.database, fresh)} WITH (table_type = 'ICEBERG', is_external = false, location = ${s3Location(location, 'trino')}${partitioning}) AS SELECT ${columnList(plan)} FROM (${staged.sql})`, params: staged.params },
    { sql: `ALTER TABLE ${qualified(plan.database, plan.table, 'ddl')} RENAME TO ${qualified(plan.database, old, 'ddl')}`, params: [] },
    { sql: `ALTER TABLE ${qualified(plan.database, fresh, 'ddl')} RENAME TO ${qualified(plan.database, plan.table, 'ddl')}`, params: [] },
    { sql: `DROP TABLE ${qualified(plan.database, old, 'ddl')}`, params: [] },
  ];
}

/** Append and upsert: one statement each (with partition replacement before an append of partitions). */
export function writeRows(plan: TablePlan): Statement[] {
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
  const order = plan.incrementalBy ? `${ident(plan.incrementalBy)} DESC NULLS LAST` : keys.join(', ');
  // MERGE takes one source row per key (a target row matching several is an error): the latest change wins.
  const source = `(SELECT ${cols} FROM (SELECT *, row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${order}) AS "_tablespec_rn" FROM (${staged.sql})) WHERE "_tablespec_rn" = 1)`;
  const on = keys.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const set = plan.columns.filter((c) => !plan.keys.includes(c.name)).map((c) => `${ident(c.name)} = s.${ident(c.name)}`);
  const values = plan.columns.map((c) => `s.${ident(c.name)}`).join(', ');
  return [{ sql: `MERGE INTO ${t} AS t USING ${source} AS s ON (${on})${set.length ? ` WHEN MATCHED THEN UPDATE SET ${set.join(', ')}` : ''} WHEN NOT MATCHED THEN INSERT (${cols}) VALUES (${values})`, params: staged.params }];
}

export function retentionAthena(plan: TablePlan): string | undefined {
  if (!plan.retention) return undefined;
  const dated = plan.partitionBy.find((p) => ['date', 'timestamp'].includes(plan.columns.find((c) => c.name === p)?.stored.kind ?? ''));
  return dated ? `DELETE FROM ${qualified(plan.database, plan.table)} WHERE ${ident(dated)} < ${cutoff(plan.retention)}` : undefined;
}

/** Purges, then VACUUM: old Iceberg snapshots keep purged values readable by time travel until they expire. */
export function purgesAthena(plan: TablePlan): { column: string; sql: string }[] {
  const t = qualified(plan.database, plan.table);
  const out = plan.purges.map((p) => ({
    column: p.column,
    sql: p.action === 'delete_row' ? `DELETE FROM ${t} WHERE ${ident(p.basis)} < ${cutoff(p.after)}` : `UPDATE ${t} SET ${ident(p.column)} = NULL WHERE ${ident(p.basis)} < ${cutoff(p.after)} AND ${ident(p.column)} IS NOT NULL`,
  }));
  if (out.length) out.push({ column: '', sql: `VACUUM ${t}` });
  return out;
}




/** Per column in one query: nulls, approximate distinct count, min, max and the five most frequent values. */
export function profileAthena(plan: Pick<TablePlan, 'database' | 'table'>, columns: { name: string; type: string }[]): string {
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
