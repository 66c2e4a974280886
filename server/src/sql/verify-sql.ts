/**
 * The SQL of `verify` on the local engine: counts, checksums and sampled rows over two relations that hold
 * the spec's columns, the source side (the extract, cleansed, converted and hashed by the load's own SQL)
 * and the target (the loaded table). Every query returns aggregates or a bounded set of rows; nothing
 * compares values outside the engine but the rows of a bucket already narrowed down, or of the sample.
 */
import type { GlueType } from '../glue/glue-type';
import { ident, literal, qualified } from './identifiers';
import { duckdbType } from './engine-types';
import { latestPerKey, purgeCondition, retentionCondition, stagedSelect } from './duckdb-sql';
import type { NormalizedTable } from './normalized-table';

/** A relation with the spec's columns, and the `?` parameters (the hash salt) its SQL takes, in order. */
export interface VerifySide {
  relation: string;
  params: string[];
}

/** Decimal places a floating-point value is compared to: sums of doubles depend on the order of addition. */
export const floatDigits = 6;

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

export const verifyStage = 'tablespec_verify_source';

/**
 * The source side kept in a temporary table of the same engine, so that the extract is read and
 * converted once however many levels tier 2 drills down: the statement, and the side that reads it.
 */
export function keepSide(side: VerifySide): { statement: string; params: string[]; side: VerifySide; drop: string } {
  return { statement: `CREATE OR REPLACE TEMP TABLE ${ident(verifyStage)} AS SELECT * FROM ${side.relation}`, params: side.params, side: { relation: `${ident(verifyStage)} AS source_side`, params: [] }, drop: `DROP TABLE IF EXISTS ${ident(verifyStage)}` };
}

/**
 * The loaded table. For an upsert, only the rows whose key is in `scope` (the extract on the same engine):
 * the table holds earlier loads too.
 */
export function tableSide(plan: NormalizedTable, scope?: VerifySide): VerifySide {
  const columns = plan.columns.map((c) => ident(c.name, 'column')).join(', ');
  const t = qualified(plan.database, plan.table);
  if (!scope || plan.mode !== 'upsert' || !plan.keys.length) return { relation: `(SELECT ${columns} FROM ${t}) AS target_side`, params: [] };
  const same = plan.keys.map((k) => `source_side.${ident(k, 'key column')} = t.${ident(k, 'key column')}`).join(' AND ');
  return { relation: `(SELECT ${columns} FROM ${t} AS t WHERE EXISTS (SELECT 1 FROM ${scope.relation} WHERE ${same})) AS target_side`, params: scope.params };
}

/** A partition of the table: its columns' values as text (NULL as null); `{}` for an unpartitioned table. */
export type PartitionValue = Record<string, string | null>;

const partitionSelect = (plan: NormalizedTable) => plan.partitionBy.map((p, i) => `${asText(ident(p, 'partition column'))} AS "p__${i}"`);

// The value read back as text, cast to the column's type: a typed comparison lets the engine skip row
// groups by their min/max, which a comparison of the column cast to text would not.
function partitionFilter(plan: NormalizedTable, partition: PartitionValue): string[] {
  return plan.partitionBy.map((p) => {
    const v = partition[p];
    const col = ident(p, 'partition column');
    const stored = plan.columns.find((c) => c.name === p)!.stored;
    return v === null || v === undefined ? `${col} IS NULL` : `${col} = CAST(${literal(v)} AS ${duckdbType(stored)})`;
  });
}

/** The key hash rows are bucketed and sampled by: the primary key, or the whole row when there is none. */
export function keyHash(plan: NormalizedTable): string {
  const keys = plan.primaryKey?.length ? plan.primaryKey : plan.columns.map((c) => c.name);
  return `hash(${keys.map((k) => canonical(plan, k)).join(', ')})`;
}

/** Tier 1: rows per partition. */
export function countSql(plan: NormalizedTable, side: VerifySide): string {
  const parts = partitionSelect(plan);
  return `SELECT ${[...parts, 'count(*) AS "n"'].join(', ')} FROM ${side.relation}${parts.length ? ` GROUP BY ${parts.map((_p, i) => i + 1).join(', ')}` : ''}`;
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
  const groups = partitionSelect(plan);
  if (groupModulus) groups.push(`${keyHash(plan)} % ${Math.floor(groupModulus)} AS "b"`);
  const aggs = ['count(*) AS "n"'];
  columnChecks(plan).forEach((c, i) => {
    const col = ident(c.name, 'column');
    aggs.push(`count(*) - count(${col}) AS "c${i}_nulls"`, `CAST(sum(hash(${canonical(plan, c.name)})) FILTER (WHERE ${col} IS NOT NULL) AS VARCHAR) AS "c${i}_hash"`);
    if (c.sum) aggs.push(`CAST(sum(${col}) AS VARCHAR) AS "c${i}_sum"`);
    if (c.range) aggs.push(`CAST(min(${col}) AS VARCHAR) AS "c${i}_min"`, `CAST(max(${col}) AS VARCHAR) AS "c${i}_max"`);
  });
  const where = scope ? whereOf(plan, scope) : '';
  return `SELECT ${[...groups, ...aggs].join(', ')} FROM ${side.relation}${where}${groups.length ? ` GROUP BY ${groups.map((_g, i) => i + 1).join(', ')}` : ''}`;
}

function whereOf(plan: NormalizedTable, scope: BucketScope): string {
  const conditions = partitionFilter(plan, scope.partition);
  if (scope.modulus > 1) conditions.push(`${keyHash(plan)} % ${Math.floor(scope.modulus)} IN (${scope.buckets.map((b) => String(Math.floor(b))).join(', ')})`);
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** The rows of a few small buckets, every column as compared (text), at most `limit` of them. */
export function bucketRowsSql(plan: NormalizedTable, side: VerifySide, scope: BucketScope, limit: number): string {
  return `SELECT ${rowColumns(plan)} FROM ${side.relation}${whereOf(plan, scope)} LIMIT ${Math.floor(limit)}`;
}

function rowColumns(plan: NormalizedTable): string {
  return [...partitionSelect(plan), ...plan.columns.map((c, i) => `${asText(canonical(plan, c.name))} AS "v__${i}"`)].join(', ');
}

/**
 * Tier 3: the rows whose seeded key hash falls below `perMillion` in a million. The same seed picks the
 * same keys on both sides, whatever order the rows lie in; no list of keys travels.
 */
export function sampleSql(plan: NormalizedTable, side: VerifySide, seed: number, perMillion: number, limit: number): string {
  const keys = (plan.primaryKey ?? []).map((k) => canonical(plan, k));
  return `SELECT ${rowColumns(plan)} FROM ${side.relation} WHERE hash(${Math.floor(seed)}, ${keys.join(', ')}) % 1000000 < ${Math.floor(perMillion)} LIMIT ${Math.floor(limit)}`;
}
