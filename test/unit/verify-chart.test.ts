/** What the results page draws of a verify report: differences by column and kind, the grid lines, the bytes per query. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differenceLines, differencesByColumn, scannedPerQuery, type VerifyResult } from '../../webview/src/verify-chart';
import { readWorkspaceConfig } from '../../server/src/config/workspace-config';
import { estimateScan } from '../../server/src/ops/verify-cost';

const row = (key: string, kind: 'missing' | 'extra' | 'duplicate' | 'differs', columns: [string, string, string][] = [], rows: [number, number] = [1, 1]) => ({
  partition: { base_dt: '2024-01-01' },
  key: { txn_id: key },
  kind,
  sourceRows: rows[0],
  targetRows: rows[1],
  columns: columns.map(([column, source, target]) => ({ column, source, target })),
});
const report: VerifyResult = {
  table: 'card_dw.card_txn',
  environment: 'dev',
  source: 's3://card-raw-dev/card_dw/card_txn/',
  tier: 3,
  against: 'extract',
  notes: [],
  agree: false,
  counts: { agree: true, source: 1200, target: 1200, partitions: 3, differing: [] },
  checksums: {
    agree: false,
    partitions: [{ partition: { base_dt: '2024-01-11' }, source: 400, target: 400, columns: ['amt'] }],
    rows: [
      row('17', 'differs', [['amt', '6.29', '6.00']]),
      row('100', 'missing', [], [1, 0]),
      row('101', 'duplicate', [], [1, 2]),
      row('850', 'differs', [
        ['aprv_dt', '2024-01-11', '2024-01-12'],
        ['amt', '1.00', '2.00'],
      ]),
    ],
    differingRows: 4,
  },
  // Tier 3 found a row tier 2 also listed: counted once.
  sample: { agree: false, seed: 1, compared: 200, rows: [row('17', 'differs', [['amt', '6.29', '6.00']])], differingRows: 1 },
  scans: {
    queries: [
      { side: 'source', tier: 1, what: 'tier 1', bytesScanned: 2 * 1024 ** 2, costUsd: 0.0000476837158203125 },
      { side: 'target', tier: 1, what: 'tier 1', bytesScanned: 512 * 1024, costUsd: 0.0000476837158203125 },
    ],
    bytesScanned: 2.5 * 1024 ** 2,
    costUsd: 0.000095367431640625,
  },
};

describe('the verify view of the results page', () => {
  it('counts differences by column and by kind of row, most first, each row once', () => {
    assert.deepEqual(differencesByColumn(report, { missing: 'missing rows', extra: 'extra rows', duplicate: 'duplicated rows' }), {
      labels: ['amt', 'aprv_dt', 'duplicated rows', 'missing rows'],
      values: [2, 1, 1, 1],
    });
  });
  it('lists each differing value side by side, and row counts for rows missing or duplicated', () => {
    assert.deepEqual(
      differenceLines(report).map((l) => [l.key, l.kind, l.column, l.source, l.target]),
      [
        ['txn_id=17', 'differs', 'amt', '6.29', '6.00'],
        ['txn_id=100', 'missing', '', '1', '0'],
        ['txn_id=101', 'duplicate', '', '1', '2'],
        ['txn_id=850', 'differs', 'aprv_dt', '2024-01-11', '2024-01-12'],
        ['txn_id=850', 'differs', 'amt', '1.00', '2.00'],
      ],
    );
    assert.equal(differenceLines(report)[0]!.partition, 'base_dt=2024-01-01');
  });
  it('shows the megabytes each Athena query scanned, and nothing for a local run', () => {
    assert.deepEqual(scannedPerQuery(report), { labels: ['1. source · tier 1', '2. target · tier 1'], values: [2, 0.5] });
    assert.deepEqual(scannedPerQuery({ ...report, scans: undefined } as VerifyResult), { labels: [], values: [] });
  });
});

describe('verify.max_scan_gb in tablespec.yaml', () => {
  it('is read as a number of GB; anything else leaves no limit', () => {
    assert.deepEqual(readWorkspaceConfig('verify:\n  max_scan_gb: 50\n').verify, { maxScanGb: 50 });
    assert.deepEqual(readWorkspaceConfig('verify:\n  max_scan_gb: 0.5\n').verify, { maxScanGb: 0.5 });
    for (const bad of ['verify:\n  max_scan_gb: "50"\n', 'verify:\n  max_scan_gb: -1\n', 'verify: 50\n', 'defaults:\n  database: x\n']) assert.equal(readWorkspaceConfig(bad).verify, undefined, bad);
  });
  it('asks above the limit only: the estimate in GB of 1024^3 bytes', () => {
    const athena = (bytes: number) => ({ engine: 'athena' as const, bytes, largestPartition: bytes, withDeletes: 0, metadata: true });
    const under = estimateScan(2, { engine: 'athena', bytes: 1024 ** 3, metadata: false }, athena(1024 ** 3), 6, 2);
    assert.deepEqual([under.bytes, under.overLimit, under.tiers.map((t) => t.tier)], [2 * 1024 ** 3, false, [2]]);
    const over = estimateScan(3, { engine: 'athena', bytes: 1024 ** 3, metadata: false }, athena(1024 ** 3), 6, 2);
    assert.deepEqual([over.bytes, over.overLimit, over.tiers.map((t) => t.tier)], [4 * 1024 ** 3, true, [2, 3]]);
    // Tier 1 alone: the extract, and of the table only its partitions with delete files (none here).
    assert.equal(estimateScan(1, { engine: 'athena', bytes: 1024 ** 3, metadata: false }, athena(5 * 1024 ** 3), 6, 2).bytes, 1024 ** 3);
    // A side without statistics is named, not guessed.
    assert.deepEqual(estimateScan(2, { engine: 'local' }, { engine: 'athena', metadata: false }, 6).unknown, ['target']);
    // $5 per TB, at least 10 MB a query: two queries of 1 GB each.
    assert.equal(under.costUsd, (2 * 1024 ** 3 * 5) / 1024 ** 4);
  });
});
