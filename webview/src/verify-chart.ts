/**
 * What the results page shows of a verify report: the differences counted by column (and by kind for rows
 * missing, extra or duplicated), the rows side by side, and the bytes each Athena query scanned. Pure data,
 * no page: the report's shape is the protocol's (server/src/protocol/commands.ts).
 */
import type { VerifyResult, VerifyRowDifference } from '../../server/src/protocol';

export type { VerifyResult, VerifyRowDifference };

const text = (o: Record<string, string | null> | null) =>
  o
    ? Object.entries(o)
        .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
        .join(', ')
    : '';

/** Each differing row once: tier 2's, then tier 3's that tier 2 did not list. */
export function differingRows(r: VerifyResult): VerifyRowDifference[] {
  const seen = new Set<string>();
  return [...(r.checksums?.rows ?? []), ...(r.sample?.rows ?? [])].filter((x) => {
    const id = JSON.stringify([x.partition, x.key, x.kind, x.columns]);
    return seen.has(id) ? false : (seen.add(id), true);
  });
}

/** Differences per column (a differing value) and per kind of row (missing, extra, duplicate), most first. */
export function differencesByColumn(r: VerifyResult, kinds: Record<'missing' | 'extra' | 'duplicate', string>): { labels: string[]; values: number[] } {
  const n = new Map<string, number>();
  for (const row of differingRows(r)) {
    if (row.kind === 'differs') for (const c of row.columns) n.set(c.column, (n.get(c.column) ?? 0) + 1);
    else n.set(kinds[row.kind], (n.get(kinds[row.kind]) ?? 0) + 1);
  }
  const sorted = [...n.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { labels: sorted.map(([k]) => k), values: sorted.map(([, v]) => v) };
}

/** One grid line per differing value (and one per row missing, extra or duplicated). */
export function differenceLines(r: VerifyResult): { partition: string; key: string; kind: string; column: string; source: string | null; target: string | null }[] {
  return differingRows(r).flatMap((row) =>
    row.kind === 'differs'
      ? row.columns.map((c) => ({ partition: text(row.partition), key: text(row.key), kind: row.kind, column: c.column, source: c.source, target: c.target }))
      : [{ partition: text(row.partition), key: text(row.key), kind: row.kind, column: '', source: String(row.sourceRows), target: String(row.targetRows) }],
  );
}

/** Megabytes each Athena query scanned, labelled by side and tier. */
export function scannedPerQuery(r: VerifyResult): { labels: string[]; values: number[] } {
  const q = r.scans?.queries ?? [];
  return { labels: q.map((x, i) => `${i + 1}. ${x.side} · ${x.what}`), values: q.map((x) => Math.round((x.bytesScanned / 1024 ** 2) * 1000) / 1000) };
}
