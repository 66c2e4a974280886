/**
 * Rows of the two sides paired on the primary key (or, without one, on the whole row), and what differs
 * between them: a row missing from the table, one the extract does not have, a duplicate, or values that
 * differ column by column. Values of personal-data columns are shown by their length only.
 */
import { maskValue } from '../backends/local/engine-message';
import type { Row } from '../backends/types';
import type { PartitionValue } from '../sql/verify-sql';
import type { NormalizedTable } from '../sql/normalized-table';

export interface ValuePair {
  column: string;
  source: string | null;
  target: string | null;
}

export interface RowDifference {
  partition: PartitionValue;
  /** The primary key's values (masked for personal data); null for a table without a key. */
  key: Record<string, string | null> | null;
  kind: 'missing' | 'extra' | 'duplicate' | 'differs';
  /** Rows of this key on each side. */
  sourceRows: number;
  targetRows: number;
  /** For `differs`: each differing column, side by side. */
  columns: ValuePair[];
}

type Cell = string | null;

const cell = (v: unknown): Cell => (v === null || v === undefined ? null : String(v));

/** A value as a report may show it: personal data by its length only. */
export function shown(plan: NormalizedTable, column: string, value: Cell): Cell {
  const c = plan.columns.find((x) => x.name === column);
  return value !== null && (c?.pii || c?.encrypt) ? maskValue(value) : value;
}

function partitionOf(plan: NormalizedTable, row: Row): PartitionValue {
  return Object.fromEntries(plan.partitionBy.map((p, i) => [p, cell(row[`p__${i}`])]));
}

/** Pairs the rows of both sides and lists what differs, at most `limit` differences (`total` counts them all). */
export function compareRows(plan: NormalizedTable, source: Row[], target: Row[], limit: number): { differences: RowDifference[]; total: number; compared: number } {
  const keyed = !!plan.primaryKey?.length;
  const keyIndex = keyed ? plan.primaryKey!.map((k) => plan.columns.findIndex((c) => c.name === k)) : plan.columns.map((_c, i) => i);
  const values = (row: Row) => plan.columns.map((_c, i) => cell(row[`v__${i}`]));
  const pairs = new Map<string, { partition: PartitionValue; key: Cell[]; source: Cell[][]; target: Cell[][] }>();
  const add = (row: Row, side: 'source' | 'target') => {
    const v = values(row);
    const partition = partitionOf(plan, row);
    const key = keyIndex.map((i) => v[i]!);
    const id = JSON.stringify([partition, key]);
    let pair = pairs.get(id);
    if (!pair) pairs.set(id, (pair = { partition, key, source: [], target: [] }));
    pair[side].push(v);
  };
  for (const r of source) add(r, 'source');
  for (const r of target) add(r, 'target');
  const differences: RowDifference[] = [];
  let total = 0;
  let compared = 0;
  for (const pair of pairs.values()) {
    const { source: s, target: t } = pair;
    if (s.length && t.length) compared++;
    let diff: RowDifference | undefined;
    const base = {
      partition: pair.partition,
      key: keyed ? Object.fromEntries(plan.primaryKey!.map((k, i) => [k, shown(plan, k, pair.key[i]!)])) : null,
      sourceRows: s.length,
      targetRows: t.length,
      columns: [] as ValuePair[],
    };
    if (!t.length) diff = { ...base, kind: 'missing' };
    else if (!s.length) diff = { ...base, kind: 'extra' };
    else if (t.length > s.length) diff = { ...base, kind: 'duplicate' };
    else if (t.length < s.length) diff = { ...base, kind: 'missing' };
    else if (keyed) {
      const columns = plan.columns.flatMap((c, i) => (s[0]![i] === t[0]![i] ? [] : [{ column: c.name, source: shown(plan, c.name, s[0]![i]!), target: shown(plan, c.name, t[0]![i]!) }]));
      if (columns.length) diff = { ...base, kind: 'differs', columns };
    }
    if (!diff) continue;
    total++;
    if (differences.length < limit) differences.push(diff);
  }
  return { differences, total, compared };
}
