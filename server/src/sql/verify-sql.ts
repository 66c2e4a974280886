/**
 * The SQL of `verify` on the local engine: counts, checksums and sampled rows over two relations that hold
 * the spec's columns, the source side (the extract, cleansed, converted and hashed by the load's own SQL)
 * and the target (the loaded table). Every query returns aggregates or a bounded set of rows; nothing
 * compares values outside the engine but the rows of a bucket already narrowed down, or of the sample.
 */
import type { GlueType } from '../glue/glue-type';
import { checkName, ident, literal, qualified } from './identifiers';
import { duckdbType, trinoType } from './engine-types';
import { latestPerKey, purgeCondition, retentionCondition, stagedSelect } from './duckdb-sql';
import { latestPerKeyAthena, purgeConditionAthena, retentionConditionAthena, stagedRows } from './athena-sql';
import type { NormalizedTable } from './normalized-table';
import { aggText, floatDigits, keyText, limited, remainder, textHash, valueText, type VerifyFlavor } from './verify-dialect';

export { floatDigits, type VerifyFlavor } from './verify-dialect';

/**
 * A relation with the spec's columns, the `?` parameters (the hash salt) its SQL takes, in order, and
 * the SQL it is read with (`duckdb` when absent: DuckDB with its own hash).
 */
export interface VerifySide {
  relation: string;
  params: string[];
  flavor?: VerifyFlavor;
}

const flavorOf = (side: VerifySide): VerifyFlavor => side.flavor ?? 'duckdb';
const portable = (f: VerifyFlavor): f is Exclude<VerifyFlavor, 'duckdb'> => f !== 'duckdb';
const storedOf = (plan: NormalizedTable, column: string) => plan.columns.find((c) => c.name === column)!.stored;

/** What a column contributes to a checksum: nulls and a hash always, a sum for exact numbers, min/max for dates. */
export interface ColumnChecks {
  name: string;
  sum: boolean;
  range: boolean;
}

const exactNumber = (t: GlueType) => ['tinyint', 'smallint', 'int', 'bigint', 'decimal'].includes(t.kind);
const dated = (t: GlueType) => t.kind === 'date' || t.kind === 'timestamp';

export function columnChecks(plan: NormalizedTable): ColumnChecks[] {
  return plan.columns.map((c) => ({ name: c.name, sum: exactNumber(c.stored), range: dated(c.stored) }));
}

/**
 * A column as it is compared: floating point rounded to `floatDigits` places and timestamps cut to the
 * millisecond (the stated tolerance), everything else as stored.
 */
export function canonical(plan: NormalizedTable, column: string): string {
  const c = plan.columns.find((x) => x.name === column)!;
  const col = ident(c.name, 'column');
  if (c.stored.kind === 'float' || c.stored.kind === 'double') return `round(CAST(${col} AS DOUBLE), ${floatDigits})`;
  if (c.stored.kind === 'timestamp') return `date_trunc('millisecond', ${col})`;
  return col;
}

const asText = (e: string) => `CAST(${e} AS VARCHAR)`;

/** A column as compared row by row: text, the same characters on both sides. */
function comparedText(plan: NormalizedTable, column: string, f: VerifyFlavor): string {
  return portable(f) ? valueText(ident(column, 'column'), storedOf(plan, column), f) : asText(canonical(plan, column));
}

/** A column's contribution to the order-independent hash sum (NULL for a NULL value). */
function valueHash(plan: NormalizedTable, column: string, f: VerifyFlavor): string {
  return portable(f) ? textHash(valueText(ident(column, 'column'), storedOf(plan, column), f), f) : `hash(${canonical(plan, column)})`;
}

/**
 * The extract as the load leaves it in the table: staged by the load's own SQL (`stagedSelect`), one row per
 * key for an upsert (the load's own `latestPerKey`), less what retention and `delete_row` purges delete,
 * with nullifying purges applied. A NULL condition deletes nothing, as in the load's DELETE.
 */
