/**
 * The load section: upsert needs keys and Iceberg, retention needs a date partition, partitions are
 * primitive, large tables are not overwritten whole and have their extract tuned, and a mode that does
 * not fit the table gets a suggestion.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Fix, type Problem } from '../core/problem';
import { formatGlueType, isComplex, isGlueDatetime } from '../glue/glue-type';
import { addKey, isMap, setKey } from '../document/yaml-edits';
import { stringItems, type RuleContext } from '../document/spec-model';
import { get, getPair, nodeAt, str } from '../document/yaml-node';
import { keyCandidates, suggestLoadMode, type Suggestion } from './suggest-load-mode';

function setModeFix(ctx: RuleContext, s: Suggestion): Fix[] {
  const load = get(ctx.model.root, 'load');
  if (!isMap(load)) return [];
  return [{ title: l10n.t('Set `load.mode: {0}`', s.mode), edits: [setKey(ctx.text, load, 'mode', s.mode)] }];
}

export function checkLoad(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const { model, text, settings } = ctx;
  const root = model.root;
  const load = get(root, 'load');
  const modeNode = get(load, 'mode');
  const mode = str(modeNode);
  const keys = stringItems(get(load, 'keys'));
  const suggestion = suggestLoadMode(model, settings.largeTableGb);
  const sizeNode = nodeAt(root, ['source', 'size_gb']);
  // As the contract writes them: extract tuning from the threshold on (size_gb ≥ 100), overwrite only over it (> 100).
  const large = model.sizeGb !== undefined && model.sizeGb >= settings.largeTableGb;
  const overLarge = model.sizeGb !== undefined && model.sizeGb > settings.largeTableGb;

  if (isMap(load) && !modeNode) {
    problems.push(
      problem('load-mode-suggestion', 'hint', getPair(root, 'load')!.key, l10n.t('Suggested load mode: {0}, because {1}.', suggestion.mode, suggestion.reason), setModeFix(ctx, suggestion)),
    );
  }

  if (mode === 'upsert') {
    if (keys.length === 0 && modeNode) {
      const candidates = keyCandidates(model).map((c) => c.name!);
      const fixes: Fix[] =
        candidates.length && isMap(load) ? [{ title: l10n.t('Add `keys: [{0}]`', candidates.join(', ')), edits: [setKey(text, load, 'keys', `[${candidates.join(', ')}]`)], preferred: true }] : [];
      problems.push(
        problem(
          'upsert-without-keys',
          'error',
          modeNode,
          candidates.length
            ? l10n.t('`upsert` merges rows on `load.keys`, and none are given. Key-like columns: {0}.', candidates.join(', '))
            : l10n.t('`upsert` merges rows on `load.keys`, and none are given.'),
          fixes,
        ),
      );
    }
    if (model.format === 'parquet' && modeNode) {
      const formatNode = nodeAt(root, ['storage', 'format']);
      const storage = get(root, 'storage');
      const fixes: Fix[] = formatNode
        ? [{ title: l10n.t('Use `storage.format: iceberg`'), edits: [{ start: formatNode.start, end: formatNode.end, newText: 'iceberg' }], preferred: true }]
        : isMap(storage)
          ? [{ title: l10n.t('Use `storage.format: iceberg`'), edits: [setKey(text, storage, 'format', 'iceberg')] }]
          : [];
      const message = formatNode
        ? l10n.t('Athena can MERGE only into Iceberg tables; this table is Parquet.')
        : l10n.t('Athena can MERGE only into Iceberg tables; this table is Parquet (the workspace default).');
      problems.push(problem('upsert-needs-iceberg', 'error', formatNode ?? modeNode, message, fixes));
    }
  }

  const partitions = stringItems(get(load, 'partition_by'));
  for (const p of partitions) {
    const col = model.byName.get(String(p.value).toLowerCase());
    if (col?.target && isComplex(col.target))
      problems.push(problem('partition-complex-type', 'error', p, l10n.t('Partition column `{0}` is {1}; partition columns must be primitive types.', String(p.value), formatGlueType(col.target))));
  }
  const retention = get(load, 'retention');
  if (retention && retention.kind === 'scalar' && typeof retention.value === 'string' && /^[1-9]\d*[dmy]$/.test(retention.value)) {
    const dated = partitions.some((p) => {
      const t = model.byName.get(String(p.value).toLowerCase())?.target;
      return t && isGlueDatetime(t);
    });
    if (!dated) {
      const age = String(retention.value);
      const message =
        mode === 'append'
          ? l10n.t('`load.retention` deletes partitions older than {0}; it needs a date or timestamp column in `load.partition_by`, or the appended rows are never removed.', age)
          : l10n.t('`load.retention` deletes partitions older than {0}; it needs a date or timestamp column in `load.partition_by`.', age);
      problems.push(problem('retention-without-date-partition', 'error', retention, message));
    }
  }

  if (mode === 'overwrite' && overLarge && modeNode) {
    const better = suggestion.mode !== 'overwrite';
    const message = better
      ? l10n.t('Overwriting {0} GB on every load rewrites the whole table; {1} fits better, because {2}.', model.sizeGb ?? 0, suggestion.mode, suggestion.reason)
      : l10n.t('Overwriting {0} GB on every load rewrites the whole table.', model.sizeGb ?? 0);
    problems.push(problem('overwrite-large-table', 'warning', modeNode, message, better ? setModeFix(ctx, suggestion) : []));
  } else if (mode === 'append' && modeNode && partitions.length === 0 && !get(load, 'incremental_by') && suggestion.mode !== 'append') {
    problems.push(
      problem(
        'load-mode-suggestion',
        'hint',
        modeNode,
        l10n.t('`append` without a partition or an incremental column cannot re-run a batch without duplicating it; {0} fits better, because {1}.', suggestion.mode, suggestion.reason),
        setModeFix(ctx, suggestion),
      ),
    );
  }

  if (large && sizeNode) {
    const extract = nodeAt(root, ['source', 'extract']);
    const missing = (['hint', 'fetch_size', 'split_by'] as const).filter((k) => get(extract, k) == null);
    if (missing.length) {
      const split = keyCandidates(model).find((c) => c.target && (c.target.kind === 'int' || c.target.kind === 'bigint' || c.target.kind === 'decimal'))?.name;
      const source = get(root, 'source');
      const fixes: Fix[] =
        !extract && isMap(source)
          ? [{ title: l10n.t('Add extract tuning'), edits: [addKey(text, source, 'extract', `{ hint: PARALLEL(8), fetch_size: 10000${split ? `, split_by: ${split}` : ''}, parallelism: 8 }`)] }]
          : [];
      problems.push(
        problem(
          'large-table-untuned',
          'warning',
          sizeNode,
          l10n.t(
            'A {0} GB extract needs tuning: set {1} (a parallel hint, a fetch size over the driver default of 10, a split column for parallel sessions).',
            model.sizeGb ?? 0,
            missing.map((m) => `\`source.extract.${m}\``).join(', '),
          ),
          fixes,
        ),
      );
    }
  }
  return problems;
}
