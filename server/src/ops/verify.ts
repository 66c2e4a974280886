/**
 * Verify: compare a loaded table with its source, in tiers that each run inside the engine and send back
 * only aggregates or a bounded set of rows. Tier 1 counts rows per partition; tier 2 compares checksums
 * per partition, splitting a differing partition into buckets of the key's hash until the differing rows
 * are found or a bound is reached; tier 3 compares a sample chosen by a seeded hash of the primary key,
 * column by column. The source side is the extract as the load's own SQL cleanses, converts and hashes it,
 * or the same table in another environment.
 */
import * as l10n from '@vscode/l10n';
import type { Backend, Progress, Row } from '../backends/types';
import { OperationError, throwIfAborted } from '../backends/errors';
import { checkExtractFile } from '../backends/local/extract-file';
import {
  bucketRowsSql,
  checksumSql,
  columnChecks,
  countSql,
  extractSide,
  floatDigits,
  icebergCountSql,
  keepSide,
  sampleSql,
  scanCountSql,
  tableSide,
  type BucketScope,
  type PartitionValue,
  type VerifyFlavor,
  type VerifySide,
} from '../sql/verify-sql';
import { athenaCostUsd, bytesText, estimateScan, usdText, type ScanEstimate, type SideSize } from './verify-cost';
import { saltFor } from './load';
import { workspacePath, type SpecContext } from './spec-context';
import { compareRows, type RowDifference } from './verify-rows';

export type Tier = 1 | 2 | 3;

/** How far tier 2 drills and how much tier 3 reads: every bound is a count of rows or queries. */
export interface VerifyBounds {
  /** Each split divides a bucket into this many. */
  fanout: number;
  /** A bucket this small (on both sides) is compared row by row. */
  leafRows: number;
  /** Splits of one partition at most. */
  maxDepth: number;
  /** Differing buckets followed per partition and level. */
  maxBuckets: number;
  /** Differing partitions drilled into. */
  maxPartitions: number;
  /** Differing rows listed per tier (all are counted). */
  maxRows: number;
  /** Rows tier 3 aims to compare. */
  sampleRows: number;
}

export const defaultBounds: VerifyBounds = { fanout: 16, leafRows: 256, maxDepth: 6, maxBuckets: 16, maxPartitions: 20, maxRows: 100, sampleRows: 200 };

/** Where one side's queries run: a backend, or an Oracle connection. */
export interface SideEngine {
  readonly dialect: 'duckdb' | 'athena' | 'oracle';
  readonly description: string;
  query(sql: string, options?: { params?: string[]; signal?: AbortSignal; all?: 's3' }): Promise<{ rows: Row[]; stats: { bytesScanned?: number; costUsd?: number } }>;
}

/** The extract staged where the table is (Athena: the load's staging and salt tables), and how to drop it. */
export type StageExtract = () => Promise<{ side: VerifySide; close: () => Promise<void>; bytes?: number }>;

