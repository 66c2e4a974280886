/**
 * The queries that read a bounded sample of a table's values for the value scan: every column cast to
 * text, from the staging extract (local) or the loaded table. Names go through `ident`, paths through
 * `literal`; no value is ever written into SQL.
 */
import { stagingReader } from '../sql/duckdb-sql';
import { ident, qualified } from '../sql/identifiers';
import type { NormalizedTable } from '../sql/normalized-table';

/** Rows a scan reads by default, and at most (the issue's bound: a sample, never the whole table). */
export const defaultSampleRows = 100_000;
export const maxSampleRows = 1_000_000;

// A fixed seed: the same extract gives the same sample, so a finding can be looked at again.
const seed = 7;

/**
 * DuckDB hands a million strings to JavaScript slowly (about a microsecond each), a few long ones fast:
 * so the sample comes back packed, each column's values of 65,536 rows joined by the record separator
 * (chr(30), replaced by a blank inside values), with the row and non-NULL counts of each group.
 */
export const packSeparator = '\x1e';
/** The packed result's own column names start with this, so that they never meet a spec's. */
export const packPrefix = 'tablespec__';

function packed(sample: string, columns: string[]): string {
  const aggregates = columns.map(
    (c, i) => `count(${ident(c)}) AS ${ident(`${packPrefix}n${i}`, 'column')}, string_agg(replace(${ident(c)}, chr(30), ' '), chr(30)) AS ${ident(`${packPrefix}v${i}`, 'column')}`,
  );
  return `SELECT count(*) AS ${ident(`${packPrefix}n`, 'column')}, ${aggregates.join(', ')} FROM (SELECT *, (row_number() OVER ()) // 65536 AS ${ident(`${packPrefix}g`, 'column')} FROM (${sample})) GROUP BY ${ident(`${packPrefix}g`, 'column')}`;
}

/** DuckDB: a reservoir sample of the extract, columns as the spec names them, packed. */
export function sampleStagingDuckdb(plan: NormalizedTable, path: string, rows: number, columns: string[]): string {
  const input = (name: string) => {
    const c = plan.columns.find((x) => x.name === name)!;
    return plan.staging.format === 'parquet' ? ident(c.source.toLowerCase(), 'source column') : ident(c.name);
  };
  const select = columns.map((c) => `CAST(${input(c)} AS VARCHAR) AS ${ident(c)}`).join(', ');
  return packed(`SELECT ${select} FROM ${stagingReader(plan, path)} USING SAMPLE reservoir(${Math.trunc(rows)} ROWS) REPEATABLE (${seed})`, columns);
}

/** DuckDB: a reservoir sample of the loaded table, packed. */
export function sampleTableDuckdb(plan: NormalizedTable, rows: number, columns: string[]): string {
  const select = columns.map((c) => `CAST(${ident(c)} AS VARCHAR) AS ${ident(c)}`).join(', ');
  return packed(`SELECT ${select} FROM ${qualified(plan.database, plan.table)} USING SAMPLE reservoir(${Math.trunc(rows)} ROWS) REPEATABLE (${seed})`, columns);
}

/** Athena: the first rows of the loaded table (Athena's TABLESAMPLE takes a percentage, not a count). */
export function sampleTableAthena(plan: NormalizedTable, rows: number, columns: string[]): string {
  const select = columns.map((c) => `CAST(${ident(c)} AS varchar) AS ${ident(c)}`).join(', ');
  return `SELECT ${select} FROM ${qualified(plan.database, plan.table)} LIMIT ${Math.trunc(rows)}`;
}
