/**
 * What verify costs on Athena: the price of a query ($5 per TB scanned, each query rounded up to the MB
 * and billed at least 10 MB: "Amazon Athena pricing", https://aws.amazon.com/athena/pricing/), and the
 * estimate asked before running.
 */
const MB = 1024 * 1024;

/** Athena's price of one query that scanned `bytes`. */
export function athenaCostUsd(bytes: number): number {
  const mb = Math.max(10, Math.ceil(bytes / MB));
  return (mb * MB * 5) / 1024 ** 4;
}

/** Bytes as people read them: 1.2 GB, 340 MB, 12 KB. */
export function bytesText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i ? v.toFixed(v < 10 ? 1 : 0) : v} ${units[i]}`;
}

/** Dollars with enough digits for a query that costs a fraction of a cent. */
export function usdText(usd: number): string {
  return `$${usd < 0.01 ? usd.toFixed(6) : usd.toFixed(2)}`;
}

/** What one side is known to hold, for the estimate: a local side costs nothing. */
export type SideSize = { engine: 'local' } | { engine: 'athena'; bytes?: number; largestPartition?: number; withDeletes?: number; metadata: boolean };

export interface ScanEstimate {
  /** Bytes and cost per tier that runs (tier 1 is answered by tier 2's query when tier 2 runs). */
  tiers: { tier: 1 | 2 | 3; bytes: number; costUsd: number; queries: number }[];
  bytes: number;
  costUsd: number;
  /** Each level of drilling into a differing partition, only when one differs: the extract again and one partition. */
  drillLevelBytes: number;
  maxDrillLevels: number;
  /** Sides whose size is not known (no statistics): the estimate leaves them out. */
  unknown: string[];
  limitGb?: number;
  overLimit: boolean;
}

/**
 * The estimate before running on Athena. Tier 1 alone reads Iceberg metadata for a table's count (nothing
 * but the partitions with delete files is scanned) and scans the extract; tier 2 scans both sides once
 * (and answers tier 1 with it); tier 3 scans both once more. Each Athena query is billed 10 MB at least.
 */
export function estimateScan(tier: 1 | 2 | 3, source: SideSize, target: SideSize, maxDepth: number, limitGb?: number): ScanEstimate {
  const unknown: string[] = [];
  const full = (s: SideSize, name: string) => (s.engine === 'local' ? 0 : (s.bytes ?? (unknown.includes(name) ? 0 : (unknown.push(name), 0))));
  const tier1 = (s: SideSize, name: string) => (s.engine === 'local' ? 0 : s.metadata ? (s.withDeletes ?? 0) : full(s, name));
  const athenaQueries = (source.engine === 'athena' ? 1 : 0) + (target.engine === 'athena' ? 1 : 0);
  const cost = (bytes: number, queries: number) => Math.max(bytes > 0 ? athenaCostUsd(bytes) : 0, queries * athenaCostUsd(0));
  const tiers: ScanEstimate['tiers'] = [];
  if (tier === 1) {
    const b = tier1(source, 'source') + tier1(target, 'target');
    tiers.push({ tier: 1, bytes: b, costUsd: cost(b, athenaQueries), queries: athenaQueries });
  } else {
    const b = full(source, 'source') + full(target, 'target');
    tiers.push({ tier: 2, bytes: b, costUsd: cost(b, athenaQueries), queries: athenaQueries });
    if (tier === 3) tiers.push({ tier: 3, bytes: b, costUsd: cost(b, athenaQueries), queries: athenaQueries });
  }
  const bytes = tiers.reduce((a, t) => a + t.bytes, 0);
  const part = (s: SideSize) => (s.engine === 'local' ? 0 : s.metadata ? (s.largestPartition ?? 0) : (s.bytes ?? 0));
  return {
    tiers,
    bytes,
    costUsd: tiers.reduce((a, t) => a + t.costUsd, 0),
    drillLevelBytes: tier >= 2 ? part(source) + part(target) : 0,
    maxDrillLevels: tier >= 2 ? maxDepth + 1 : 0,
    unknown,
    ...(limitGb !== undefined ? { limitGb } : {}),
    overLimit: limitGb !== undefined && bytes > limitGb * 1024 ** 3,
  };
}
