/**
 * The changes a deploy makes, from the deployed table to the spec's: each one safe, needing a data
 * rewrite, or destructive, so that the engineer sees what will happen before it does.
 */
import * as l10n from '@vscode/l10n';
import type { Column, Table } from '@aws-sdk/client-glue';
import { normaliseGlueTypeText, parseGlueType } from '../glue/glue-type';
import type { NormalizedTable } from '../sql/normalized-table';
import type { Change, Safety } from '../sql/table-changes';

export type { Change, Safety };

const columnsOf = (t: Table): Column[] => [...(t.StorageDescriptor?.Columns ?? []), ...(t.PartitionKeys ?? [])];
const isIceberg = (t: Table) => (t.Parameters?.table_type ?? '').toUpperCase() === 'ICEBERG';
const slash = (s = '') => (s.endsWith('/') ? s : s + '/');

/** Iceberg promotes int → bigint, float → double and widens decimal precision in place; anything else rewrites. */
function widens(from: string, to: string): boolean {
  if (from === 'int' && to === 'bigint') return true;
  if (from === 'float' && to === 'double') return true;
  const a = parseGlueType(from).type;
  const b = parseGlueType(to).type;
  return a?.kind === 'decimal' && b?.kind === 'decimal' && a.scale === b.scale && b.precision >= a.precision;
}

export function planChanges(plan: NormalizedTable, desired: Table, current: Table | undefined): Change[] {
  const name = `${plan.database}.${plan.table}`;
  const views: Change[] = plan.views.map((v) => ({
    kind: 'view',
    target: `${plan.database}.${v.name}`,
    detail: v.where ? l10n.t('create or replace view ({0} columns, filtered)', v.columns.length) : l10n.t('create or replace view ({0} columns)', v.columns.length),
    safety: 'safe',
  }));
  if (!current) {
    return [
      {
        kind: 'create-table',
        target: name,
        detail: plan.partitionBy.length
          ? l10n.t('create {0} table with {1} columns, partitioned by {2}', plan.format, plan.columns.length, plan.partitionBy.join(', '))
          : l10n.t('create {0} table with {1} columns', plan.format, plan.columns.length),
        safety: 'safe',
      },
      ...views,
    ];
  }
  const changes: Change[] = [];
  const now = new Map(columnsOf(current).map((c) => [(c.Name ?? '').toLowerCase(), c]));
  const want = new Map(columnsOf(desired).map((c) => [c.Name!, c]));
  for (const [n, c] of want) {
    const had = now.get(n);
    if (!had) changes.push({ kind: 'add-column', target: `${name}.${n}`, detail: l10n.t('add {0}', c.Type ?? ''), safety: 'safe' });
    else {
      const from = normaliseGlueTypeText(had.Type ?? '');
      const to = normaliseGlueTypeText(c.Type ?? '');
      if (from !== to) changes.push({ kind: 'retype-column', target: `${name}.${n}`, detail: `${from} → ${to}`, safety: isIceberg(current) && widens(from, to) ? 'safe' : 'rewrite' });
      if ((had.Comment ?? '') !== (c.Comment ?? '') || JSON.stringify(had.Parameters ?? {}) !== JSON.stringify(c.Parameters ?? {}))
        changes.push({ kind: 'comment', target: `${name}.${n}`, detail: l10n.t('comment or parameters'), safety: 'safe' });
    }
  }
  for (const n of now.keys()) if (!want.has(n)) changes.push({ kind: 'drop-column', target: `${name}.${n}`, detail: l10n.t('drop the column and its data'), safety: 'destructive' });
  if (isIceberg(current) !== isIceberg(desired)) changes.push({ kind: 'format', target: name, detail: `${isIceberg(current) ? 'iceberg' : 'parquet'} → ${plan.format}`, safety: 'rewrite' });
  const partsNow = (current.PartitionKeys ?? []).map((p) => p.Name).join(',') || current.Parameters?.['tablespec.partition_by'] || '';
  const partsWant = (desired.PartitionKeys ?? []).map((p) => p.Name).join(',') || desired.Parameters?.['tablespec.partition_by'] || '';
  if (partsNow !== partsWant) changes.push({ kind: 'partition-keys', target: name, detail: `[${partsNow}] → [${partsWant}]`, safety: 'rewrite' });
  // An Iceberg table overwritten by a swap has its data beside the deployed location; the deployed one is kept in a parameter.
  const locNow = (isIceberg(current) ? current.Parameters?.['tablespec.location'] : undefined) ?? current.StorageDescriptor?.Location;
  const locWant = desired.StorageDescriptor?.Location;
  if (locNow && locWant && slash(locNow) !== slash(locWant)) changes.push({ kind: 'location', target: name, detail: `${locNow} → ${locWant}`, safety: 'rewrite' });
  const props = (t: Table) =>
    JSON.stringify(
      Object.entries(t.Parameters ?? {})
        .filter(([k]) => k.startsWith('tablespec.'))
        .sort(),
    ) + (t.Description ?? '');
  if (props(current) !== props(desired)) changes.push({ kind: 'properties', target: name, detail: l10n.t('table properties or description'), safety: 'safe' });
  return [...changes, ...views];
}

export function describeChanges(changes: Change[]): string {
  if (changes.length === 0) return l10n.t('No changes: the deployed table matches the spec.');
  const mark: Record<Safety, string> = { safe: '  ', rewrite: 'R ', destructive: 'D!' };
  return changes.map((c) => `${mark[c.safety]} ${c.kind.padEnd(14)} ${c.target}: ${c.detail}`).join('\n');
}

/** The changes for an editor's dialog (proportional type, so no columns): a symbol per change, and what the symbols mean when one destroys or rewrites. */
export function describeChangesForDialog(changes: Change[]): string {
  if (changes.length === 0) return l10n.t('No changes: the deployed table matches the spec.');
  const mark: Record<Safety, string> = { safe: '✓', rewrite: '⟳', destructive: '✗' };
  const lines = changes.map((c) => `${mark[c.safety]} ${c.kind} ${c.target}: ${c.detail}`).join('\n');
  return changes.some((c) => c.safety !== 'safe') ? `${lines}\n\n${l10n.t('✗ destroys data, ⟳ rewrites it.')}` : lines;
}
