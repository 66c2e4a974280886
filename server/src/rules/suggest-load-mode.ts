/**
 * The load mode that fits a table: a keyed, changing table merges (upsert); a dated, insert-only
 * table appends; a small table without partitions is overwritten whole.
 */
import * as l10n from '@vscode/l10n';
import { isGlueDatetime } from '../glue/glue-type';
import { stringItems, type ColumnModel, type SpecModel } from '../document/spec-model';
import { get, nodeAt } from '../document/yaml-node';

export type LoadMode = 'overwrite' | 'append' | 'upsert';

export interface Suggestion {
  mode: LoadMode;
  reason: string;
}

/** Columns that look like a key: not null, named like a number or identifier. */
export function keyCandidates(model: SpecModel): ColumnModel[] {
  const notNull = model.columns.filter((c) => c.name && !c.nullable);
  const keyLike = notNull.filter((c) => /(?:_no|_id|_key|_seq|_cd)$/.test(c.name!));
  return keyLike.length ? keyLike.slice(0, 3) : notNull.slice(0, 1);
}

export function suggestLoadMode(model: SpecModel, largeGb: number): Suggestion {
  const load = get(model.root, 'load');
  const keys = stringItems(get(load, 'keys'));
  const partitions = stringItems(get(load, 'partition_by')).map((p) => model.byName.get(String(p.value).toLowerCase()));
  const datedPartition = partitions.some((c) => c?.target && isGlueDatetime(c.target));
  const incremental = nodeAt(model.root, ['load', 'incremental_by']) != null;
  const large = (model.sizeGb ?? 0) >= largeGb;
  if (keys.length > 0 && (incremental || large)) return { mode: 'upsert', reason: l10n.t('it has keys and changes over time: merge the changed rows on the keys') };
  if (datedPartition && keys.length === 0) return { mode: 'append', reason: l10n.t('it is partitioned by date and has no keys: add each day as new partitions') };
  if (!large && partitions.length === 0) return { mode: 'overwrite', reason: l10n.t('it is small (under {0} GB) and has no partitions: replace it whole in one transaction', largeGb) };
  if (keys.length > 0 || keyCandidates(model).length > 0) return { mode: 'upsert', reason: l10n.t('it is large and has key columns: merge the changed rows instead of rewriting everything') };
  return { mode: 'append', reason: l10n.t('it is large and has no keys: append new rows by partition') };
}
