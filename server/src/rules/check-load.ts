/**
 * The load section: upsert needs keys and Iceberg, retention needs a date partition, partitions are
 * primitive, large tables are not overwritten whole and have their extract tuned, and a mode that does
 * not fit the table gets a suggestion.
 */
import { problem, type Fix, type Problem } from '../core/problem';
import { formatGlueType, isComplex, isGlueDatetime } from '../glue/glue-type';
import { addKey, isMap, setKey } from '../spec/yaml-edits';
import { stringItems, type RuleContext } from '../spec/spec-model';
import { get, getPair, nodeAt, str } from '../spec/yaml-node';
import { keyCandidates, suggestLoadMode, type Suggestion } from './suggest-load-mode';

function setModeFix(ctx: RuleContext, s: Suggestion): Fix[] {
  const load = get(ctx.model.root, 'load');
  if (!isMap(load)) return [];
  return [{ title: `Set \`load.mode: ${s.mode}\``, edits: [setKey(ctx.text, load, 'mode', s.mode)] }];
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
  const large = model.sizeGb !== undefined && model.sizeGb >= settings.largeTableGb;

  if (isMap(load) && !modeNode) {
    problems.push(problem('load-mode-suggestion', 'hint', getPair(root, 'load')!.key, `Suggested load mode: ${suggestion.mode}, because ${suggestion.reason}.`, setModeFix(ctx, suggestion)));
  }

  if (mode === 'upsert') {
    if (keys.length === 0 && modeNode) {
      const candidates = keyCandidates(model).map((c) => c.name!);
      const fixes: Fix[] = candidates.length && isMap(load) ? [{ title: `Add \`keys: [${candidates.join(', ')}]\``, edits: [setKey(text, load, 'keys', `[${candidates.join(', ')}]`)], preferred: true }] : [];
      problems.push(problem('upsert-without-keys', 'error', modeNode, `\`upsert\` merges rows on \`load.keys\`, and none are given.${candidates.length ? ` Key-like columns: ${candidates.join(', ')}.` : ''}`, fixes));
    }
    if (model.format === 'parquet' && modeNode) {
      const formatNode = nodeAt(root, ['storage', 'format']);
      const storage = get(root, 'storage');
      const fixes: Fix[] = formatNode ? [{ title: 'Use `storage.format: iceberg`', edits: [{ start: formatNode.start, end: formatNode.end, newText: 'iceberg' }], preferred: true }] : isMap(storage) ? [{ title: 'Use `storage.format: iceberg`', edits: [setKey(text, storage, 'format', 'iceberg')] }] : [];
      problems.push(problem('upsert-needs-iceberg', 'error', formatNode ?? modeNode, `Athena can MERGE only into Iceberg tables; this table is Parquet${formatNode ? '' : ' (the workspace default)'}.`, fixes));
    }
  }

  const partitions = stringItems(get(load, 'partition_by'));
  for (const p of partitions) {
    const col = model.byName.get(String(p.value).toLowerCase());
    if (col?.target && isComplex(col.target)) problems.push(problem('partition-complex-type', 'error', p, `Partition column \`${p.value}\` is ${formatGlueType(col.target)}; partition columns must be primitive types.`));
  }
  const retention = get(load, 'retention');
  if (retention && retention.kind === 'scalar' && typeof retention.value === 'string' && /^[1-9]\d*[dmy]$/.test(retention.value)) {
    const dated = partitions.some((p) => {
      const t = model.byName.get(String(p.value).toLowerCase())?.target;
      return t && isGlueDatetime(t);
    });
    if (!dated) problems.push(problem('retention-without-date-partition', 'error', retention, `\`load.retention\` deletes partitions older than ${retention.value}; it needs a date or timestamp column in \`load.partition_by\`${mode === 'append' ? ', or the appended rows are never removed' : ''}.`));
  }

  if (mode === 'overwrite' && large && modeNode) {
    problems.push(problem('overwrite-large-table', 'warning', modeNode, `Overwriting ${model.sizeGb} GB on every load rewrites the whole table${suggestion.mode !== 'overwrite' ? `; ${suggestion.mode} fits better, because ${suggestion.reason}` : ''}.`, suggestion.mode !== 'overwrite' ? setModeFix(ctx, suggestion) : []));
  } else if (mode === 'append' && modeNode && partitions.length === 0 && !get(load, 'incremental_by') && suggestion.mode !== 'append') {
    problems.push(problem('load-mode-suggestion', 'hint', modeNode, `\`append\` without a partition or an incremental column cannot re-run a batch without duplicating it; ${suggestion.mode} fits better, because ${suggestion.reason}.`, setModeFix(ctx, suggestion)));
  }

  if (large && sizeNode) {
    const extract = nodeAt(root, ['source', 'extract']);
    const missing = (['hint', 'fetch_size', 'split_by'] as const).filter((k) => get(extract, k) == null);
    if (missing.length) {
      const split = keyCandidates(model).find((c) => c.target && (c.target.kind === 'int' || c.target.kind === 'bigint' || c.target.kind === 'decimal'))?.name;
      const source = get(root, 'source');
      const fixes: Fix[] = !extract && isMap(source) ? [{ title: 'Add extract tuning', edits: [addKey(text, source, 'extract', `{ hint: PARALLEL(8), fetch_size: 10000${split ? `, split_by: ${split}` : ''}, parallelism: 8 }`)] }] : [];
      problems.push(problem('large-table-untuned', 'warning', sizeNode, `A ${model.sizeGb} GB extract needs tuning: set \`source.extract.${missing.join('`, `source.extract.')}\` (a parallel hint, a fetch size over the driver default of 10, a split column for parallel sessions).`, fixes));
    }
  }
  return problems;
}