export function extractSide(plan: NormalizedTable, path: string, salt: string | undefined): VerifySide {
  const staged = stagedSelect(plan, path, false);
  let relation = `(${staged.sql}) AS staged`;
  if (plan.mode === 'upsert' && plan.keys.length) relation = `(${latestPerKey(plan, relation)}) AS latest`;
  const deleted = [retentionCondition(plan), ...plan.purges.filter((p) => p.action === 'delete_row').map(purgeCondition)].filter((c): c is string => !!c);
  const nulled = plan.purges.filter((p) => p.action === 'nullify');
  const replace = nulled.length ? ` REPLACE (${nulled.map((p) => `CASE WHEN ${purgeCondition(p)} THEN NULL ELSE ${ident(p.column, 'column')} END AS ${ident(p.column, 'column')}`).join(', ')})` : '';
  const where = deleted.length ? ` WHERE ${deleted.map((c) => `NOT coalesce(${c}, FALSE)`).join(' AND ')}` : '';
  const columns = plan.columns.map((c) => ident(c.name, 'column')).join(', ');
  return { relation: `(SELECT ${columns} FROM (SELECT *${replace} FROM ${relation}${where})) AS source_side`, params: staged.params.map(() => salt ?? '') };
}

/**
 * The staging table on Athena as the load leaves it in the table: the load's own `stagedRows` (cleansing,
 * conversions, `sha256` with the salt read from the one-row salt table), one row per key for an upsert
 * (the load's own `latestPerKeyAthena`), less what retention and `delete_row` purges delete, with
 * nullifying purges applied. The staging and salt tables are the load's (createStagingTable, createSaltTable).
 */
export function athenaExtractSide(plan: NormalizedTable): VerifySide {
  const staged = stagedRows(plan);
  const relation = plan.mode === 'upsert' && plan.keys.length ? `(${latestPerKeyAthena(plan, staged.sql)})` : `(${staged.sql})`;
  const deleted = [retentionConditionAthena(plan), ...plan.purges.filter((p) => p.action === 'delete_row').map(purgeConditionAthena)].filter((c): c is string => !!c);
  const select = plan.columns.map((c) => {
    const col = ident(c.name, 'column');
    const purge = plan.purges.find((p) => p.action === 'nullify' && p.column === c.name);
    return purge ? `CASE WHEN ${purgeConditionAthena(purge)} THEN NULL ELSE ${col} END AS ${col}` : col;
  });
  const where = deleted.length ? ` WHERE ${deleted.map((c) => `NOT coalesce(${c}, FALSE)`).join(' AND ')}` : '';
  return { relation: `(SELECT ${select.join(', ')} FROM ${relation} AS staged${where}) AS source_side`, params: [], flavor: 'trino' };
}

export const verifyStage = 'tablespec_verify_source';

/**
 * The source side kept in a temporary table of the same engine, so that the extract is read and
 * converted once however many levels tier 2 drills down: the statement, and the side that reads it.
 */
export function keepSide(side: VerifySide): { statement: string; params: string[]; side: VerifySide; drop: string } {
  return {
    statement: `CREATE OR REPLACE TEMP TABLE ${ident(verifyStage)} AS SELECT * FROM ${side.relation}`,
    params: side.params,
    side: { relation: `${ident(verifyStage)} AS source_side`, params: [] },
    drop: `DROP TABLE IF EXISTS ${ident(verifyStage)}`,
  };
}

/**
 * The loaded table. For an upsert, only the rows whose key is in `scope` (the extract on the same engine):
 * the table holds earlier loads too.
 */
export function tableSide(plan: NormalizedTable, scope?: VerifySide, flavor: VerifyFlavor = 'duckdb'): VerifySide {
  const columns = plan.columns.map((c) => ident(c.name, 'column')).join(', ');
  const t = qualified(plan.database, plan.table);
  if (!scope || plan.mode !== 'upsert' || !plan.keys.length) return { relation: `(SELECT ${columns} FROM ${t}) AS target_side`, params: [], flavor };
  const same = plan.keys.map((k) => `source_side.${ident(k, 'key column')} = t.${ident(k, 'key column')}`).join(' AND ');
  return { relation: `(SELECT ${columns} FROM ${t} AS t WHERE EXISTS (SELECT 1 FROM ${scope.relation} WHERE ${same})) AS target_side`, params: scope.params, flavor };
}