export interface VerifyOptions {
  tier?: Tier;
  /**
   * The staging extract (default), the same table in another environment (dev against prod), or the
   * Oracle source: its rows computed in Oracle by `side` (the extract's query, the spec's rules in Oracle SQL).
   */
  against?: 'extract' | { environment: string; backend: Backend } | { oracle: SideEngine; object: string; side: VerifySide };
  /** On Athena: stages the extract as the load does (the local engine reads the file itself). */
  stageExtract?: StageExtract;
  salt?: string;
  /** The seed of tier 3's sample: the same seed picks the same rows. */
  seed?: number;
  bounds?: Partial<VerifyBounds>;
  /** `tablespec.yaml`'s `verify.max_scan_gb`: above this estimate, verify asks before running on Athena. */
  maxScanGb?: number;
  /** `--yes`, or the editor's "Yes" to the estimate. */
  yes?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface PartitionCount {
  partition: PartitionValue;
  source: number;
  target: number;
}

export interface BucketDifference {
  partition: PartitionValue;
  /** Rows whose key hash modulo `modulus` is `bucket`. */
  modulus: number;
  bucket: number;
  source: number;
  target: number;
  /** Columns whose nulls, hash, sum or range differ in the bucket. */
  columns: string[];
}

export interface ChecksumPartition {
  partition: PartitionValue;
  source: number;
  target: number;
  columns: string[];
  /** Why the drilling stopped before every differing row was found, when it did. */
  bound?: string;
}

/** One query on a side that bills by bytes scanned (Athena), or an Iceberg metadata read. */
export interface ScanRecord {
  side: 'source' | 'target';
  tier: Tier;
  what: string;
  bytesScanned: number;
  /** Athena's price of the query: $5 per TB, at least 10 MB. */
  costUsd: number;
}

export interface VerifyReport {
  table: string;
  environment: string;
  against: 'extract' | 'environment' | 'oracle';
  /** The extract's location, or the other environment's name. */
  source: string;
  tier: Tier;
  primaryKey: string[];
  agree: boolean;
  /** What was compared, and what was left out and why. */
  notes: string[];
  counts: { agree: boolean; source: number; target: number; partitions: number; differing: PartitionCount[] };
  checksums?: { agree: boolean; partitions: ChecksumPartition[]; buckets: BucketDifference[]; rows: RowDifference[]; differingRows: number };
  sample?: { agree: boolean; seed: number; perMillion: number; compared: number; rows: RowDifference[]; differingRows: number };
  /** Rows each engine sent back, all queries together: aggregates and compared rows. */
  rowsRead: { source: number; target: number };
  queries: number;
  /** Athena's queries: bytes scanned and their cost, per query and in all (absent on the local engine). */
  scans?: { queries: ScanRecord[]; bytesScanned: number; costUsd: number };
  /** What the Athena side was estimated to scan before it ran, per tier, from Iceberg `$files` sizes, Glue and S3. */
  estimate?: ScanEstimate;
  /** Tier 1's count of the target (and of another environment) came from Iceberg metadata where it could. */
  metadataCounts?: { side: 'source' | 'target'; partitions: number; scanned: number }[];
  elapsedMs: number;
}

type Group = Row & { n: unknown };

const partitionKey = (plan: SpecContext['plan'], row: Row) => JSON.stringify(plan.partitionBy.map((_p, i) => row[`p__${i}`] ?? null));
const partitionOf = (plan: SpecContext['plan'], row: Row): PartitionValue =>
  Object.fromEntries(plan.partitionBy.map((p, i) => [p, row[`p__${i}`] === null || row[`p__${i}`] === undefined ? null : String(row[`p__${i}`])]));

/** The columns whose checks differ between two aggregate rows. */
function differingColumns(ctx: SpecContext, a: Row | undefined, b: Row | undefined): string[] {
  return columnChecks(ctx.plan).flatMap((c, i) => {
    const fields = [`c${i}_nulls`, `c${i}_hash`, ...(c.sum ? [`c${i}_sum`] : []), ...(c.range ? [`c${i}_min`, `c${i}_max`] : [])];
    return fields.some((f) => aggregate(a?.[f]) !== aggregate(b?.[f])) ? [c.name] : [];
  });
}

/**
 * An aggregate as compared: a number in plain notation without trailing zeros (a sum is `1.50` in DuckDB
 * and Trino, `1.5` from Oracle's TO_CHAR), anything else as text.
 */
function aggregate(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  const s = String(v);
  if (!/^-?\d*\.?\d+$/.test(s)) return s;
  const [int, frac = ''] = s.replace(/^(-?)\./, '$10.').split('.');
  const f = frac.replace(/0+$/, '');
  const i = int!.replace(/^(-?)0+(?=\d)/, '$1');
  return f ? `${i}.${f}` : i === '-0' ? '0' : i;
}

const count = (r: Row | undefined) => Number(r?.n ?? 0);

export async function verify(ctx: SpecContext, backend: Backend, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const { plan } = ctx;
  const bounds = { ...defaultBounds, ...options.bounds };
  const table = `${plan.database}.${plan.table}`;
  const primaryKey = plan.primaryKey ?? [];
  const notes: string[] = [];
  let tier: Tier = options.tier ?? 3;
  const deployed = await backend.getTable(plan.database, plan.table, options.signal);
  if (!deployed) throw new OperationError('not-found', l10n.t('{0} is not deployed on {1}: deploy and load it first.', table, ctx.environment.name));
  const other = typeof options.against === 'object' && 'backend' in options.against ? options.against : undefined;
  const oracle = typeof options.against === 'object' && 'oracle' in options.against ? options.against : undefined;
  // Against another environment or Oracle, whole tables are compared (no earlier batch or load to leave out).
  const whole = !!(other || oracle);
  // Two local sides compare with DuckDB's own hash; sides on different engines with the portable one.
  const sourceDialect = other ? other.backend.dialect : oracle ? 'oracle' : backend.dialect;
  const mixed = sourceDialect !== 'duckdb' || backend.dialect !== 'duckdb';
  const flavorOf = (dialect: string): VerifyFlavor => (dialect === 'athena' ? 'trino' : dialect === 'oracle' ? 'oracle' : mixed ? 'duckdb-portable' : 'duckdb');
  const targetFlavor = flavorOf(backend.dialect);
  let extract: VerifySide;
  let staged: { close: () => Promise<void> } | undefined;
  let extractBytes: number | undefined;
  let otherTable: Awaited<ReturnType<Backend['getTable']>>;
  if (other) {
    // Both sides are loaded tables: each engine computes its own aggregates, nothing is converted.
    otherTable = await other.backend.getTable(plan.database, plan.table, options.signal);
    if (!otherTable) throw new OperationError('not-found', l10n.t('{0} is not deployed on {1}: deploy and load it first.', table, other.environment));
    extract = tableSide(plan, undefined, flavorOf(other.backend.dialect));
  } else if (oracle) {
    extract = oracle.side;
  } else if (backend.dialect === 'athena') {
    if (!options.stageExtract) throw new OperationError('failed', l10n.t('The extract cannot be staged on {0}.', backend.description));
    options.onProgress?.({ message: l10n.t('Creating the staging table over {0}', plan.staging.location) });
    const s = await options.stageExtract();
    staged = s;
    extract = s.side;
    extractBytes = s.bytes;
  } else {
    if (/^s3:\/\//.test(plan.staging.location))
      throw new OperationError(
        'invalid-spec',
        l10n.t("The local engine reads local files; {0} is on S3. Set `source.staging.location` or the environment's `staging` pattern to a path in the workspace.", plan.staging.location),
      );
    const path = workspacePath(ctx.root, plan.staging.location);
    checkExtractFile(plan.staging.location, path);
    extract = extractSide(plan, path, saltFor(ctx, options.salt));
  }
  if (!primaryKey.length) {
    tier = Math.min(tier, 2) as Tier;
    notes.push(l10n.t('The table has no primary key (`source.primary_key`): rows cannot be paired, so it is verified by counts and checksums only.'));
  }

  const rowsRead = { source: 0, target: 0 };
  const kept: { drop?: string } = {};
  const scans: ScanRecord[] = [];
  try {
    return await compare(extract);
  } finally {
    if (kept.drop) await backend.query(kept.drop).catch(() => undefined);
    await staged?.close().catch(() => undefined);
  }

  async function compare(extract: VerifySide): Promise<VerifyReport> {
    let source = extract;
    // Against the extract, an upsert's table is scoped to the extract's keys; against another environment, whole tables.
    const targetOf = (side: VerifySide) => (whole ? tableSide(plan, undefined, targetFlavor) : tableSide(plan, side, targetFlavor));
    let target = targetOf(source);
    // A faithful table is compared in one scan of each side. Only when a partition differs is the converted
    // extract kept in a temporary table, so that drilling down does not read and convert the file again.
    const keep = async () => {
      if (kept.drop || whole || backend.dialect !== 'duckdb') return;
      const k = keepSide(source);
      options.onProgress?.({ message: l10n.t("Reading {0} through the load's conversions", plan.staging.location) });
      await backend.query(k.statement, { params: k.params, ...(options.signal ? { signal: options.signal } : {}) });
      kept.drop = k.drop;
      source = k.side;
      target = targetOf(source);
    };
    let queries = 0;
    let currentTier: Tier = 1;
    const engineOf = (side: 'source' | 'target'): SideEngine => (side === 'source' && other ? other.backend : side === 'source' && oracle ? oracle.oracle : backend);
    const run = async (side: 'source' | 'target', sql: string, what = ''): Promise<Row[]> => {
      throwIfAborted(options.signal, 'verify');
      const s: VerifySide = side === 'source' ? source : target;
      const engine = engineOf(side);
      const r = await engine.query(sql, { params: s.params, ...(engine.dialect === 'athena' ? { all: 's3' as const } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      queries++;
      rowsRead[side] += r.rows.length;
      if (engine.dialect === 'athena') {
        const bytes = r.stats.bytesScanned ?? 0;
        scans.push({ side, tier: currentTier, what: what || l10n.t('tier {0}', currentTier), bytesScanned: bytes, costUsd: r.stats.costUsd ?? athenaCostUsd(bytes) });
      }
      return r.rows;
    };
    // One after the other: locally both sides share one connection (two engines would run them side by side).
    const both = async (sql: (s: VerifySide) => string, what = ''): Promise<[Row[], Row[]]> => [await run('source', sql(source), what), await run('target', sql(target), what)];
    const progress = (message: string) => options.onProgress?.({ message });

    const report0: Partial<VerifyReport> = {};
    if (!whole && plan.mode === 'append' && !plan.partitionBy.length) notes.push(l10n.t('An append without partitions keeps earlier batches: rows of those count as extra.'));
    if (oracle)
      notes.push(
        l10n.t(
          "Against Oracle: the source table as it is now, read by the extract's query and taken through the spec's rules in Oracle SQL; rows an append or upsert loaded earlier and Oracle no longer holds count as extra.",
        ),
      );
    if (!whole && plan.mode === 'upsert') notes.push(l10n.t("An upsert keeps earlier loads: only the table's rows with a key in the extract are compared."));
    if (plan.columns.some((c) => c.stored.kind === 'float' || c.stored.kind === 'double')) notes.push(l10n.t('Floating-point columns are compared to {0} decimal places.', floatDigits));
    if (plan.columns.some((c) => c.stored.kind === 'timestamp')) notes.push(l10n.t('Timestamps are compared to the millisecond.'));

    // Cost first: on Athena, the size of each side from metadata (Iceberg `$files`; Glue; the extract's
    // objects in S3), the estimate per tier, and a question above the workspace's limit.
    const onIceberg = (side: 'source' | 'target') =>
      engineOf(side).dialect === 'athena' && (side === 'target' || !!other) && ((side === 'target' ? deployed : otherTable)?.Parameters?.table_type ?? '').toUpperCase() === 'ICEBERG';
    const metadata: Partial<Record<'source' | 'target', Row[]>> = {};
    for (const side of ['source', 'target'] as const) if (onIceberg(side)) metadata[side] = await run(side, icebergCountSql(plan), l10n.t('Iceberg metadata ($files)'));
    if (engineOf('source').dialect === 'athena' || engineOf('target').dialect === 'athena') {
      const sizeOf = (side: 'source' | 'target'): SideSize => {
        if (engineOf(side).dialect !== 'athena') return { engine: 'local' };
        const rows = metadata[side];
        if (rows)
          return {
            engine: 'athena',
            bytes: rows.reduce((a, r) => a + Number(r.bytes ?? 0), 0),
            largestPartition: Math.max(0, ...rows.map((r) => Number(r.bytes ?? 0))),
            withDeletes: rows.filter((r) => Number(r.deletes ?? 0) > 0).reduce((a, r) => a + Number(r.bytes ?? 0), 0),
            metadata: true,
          };
        if (side === 'source' && !other)
          return { engine: 'athena', ...(extractBytes !== undefined ? { bytes: extractBytes, largestPartition: extractBytes, withDeletes: extractBytes } : {}), metadata: false };
        const glueSize = Number((side === 'target' ? deployed : otherTable)?.Parameters?.totalSize);
        return { engine: 'athena', ...(Number.isFinite(glueSize) ? { bytes: glueSize, largestPartition: glueSize, withDeletes: glueSize } : {}), metadata: false };
      };
      const estimate = estimateScan(tier, sizeOf('source'), sizeOf('target'), bounds.maxDepth, options.maxScanGb);
      report0.estimate = estimate;
      if (options.maxScanGb !== undefined && estimate.overLimit && !options.yes) {
        const lines = estimate.tiers.map((t) => `  - ${l10n.t('tier {0}: {1} ({2})', t.tier, bytesText(t.bytes), usdText(t.costUsd))}`);
        const ask = l10n.t(
          'Verify on {0} is estimated to scan {1} ({2}), above the limit of {3} GB set in tablespec.yaml (verify.max_scan_gb):',
          backend.description,
          bytesText(estimate.bytes),
          usdText(estimate.costUsd),
          options.maxScanGb,
        );
        const more = estimate.unknown.length ? `\n${l10n.t('Size not known for: {0}.', estimate.unknown.join(', '))}` : '';
        throw new OperationError('needs-confirmation', `${ask}\n${lines.join('\n')}${more}\n${l10n.t('Confirm with --yes, or verify fewer tiers (--tier 1).')}`, undefined, {
          prompt: `${ask}\n${lines.join('\n')}`,
        });
      }
    }

    // Tier 1: counts per partition.
    progress(l10n.t('Tier 1: counting rows per partition'));
    // With tier 2 the per-partition checksums carry the counts: the same query answers both tiers.
    const level0 = tier >= 2 ? await both((s) => checksumSql(plan, s), l10n.t('tiers 1-2, checksums per partition')) : undefined;
    const metadataCounts: NonNullable<VerifyReport['metadataCounts']> = [];
    /**
     * Tier 1 alone, on an Iceberg table on Athena: the count of each partition without delete files is
     * the sum of its data files' record counts ("$files"), read from metadata without scanning a row;
     * the partitions with delete files are counted by a scan of those partitions only.
     */
    const countOf = async (side: 'source' | 'target', s: VerifySide): Promise<Row[]> => {
      const files = metadata[side];
      if (!files) return run(side, countSql(plan, s), l10n.t('tier 1, rows per partition'));
      const exact = files.filter((r) => Number(r.deletes ?? 0) === 0);
      const rescan = files.filter((r) => Number(r.deletes ?? 0) > 0).map((r) => partitionOf(plan, r));
      const scanned = rescan.length ? await run(side, scanCountSql(plan, s, rescan), l10n.t('tier 1, partitions with delete files')) : [];
      metadataCounts.push({ side, partitions: exact.length, scanned: rescan.length });
      return [...exact, ...scanned];
    };
    const [srcCounts, tgtCounts] = level0 ?? [await countOf('source', source), await countOf('target', target)];
    if (metadataCounts.length) report0.metadataCounts = metadataCounts;
    const byPartition = new Map<string, { partition: PartitionValue; source?: Row; target?: Row }>();
    for (const r of srcCounts) byPartition.set(partitionKey(plan, r), { partition: partitionOf(plan, r), source: r });
    let ignored = 0;
    for (const r of tgtCounts) {
      const k = partitionKey(plan, r);
      const entry = byPartition.get(k);
      // An append replaces the extract's partitions only: the others hold earlier batches.
      if (!entry && !whole && plan.mode === 'append' && plan.partitionBy.length) ignored++;
      else if (entry) entry.target = r;
      else byPartition.set(k, { partition: partitionOf(plan, r), target: r });
    }
    if (ignored) notes.push(l10n.t('{0} partitions of the table are not in the extract (earlier batches of the append) and were not compared.', ignored));
    const partitions = [...byPartition.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
    const differingCounts = partitions.filter((p) => count(p.source) !== count(p.target)).map((p) => ({ partition: p.partition, source: count(p.source), target: count(p.target) }));
    const report: VerifyReport = {
      ...report0,
      table,
      environment: ctx.environment.name,
      against: other ? 'environment' : oracle ? 'oracle' : 'extract',
      source: other ? other.environment : oracle ? oracle.object : plan.staging.location,
      tier,
      primaryKey,
      agree: false,
      notes,
      counts: {
        agree: differingCounts.length === 0,
        source: partitions.reduce((a, p) => a + count(p.source), 0),
        target: partitions.reduce((a, p) => a + count(p.target), 0),
        partitions: partitions.length,
        differing: differingCounts.slice(0, bounds.maxRows),
      },
      rowsRead,
      queries,
      elapsedMs: 0,
    };

    if (tier >= 2) {
      currentTier = 2;
      progress(l10n.t('Tier 2: checksums per partition'));
      const [srcSums, tgtSums] = level0!;
      const tgtBy = new Map(tgtSums.map((r) => [partitionKey(plan, r), r]));
      const differing: ChecksumPartition[] = [];
      srcSums.sort((a, b) => (partitionKey(plan, a) < partitionKey(plan, b) ? -1 : 1));
      for (const s of srcSums) {
        const t = tgtBy.get(partitionKey(plan, s));
        tgtBy.delete(partitionKey(plan, s));
        const columns = differingColumns(ctx, s, t);
        if (count(s) !== count(t) || columns.length) differing.push({ partition: partitionOf(plan, s), source: count(s), target: count(t), columns });
      }
      for (const t of tgtBy.values())
        if (byPartition.get(partitionKey(plan, t))) differing.push({ partition: partitionOf(plan, t), source: 0, target: count(t), columns: differingColumns(ctx, undefined, t) });
      const buckets: BucketDifference[] = [];
      const rows: RowDifference[] = [];
      let differingRows = 0;
      if (differing.length) await keep();
      for (const [i, p] of differing.entries()) {
        if (i >= bounds.maxPartitions) {
          p.bound = l10n.t('not drilled into: more than {0} partitions differ', bounds.maxPartitions);
          continue;
        }
        progress(l10n.t('Tier 2: finding the differing rows of {0}', JSON.stringify(p.partition)));
        const found = await drill(p);
        differingRows += found.total;
        rows.push(...found.differences.slice(0, Math.max(0, bounds.maxRows - rows.length)));
      }
      report.checksums = { agree: differing.length === 0, partitions: differing, buckets, rows, differingRows };

      /** Splits a differing partition by the key hash until its differing buckets are small enough to compare row by row. */
      async function drill(p: ChecksumPartition): Promise<{ differences: RowDifference[]; total: number }> {
        let pending = [{ bucket: 0, n: Math.max(p.source, p.target) }];
        let modulus = 1;
        const leafRows: { source: Row[]; target: Row[] } = { source: [], target: [] };
        for (let depth = 0; pending.length; depth++) {
          const leaves = pending.filter((b) => b.n <= bounds.leafRows);
          let splits = pending.filter((b) => b.n > bounds.leafRows);
          if (leaves.length) {
            const scope: BucketScope = { partition: p.partition, modulus, buckets: leaves.map((b) => b.bucket) };
            const limit = leaves.reduce((a, b) => a + b.n, 0) + 1;
            const [s, t] = await both((side) => bucketRowsSql(plan, side, scope, limit), l10n.t('tier 2, rows of small buckets'));
            leafRows.source.push(...s);
            leafRows.target.push(...t);
          }
          if (!splits.length) break;
          if (depth >= bounds.maxDepth) {
            p.bound = l10n.t('{0} buckets still larger than {1} rows after {2} splits', splits.length, bounds.leafRows, depth);
            break;
          }
          if (splits.length > bounds.maxBuckets) {
            p.bound = l10n.t('{0} differing buckets at level {1}; the first {2} were followed (a difference in every bucket is systematic: see the columns)', splits.length, depth, bounds.maxBuckets);
            splits = splits.slice(0, bounds.maxBuckets);
          }
          const scope: BucketScope = { partition: p.partition, modulus, buckets: splits.map((b) => b.bucket) };
          const next = modulus * bounds.fanout;
          const [s, t] = await both((side) => checksumSql(plan, side, scope, next), l10n.t('tier 2, checksums of {0} buckets', next));
          const tBy = new Map(t.map((r) => [`${partitionKey(plan, r)}|${String(r.b)}`, r]));
          const sBy = new Map(s.map((r) => [`${partitionKey(plan, r)}|${String(r.b)}`, r]));
          pending = [];
          for (const id of new Set([...sBy.keys(), ...tBy.keys()])) {
            const a = sBy.get(id) as Group | undefined;
            const b = tBy.get(id) as Group | undefined;
            const columns = differingColumns(ctx, a, b);
            if (count(a) === count(b) && !columns.length) continue;
            const bucket = Number((a ?? b)!.b);
            buckets.push({ partition: p.partition, modulus: next, bucket, source: count(a), target: count(b), columns });
            pending.push({ bucket, n: Math.max(count(a), count(b)) });
          }
          modulus = next;
        }
        return compareRows(plan, leafRows.source, leafRows.target, bounds.maxRows);
      }
    }

    if (tier === 3) {
      currentTier = 3;
      const seed = options.seed ?? 1;
      const total = Math.max(report.counts.source, report.counts.target, 1);
      const perMillion = Math.min(1_000_000, Math.ceil((bounds.sampleRows / total) * 1_000_000));
      progress(l10n.t('Tier 3: comparing sampled rows'));
      // The hash spreads keys evenly; the limit bounds what travels should it not.
      const [s, t] = await both((side) => sampleSql(plan, side, seed, perMillion, bounds.sampleRows * 4), l10n.t('tier 3, sampled rows'));
      const found = compareRows(plan, s, t, bounds.maxRows);
      report.sample = { agree: found.total === 0, seed, perMillion, compared: found.compared, rows: found.differences, differingRows: found.total };
    }

    report.agree = report.counts.agree && (report.checksums?.agree ?? true) && (report.sample?.agree ?? true);
    report.queries = queries;
    if (scans.length) report.scans = { queries: scans, bytesScanned: scans.reduce((a, q) => a + q.bytesScanned, 0), costUsd: scans.reduce((a, q) => a + q.costUsd, 0) };
    report.elapsedMs = performance.now() - started;
    return report;
  }
}
