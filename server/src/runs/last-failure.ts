/**
 * The last production failure of a table, on its spec: a warning on the field the remedy changes (or
 * its nearest parent), with quick fixes where the remedy is a spec change — a lower
 * `source.extract.fetch_size` or a higher `parallelism` for a container or heap out of memory, a lower
 * `parallelism` for ORA-01555, ORA-01652 or S3 SlowDown, another `split_by` for a skewed split or
 * ORA-01555. Failures whose remedy is outside the spec (a connection string, a grant) are not shown here.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Fix, type Problem } from '../core/problem';
import type { SpecModel } from '../document/spec-model';
import { setKey, addKey, isMap } from '../document/yaml-edits';
import { get, getPair, num, str, type YMap } from '../document/yaml-node';
import { signatureById } from './failure-signatures';

export const LAST_RUN_FAILED = 'last-run-failed';

/** What the history's `incident` entry says of the failure. */
export interface LastFailure {
  at: string;
  environment: string;
  runId: string;
  taskId: string;
  rules: string[];
}

// Defaults of the extract (oracle/extract-config.ts) when the spec does not say.
const DEFAULT_FETCH = 10000;
const DEFAULT_PARALLELISM = 4;
// Bounds of the fields (the spec's schema).
const MAX_PARALLELISM = 256;

type Change = 'fetch-lower' | 'parallelism-raise' | 'parallelism-lower' | 'split-by';

const changesOf: Record<string, Change[]> = {
  'yarn.container-memory': ['fetch-lower', 'parallelism-raise'],
  'jvm.out-of-memory': ['fetch-lower', 'parallelism-raise'],
  'oracle.snapshot-too-old': ['split-by', 'parallelism-lower'],
  'oracle.temp-space': ['parallelism-lower'],
  's3.slow-down': ['parallelism-lower'],
  'sqoop.split-skew': ['split-by'],
};

/** Sets `source.extract.<key>`: in the extract mapping, or a new flow mapping when the spec has none. */
function setExtract(text: string, source: YMap, key: string, value: string) {
  const extract = get(source, 'extract');
  if (isMap(extract)) return setKey(text, extract, key, value);
  return addKey(text, source, 'extract', `{ ${key}: ${value} }`);
}

function fixesFor(text: string, model: SpecModel, rule: string): Fix[] {
  const source = get(model.root, 'source');
  if (!isMap(source)) return [];
  const extract = get(source, 'extract');
  const fetch = num(get(extract, 'fetch_size')) ?? DEFAULT_FETCH;
  const parallelism = num(get(extract, 'parallelism')) ?? DEFAULT_PARALLELISM;
  const splitBy = str(get(extract, 'split_by'));
  const fixes: Fix[] = [];
  for (const change of changesOf[rule] ?? []) {
    if (change === 'fetch-lower' && fetch > 1) {
      const to = Math.max(1, Math.floor(fetch / 2));
      fixes.push({ title: l10n.t('Lower source.extract.fetch_size to {0}', String(to)), edits: [setExtract(text, source, 'fetch_size', String(to))] });
    }
    if (change === 'parallelism-raise' && parallelism < MAX_PARALLELISM) {
      const to = Math.min(MAX_PARALLELISM, parallelism * 2);
      fixes.push({ title: l10n.t('Raise source.extract.parallelism to {0}', String(to)), edits: [setExtract(text, source, 'parallelism', String(to))] });
    }
    if (change === 'parallelism-lower' && parallelism > 1) {
      const to = Math.max(1, Math.floor(parallelism / 2));
      fixes.push({ title: l10n.t('Lower source.extract.parallelism to {0}', String(to)), edits: [setExtract(text, source, 'parallelism', String(to))] });
    }
    if (change === 'split-by') {
      // Dates spread evenly over time; then numbers (a sequence). Never the column that skewed.
      const rank = (f: string | undefined) => (f === 'date' || f === 'timestamp' ? 0 : f === 'number' ? 1 : 9);
      const candidates = model.columns
        .filter((c) => c.name && rank(c.oracle?.family) < 9 && c.key !== splitBy?.toLowerCase())
        .sort((a, b) => rank(a.oracle?.family) - rank(b.oracle?.family) || a.index - b.index);
      for (const c of candidates.slice(0, 3)) fixes.push({ title: l10n.t('Split the extract by {0}', c.name!), edits: [setExtract(text, source, 'split_by', c.name!)] });
    }
  }
  if (fixes[0]) fixes[0].preferred = true;
  return fixes;
}

/** Where the warning stands: the key of the first remedy field the spec has, else of its nearest parent, else the table key. */
function spanOf(model: SpecModel, fields: string[]): { start: number; end: number } {
  for (const field of fields) {
    const path = field.split('.');
    for (let n = path.length; n > 0; n--) {
      let map: YMap | null = model.root;
      for (const key of path.slice(0, n - 1)) {
        const next = get(map, key);
        map = isMap(next) ? next : null;
      }
      const pair = map ? getPair(map, path[n - 1]!) : undefined;
      if (pair) return { start: pair.key.start, end: pair.key.end };
    }
  }
  const table = getPair(model.root, 'table');
  return table ? { start: table.key.start, end: table.key.end } : { start: 0, end: 0 };
}

/** The warning of the last failure, when its cause has a remedy on the spec. */
export function lastFailureProblems(text: string, model: SpecModel, failure: LastFailure): Problem[] {
  const rule = failure.rules.find((r) => (signatureById(r)?.fields.length ?? 0) > 0);
  const s = rule ? signatureById(rule) : undefined;
  if (!rule || !s) return [];
  const message = l10n.t(
    'The last production run failed ({0}, {1}, run {2}, task {3}): {4} {5}',
    failure.at.slice(0, 16).replace('T', ' '),
    failure.environment,
    failure.runId,
    failure.taskId,
    s.meaning(),
    s.remedy(),
  );
  return [problem(LAST_RUN_FAILED, 'warning', spanOf(model, s.fields), `${message} [${rule}]`, fixesFor(text, model, rule))];
}