/** A partition of the table: its columns' values as text (NULL as null); `{}` for an unpartitioned table. */
export type PartitionValue = Record<string, string | null>;

const partitionText = (plan: NormalizedTable, p: string, f: VerifyFlavor) => (portable(f) ? valueText(ident(p, 'partition column'), storedOf(plan, p), f) : asText(ident(p, 'partition column')));
const partitionSelect = (plan: NormalizedTable, f: VerifyFlavor) => plan.partitionBy.map((p, i) => `${partitionText(plan, p, f)} AS "p__${i}"`);
// Oracle has no GROUP BY position: the expressions are written again (the others take positions).
const groupBy = (items: string[], f: VerifyFlavor) =>
  items.length ? ` GROUP BY ${f === 'oracle' ? items.map((x) => x.replace(/ AS "[a-z0-9_]+"$/, '')).join(', ') : items.map((_x, i) => i + 1).join(', ')}` : '';

// The value read back as text, cast to the column's type: a typed comparison lets the engine skip row
// groups by their min/max, which a comparison of the column cast to text would not.
function partitionFilter(plan: NormalizedTable, partition: PartitionValue, f: VerifyFlavor): string[] {
  return plan.partitionBy.map((p) => {
    const v = partition[p];
    const col = ident(p, 'partition column');
    const stored = storedOf(plan, p);
    if (v === null || v === undefined) return `${col} IS NULL`;
    // Oracle's side is computed rows, not a partitioned table: its canonical text is compared.
    if (f === 'oracle') return `${partitionText(plan, p, f)} = ${literal(v)}`;
    return `${col} = CAST(${literal(v, f === 'trino' ? 'trino' : 'duckdb')} AS ${f === 'trino' ? trinoType(stored) : duckdbType(stored)})`;
  });
}

/** The key hash rows are bucketed and sampled by: the primary key, or the whole row when there is none. */
export function keyHash(plan: NormalizedTable, f: VerifyFlavor = 'duckdb', seed?: number): string {
  const keys = plan.primaryKey?.length ? plan.primaryKey : plan.columns.map((c) => c.name);
  if (!portable(f)) return `hash(${[...(seed !== undefined ? [String(Math.floor(seed))] : []), ...keys.map((k) => canonical(plan, k))].join(', ')})`;
  return textHash(
    keyText(
      keys.map((k) => ({ expr: ident(k, 'key column'), type: storedOf(plan, k) })),
      f,
      seed,
    ),
    f,
  );
}

/** Tier 1: rows per partition. */
export function countSql(plan: NormalizedTable, side: VerifySide): string {
  const f = flavorOf(side);
  const parts = partitionSelect(plan, f);
  return `SELECT ${[...parts, 'count(*) AS "n"'].join(', ')} FROM ${side.relation}${groupBy(parts, f)}`;
}

/** Where a bucket lies: rows whose key hash modulo `modulus` is one of `buckets`. */
export interface BucketScope {
  partition: PartitionValue;
  modulus: number;
  buckets: number[];
}

/**
 * Tier 2: per partition (or, within `scope`, per bucket of the key hash modulo `groupModulus`) the row
 * count, and per column its nulls, the sum of its values' hashes (order-independent, and unlike XOR not
 * cancelled by a duplicated row), the sum of exact numbers and the range of dates.
 */
export function checksumSql(plan: NormalizedTable, side: VerifySide, scope?: BucketScope, groupModulus?: number): string {
  const f = flavorOf(side);
  const groups = partitionSelect(plan, f);
  if (groupModulus) groups.push(`${remainder(keyHash(plan, f), groupModulus, f)} AS "b"`);
  const aggs = ['count(*) AS "n"'];
  columnChecks(plan).forEach((c, i) => {
    const col = ident(c.name, 'column');
    // The portable hash of a NULL is NULL, which sum() leaves out; DuckDB's hash(NULL) is a number.
    const hashes = portable(f) ? aggText(`sum(${valueHash(plan, c.name, f)})`, f) : `CAST(sum(${valueHash(plan, c.name, f)}) FILTER (WHERE ${col} IS NOT NULL) AS VARCHAR)`;
    aggs.push(`count(*) - count(${col}) AS "c${i}_nulls"`, `${hashes} AS "c${i}_hash"`);
    if (c.sum) aggs.push(`${aggText(`sum(${col})`, f)} AS "c${i}_sum"`);
    // Dates as canonical text: the range compares the same across engines.
    const stored = storedOf(plan, c.name);
    if (c.range)
      aggs.push(
        `${portable(f) ? valueText(`min(${col})`, stored, f) : asText(`min(${col})`)} AS "c${i}_min"`,
        `${portable(f) ? valueText(`max(${col})`, stored, f) : asText(`max(${col})`)} AS "c${i}_max"`,
      );
  });
  const where = scope ? whereOf(plan, scope, f) : '';
  return `SELECT ${[...groups, ...aggs].join(', ')} FROM ${side.relation}${where}${groupBy(groups, f)}`;
}

