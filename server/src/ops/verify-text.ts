/** A verify report as Markdown: the verdict per tier, then the differing partitions, buckets and rows. */
import * as l10n from '@vscode/l10n';
import type { PartitionValue } from '../sql/verify-sql';
import type { VerifyReport } from './verify';
import type { RowDifference } from './verify-rows';
import { bytesText, usdText } from './verify-cost';

const partitionText = (p: PartitionValue) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
    .join(', ') || l10n.t('(whole table)');
const verdict = (agree: boolean) => (agree ? l10n.t('agree') : l10n.t('differ'));
// A cell of a Markdown table: a pipe or a line break in a value would break the table.
const md = (v: string | null) => (v === null ? 'NULL' : v.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').slice(0, 60));

function rowsTable(rows: RowDifference[]): string[] {
  if (!rows.length) return [];
  const out = [`| ${l10n.t('partition')} | ${l10n.t('key')} | ${l10n.t('difference')} | ${l10n.t('column')} | ${l10n.t('source')} | ${l10n.t('target')} |`, '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const key = r.key
      ? Object.entries(r.key)
          .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
          .join(', ')
      : '-';
    const head = `| ${md(partitionText(r.partition))} | ${md(key)} | ${r.kind}`;
    if (r.kind !== 'differs') out.push(`${head} | | ${l10n.t('{0} rows', r.sourceRows)} | ${l10n.t('{0} rows', r.targetRows)} |`);
    for (const c of r.columns) out.push(`${head} | ${c.column} | ${md(c.source)} | ${md(c.target)} |`);
  }
  return out;
}

export function verifyText(r: VerifyReport): string {
  const lines = [`## ${r.table} (${r.environment}) ${l10n.t('against {0}', r.source)}: ${r.agree ? l10n.t('MATCHED') : l10n.t('MISMATCH')}`, ''];
  for (const n of r.notes) lines.push(`> ${n}`);
  if (r.notes.length) lines.push('');
  lines.push(`- ${l10n.t('Tier 1, counts: {0} (source {1}, target {2} rows in {3} partitions)', verdict(r.counts.agree), r.counts.source, r.counts.target, r.counts.partitions)}`);
  for (const p of r.counts.differing) lines.push(`  - ${partitionText(p.partition)}: ${p.source} → ${p.target}`);
  if (r.checksums) {
    const c = r.checksums;
    lines.push(`- ${l10n.t('Tier 2, checksums: {0} ({1} differing partitions, {2} differing buckets, {3} differing rows)', verdict(c.agree), c.partitions.length, c.buckets.length, c.differingRows)}`);
    for (const p of c.partitions)
      lines.push(`  - ${partitionText(p.partition)}: ${p.source} → ${p.target}${p.columns.length ? `; ${l10n.t('columns {0}', p.columns.join(', '))}` : ''}${p.bound ? ` (${p.bound})` : ''}`);
  }
  if (r.sample) lines.push(`- ${l10n.t('Tier 3, sampled rows: {0} ({1} keys compared, seed {2}, {3} differing)', verdict(r.sample.agree), r.sample.compared, r.sample.seed, r.sample.differingRows)}`);
  const rows = [...(r.checksums?.rows ?? []), ...(r.sample?.rows ?? [])];
  // A row both tiers found is shown once.
  const seen = new Set<string>();
  const unique = rows.filter((x) => {
    const id = JSON.stringify([x.partition, x.key, x.kind, x.columns]);
    return seen.has(id) ? false : (seen.add(id), true);
  });
  if (unique.length) lines.push('', ...rowsTable(unique));
  for (const m of r.metadataCounts ?? [])
    lines.push(
      '',
      l10n.t(
        'Tier 1 counted {0} partitions of the {1} from Iceberg metadata ($files, no rows scanned); {2} with delete files were counted by a scan.',
        m.partitions,
        m.side === 'target' ? l10n.t('target') : l10n.t('source'),
        m.scanned,
      ),
    );
  if (r.estimate) {
    const e = r.estimate;
    const tiers = e.tiers.map((t) => l10n.t('tier {0}: {1} ({2})', t.tier, bytesText(t.bytes), usdText(t.costUsd))).join('; ');
    lines.push('', l10n.t('Estimated before running: {0}.', tiers));
    if (e.drillLevelBytes) lines.push(l10n.t('Only if a partition differs, each level of drilling (at most {0}) scans up to {1} more.', e.maxDrillLevels, bytesText(e.drillLevelBytes)));
    if (e.unknown.length) lines.push(l10n.t('Size not known for: {0}.', e.unknown.join(', ')));
  }
  if (r.scans) {
    lines.push('', `| ${l10n.t('side')} | ${l10n.t('tier')} | ${l10n.t('query')} | ${l10n.t('bytes scanned')} | ${l10n.t('cost')} |`, '|---|---|---|---|---|');
    for (const q of r.scans.queries) lines.push(`| ${q.side} | ${q.tier} | ${md(q.what)} | ${bytesText(q.bytesScanned)} | ${usdText(q.costUsd)} |`);
    lines.push('', l10n.t('Athena scanned {0} in all: {1} ($5 per TB, at least 10 MB a query).', bytesText(r.scans.bytesScanned), usdText(r.scans.costUsd)));
  }
  lines.push('', l10n.t('{0} queries, {1} + {2} rows read back (source + target), {3} ms', r.queries, r.rowsRead.source, r.rowsRead.target, r.elapsedMs.toFixed(0)));
  return lines.join('\n');
}
