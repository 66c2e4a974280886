/**
 * Statements for the local DuckDB engine. Every name goes through `ident`, every value through
 * `literal`; the hash salt is a parameter.
 */
import * as l10n from '@vscode/l10n';
import type { Change } from './table-changes';
import { compileColumn } from './cleansing-sql';
import { duckdbType } from './engine-types';
import { ident, literal, qualified, SqlSafetyError } from './identifiers';
import { shellQuote } from '../core/shell-quote';
import type { Duration, NormalizedTable } from './normalized-table';

export { countRows, createView, isPersonal, preview } from './shared-sql';
import { isPersonal, rejectedValueChars } from './shared-sql';

export const stageTable = 'tablespec_stage';

export interface Statement {
  sql: string;
  params: string[];
}

const units: Record<Duration['unit'], string> = { d: 'DAY', m: 'MONTH', y: 'YEAR' };
const cutoff = (d: Duration) => `(current_date - INTERVAL ${d.n} ${units[d.unit]})`;

export function createTable(plan: NormalizedTable): string[] {
  const cols = plan.columns.map((c) => `${ident(c.name, 'column')} ${duckdbType(c.stored)}${c.nullable ? '' : ' NOT NULL'}`);
  const t = qualified(plan.database, plan.table);
  const out = [`CREATE SCHEMA IF NOT EXISTS ${ident(plan.database, 'database')}`, `CREATE TABLE ${t} (${cols.join(', ')})`];
  if (plan.description) out.push(`COMMENT ON TABLE ${t} IS ${literal(plan.description)}`);
  for (const c of plan.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${t}.${ident(c.name)} IS ${literal(c.comment)}`);
  return out;
}

/** The statements that apply safe and destructive changes in place; rewrites rebuild the table. */
export function alterTable(plan: NormalizedTable, changes: Change[]): string[] {
  const t = qualified(plan.database, plan.table);
  const out: string[] = [];
  for (const ch of changes) {
    const column = ch.target.split('.')[2];
    const planned = plan.columns.find((c) => c.name === column);
    if (ch.kind === 'add-column' && planned) out.push(`ALTER TABLE ${t} ADD COLUMN ${ident(planned.name)} ${duckdbType(planned.stored)}`);
    if (ch.kind === 'drop-column' && column) out.push(`ALTER TABLE ${t} DROP COLUMN ${ident(column, 'column')}`);
    if (ch.kind === 'retype-column' && planned)
      out.push(`ALTER TABLE ${t} ALTER COLUMN ${ident(planned.name)} TYPE ${duckdbType(planned.stored)} USING TRY_CAST(${ident(planned.name)} AS ${duckdbType(planned.stored)})`);
    if (ch.kind === 'comment' && planned) out.push(`COMMENT ON COLUMN ${t}.${ident(planned.name)} IS ${planned.comment ? literal(planned.comment) : 'NULL'}`);
  }
  if (changes.some((c) => c.kind === 'properties')) out.push(`COMMENT ON TABLE ${t} IS ${plan.description ? literal(plan.description) : 'NULL'}`);
  return out;
}

/** The `read_csv` / `read_parquet` call over the extract. */
export function stagingReader(plan: NormalizedTable, path: string): string {
  const s = plan.staging;
  if (s.format === 'parquet') return `read_parquet(${literal(path)})`;
  if (!/^utf-?8$/i.test(s.encoding)) {
    const tmp = `${path}.utf8`;
    const command = `iconv -f ${shellQuote(s.encoding)} -t UTF-8 ${shellQuote(path)} > ${shellQuote(tmp)} && mv ${shellQuote(tmp)} ${shellQuote(path)}`;
    throw new SqlSafetyError(l10n.t('The local engine reads UTF-8 extracts only; convert {0} first, then set `source.staging.encoding` to UTF-8:\n  {1}', path, command));
  }
  // Columns by position, named as the spec names them, every one text: conversions are the load's job.
  const options = [
    `header = ${s.header}`,
    `delim = ${literal(s.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    `auto_detect = false`,
    `columns = {${plan.columns.map((c) => `${literal(c.name)}: 'VARCHAR'`).join(', ')}}`,
  ];
  if (s.nullValue !== undefined) options.push(`nullstr = ${literal(s.nullValue)}`);
  return `read_csv(${literal(path)}, ${options.join(', ')})`;
}

/**
 * The extract as the load sees it: every column cleansed, converted and hashed, with a failure flag per
 * converted column when `failures` is set. The load stages it; verify compares the table with it.
 */
export function stagedSelect(plan: NormalizedTable, path: string, failures = true): Statement & { failureColumns: string[] } {
  const params: string[] = [];
  const select: string[] = [];
  const failureColumns: string[] = [];
  for (const c of plan.columns) {
    const input = plan.staging.format === 'parquet' ? ident(c.source.toLowerCase(), 'source column') : ident(c.name);
    const compiled = compileColumn(input, plan.staging.format === 'parquet' ? c.inputKind : 'string', c.rules, c.target, c.encrypt, 'duckdb');
    select.push(`${compiled.expr} AS ${ident(c.name)}`);
    for (let i = 0; i < compiled.saltParams; i++) params.push('<salt>');
    if (compiled.failed && failures) {
      select.push(`(${compiled.failed}) AS ${ident(`failed__${c.name}`.slice(0, 255), 'column')}`);
      failureColumns.push(c.name);
    }
  }
  return { sql: `SELECT ${select.join(', ')} FROM ${stagingReader(plan, path)}`, params, failureColumns };
}

/** Stages the extract: every column cleansed, converted and hashed, with a failure flag per converted column. */
export function stage(plan: NormalizedTable, path: string): Statement & { failureColumns: string[] } {
  const staged = stagedSelect(plan, path);
  return { ...staged, sql: `CREATE OR REPLACE TEMP TABLE ${ident(stageTable)} AS ${staged.sql}` };
}

/**
 * A bounded sample of the extract's rows holding a value that did not convert, in the file's order: the raw
 * text of each column (cut to 200 characters), a personal column's length only, a failure flag per
 * converted column and the row's number in the extract (`row__`, from 1).
 */
export function rejectedSample(plan: NormalizedTable, path: string, limit: number): string {
  const select: string[] = ['row_number() OVER () AS "row__"'];
  const failed: string[] = [];
  for (const c of plan.columns) {
    const input = plan.staging.format === 'parquet' ? ident(c.source.toLowerCase(), 'source column') : ident(c.name);
    const text = `CAST(${input} AS VARCHAR)`;
    select.push(isPersonal(c) ? `length(${text}) AS ${ident(`len__${c.name}`.slice(0, 255), 'column')}` : `left(${text}, ${rejectedValueChars}) AS ${ident(`raw__${c.name}`.slice(0, 255), 'column')}`);
    const compiled = compileColumn(input, plan.staging.format === 'parquet' ? c.inputKind : 'string', c.rules, c.target, c.encrypt, 'duckdb');
    if (compiled.failed) {
      const flag = ident(`failed__${c.name}`.slice(0, 255), 'column');
      select.push(`coalesce(${compiled.failed}, false) AS ${flag}`);
      failed.push(flag);
    }
  }
  if (!failed.length) return `SELECT 1 WHERE false`;
  return `SELECT * FROM (SELECT ${select.join(', ')} FROM ${stagingReader(plan, path)}) WHERE ${failed.join(' OR ')} ORDER BY "row__" LIMIT ${Math.max(1, Math.trunc(limit))}`;
}

export function stageCounts(failureColumns: string[]): string {
  const sums = failureColumns.map((c) => `count_if(${ident(`failed__${c}`)}) AS ${ident(`failed__${c}`)}`);
  return `SELECT count(*) AS staged${sums.length ? ', ' + sums.join(', ') : ''} FROM ${ident(stageTable)}`;
}

/**
 * One row per upsert key of `relation`: MERGE takes one source row per key, and the latest change wins.
 * A key NULL after conversion never matches: it would be inserted again on every load, so it is left out (and counted).
 */
export function latestPerKey(plan: NormalizedTable, relation: string): string {
  const keys = plan.keys.map((k) => ident(k, 'key column'));
  const order = plan.incrementalBy ? `${ident(plan.incrementalBy)} DESC NULLS LAST` : keys.join(', ');
  return `SELECT * FROM ${relation} WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')} QUALIFY row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${order}) = 1`;
}

const columnList = (plan: NormalizedTable) => plan.columns.map((c) => ident(c.name)).join(', ');

/** The statements that write the staged rows by the spec's mode (run in one transaction). */
export function write(plan: NormalizedTable): string[] {
  const t = qualified(plan.database, plan.table);
  const cols = columnList(plan);
  const insert = `INSERT INTO ${t} (${cols}) SELECT ${cols} FROM ${ident(stageTable)}`;
  switch (plan.mode) {
    case 'overwrite':
      return [`DELETE FROM ${t}`, insert];
    case 'append':
      if (plan.partitionBy.length) {
        // Partition replacement: re-running a batch replaces its partitions instead of adding them twice.
        // IS NOT DISTINCT FROM: a NULL partition (a sentinel date) is replaced too, which IN would never match.
        const same = plan.partitionBy.map((p) => `t.${ident(p, 'partition column')} IS NOT DISTINCT FROM s.${ident(p)}`).join(' AND ');
        return [`DELETE FROM ${t} AS t WHERE EXISTS (SELECT 1 FROM ${ident(stageTable)} AS s WHERE ${same})`, insert];
      }
      return [insert];
    case 'upsert': {
      const keys = plan.keys.map((k) => ident(k, 'key column'));
      const source = `(${latestPerKey(plan, ident(stageTable))})`;
      const on = keys.map((k) => `t.${k} = s.${k}`).join(' AND ');
      const set = plan.columns.filter((c) => !plan.keys.includes(c.name)).map((c) => `${ident(c.name)} = s.${ident(c.name)}`);
      const values = plan.columns.map((c) => `s.${ident(c.name)}`).join(', ');
      return [`MERGE INTO ${t} AS t USING ${source} AS s ON ${on}${set.length ? ` WHEN MATCHED THEN UPDATE SET ${set.join(', ')}` : ''} WHEN NOT MATCHED THEN INSERT (${cols}) VALUES (${values})`];
    }
  }
}

/** The condition of the rows retention deletes, when the spec has retention and a dated partition. */
export function retentionCondition(plan: NormalizedTable): string | undefined {
  if (!plan.retention) return undefined;
  const dated = plan.partitionBy.find((p) => {
    const c = plan.columns.find((x) => x.name === p);
    return c && (c.stored.kind === 'date' || c.stored.kind === 'timestamp');
  });
  if (!dated) return undefined;
  return `${ident(dated)} < ${cutoff(plan.retention)}`;
}

export function retentionDuckdb(plan: NormalizedTable): string | undefined {
  const condition = retentionCondition(plan);
  return condition ? `DELETE FROM ${qualified(plan.database, plan.table)} WHERE ${condition}` : undefined;
}

/** The condition of the rows a purge acts on (deletes, or nulls the column of). */
export function purgeCondition(p: NormalizedTable['purges'][number]): string {
  return `${ident(p.basis)} < ${cutoff(p.after)}`;
}

export function purgesDuckdb(plan: NormalizedTable): { column: string; sql: string; deletes: boolean }[] {
  const t = qualified(plan.database, plan.table);
  return plan.purges.map((p) => ({
    column: p.column,
    deletes: p.action === 'delete_row',
    sql: p.action === 'delete_row' ? `DELETE FROM ${t} WHERE ${purgeCondition(p)}` : `UPDATE ${t} SET ${ident(p.column)} = NULL WHERE ${purgeCondition(p)} AND ${ident(p.column)} IS NOT NULL`,
  }));
}

/** Per column in one query: nulls, distinct (approximate), min, max and the top values. */
export function profileDuckdb(plan: Pick<NormalizedTable, 'database' | 'table'>, columns: { name: string; type: string }[]): string {
  const parts = ['count(*) AS "rows"'];
  columns.forEach((c, i) => {
    const col = ident(c.name, 'column');
    const orderable = !/BLOB|\[\]|MAP|STRUCT/i.test(c.type);
    parts.push(`count(*) - count(${col}) AS "c${i}_nulls"`, `approx_count_distinct(${col}) AS "c${i}_distinct"`);
    parts.push(orderable ? `CAST(min(${col}) AS VARCHAR) AS "c${i}_min", CAST(max(${col}) AS VARCHAR) AS "c${i}_max"` : `NULL AS "c${i}_min", NULL AS "c${i}_max"`);
    parts.push(orderable ? `CAST(approx_top_k(${col}, 5) AS VARCHAR[]) AS "c${i}_top"` : `NULL AS "c${i}_top"`);
  });
  return `SELECT ${parts.join(', ')} FROM ${qualified(plan.database, plan.table)}`;
}