function whereOf(plan: NormalizedTable, scope: BucketScope, f: VerifyFlavor): string {
  const conditions = partitionFilter(plan, scope.partition, f);
  if (scope.modulus > 1) conditions.push(`${remainder(keyHash(plan, f), scope.modulus, f)} IN (${scope.buckets.map((b) => String(Math.floor(b))).join(', ')})`);
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** The rows of a few small buckets, every column as compared (text), at most `limit` of them. */
export function bucketRowsSql(plan: NormalizedTable, side: VerifySide, scope: BucketScope, limit: number): string {
  const f = flavorOf(side);
  return limited(`SELECT ${rowColumns(plan, f)} FROM ${side.relation}${whereOf(plan, scope, f)}`, limit, f);
}

function rowColumns(plan: NormalizedTable, f: VerifyFlavor): string {
  return [...partitionSelect(plan, f), ...plan.columns.map((c, i) => `${comparedText(plan, c.name, f)} AS "v__${i}"`)].join(', ');
}

/**
 * Tier 3: the rows whose seeded key hash falls below `perMillion` in a million. The same seed picks the
 * same keys on both sides, whatever order the rows lie in; no list of keys travels.
 */
export function sampleSql(plan: NormalizedTable, side: VerifySide, seed: number, perMillion: number, limit: number): string {
  const f = flavorOf(side);
  return limited(`SELECT ${rowColumns(plan, f)} FROM ${side.relation} WHERE ${remainder(keyHash(plan, f, seed), 1000000, f)} < ${Math.floor(perMillion)}`, limit, f);
}

/**
 * Tier 1 from Iceberg metadata on Athena: per partition, the record counts of its data files and how many
 * delete files it has ("Querying Iceberg table metadata", `"t$files"`: content 0 is data, 1 position
 * deletes, 2 equality deletes; https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-table-metadata.html).
 * Where a partition has no delete file its count is exact without reading a row; the file sizes are what a
 * scan of the partition reads at most (the estimate before running).
 */
export function icebergCountSql(plan: NormalizedTable): string {
  const files = `${ident(plan.database, 'database')}."${checkName(plan.table, 'table')}$files"`;
  const parts = plan.partitionBy.map((p, i) => `${valueText(`"partition".${ident(p, 'partition column')}`, storedOf(plan, p), 'trino')} AS "p__${i}"`);
  const aggs = ['sum(CASE WHEN content = 0 THEN record_count ELSE 0 END) AS "n"', 'count_if(content <> 0) AS "deletes"', 'sum(file_size_in_bytes) AS "bytes"'];
  return `SELECT ${[...parts, ...aggs].join(', ')} FROM ${files}${groupBy(parts, 'trino')}`;
}

/** Tier 1 by a scan of some partitions only (those whose metadata count is not exact). */
export function scanCountSql(plan: NormalizedTable, side: VerifySide, partitions: PartitionValue[]): string {
  const f = flavorOf(side);
  const parts = partitionSelect(plan, f);
  const where = partitions.length && plan.partitionBy.length ? ` WHERE ${partitions.map((p) => `(${partitionFilter(plan, p, f).join(' AND ')})`).join(' OR ')}` : '';
  return `SELECT ${[...parts, 'count(*) AS "n"'].join(', ')} FROM ${side.relation}${where}${groupBy(parts, f)}`;
}
