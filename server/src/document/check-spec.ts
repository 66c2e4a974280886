/**
 * Checks one spec: YAML syntax, the schema, each column (cached), then the table-wide rules.
 * One checker per document keeps the caches that make re-checking after a keystroke cheap.
 */
import * as l10n from '@vscode/l10n';
import type { Catalog } from '../catalog/catalog';
import { defaultConfig, defaultSettings, type Settings, type WorkspaceConfig } from '../config/workspace-config';
import { compareProblems, problem, type Problem } from '../core/problem';
import { formatGlueType, type GlueType } from '../glue/glue-type';
import { analyzeColumn, columnContext } from '../rules/analyze-column';
import { checkCatalogDrift } from '../rules/check-catalog-drift';
import { checkDuplicateColumns } from '../rules/check-columns';
import { checkJoins, joinRefs, resolveJoins, type JoinRef } from '../rules/check-joins';
import { checkLoad } from '../rules/check-load';
import { checkAthenaFormat } from '../rules/check-athena-format';
import { checkReferences } from '../rules/check-references';
import { checkTable } from '../rules/check-table';
import { checkSqlText } from '../rules/check-sql-text';
import { checkSource, type SourceDictionary } from '../rules/check-source';
import { checkValueFindings, type ValueFindings } from '../rules/check-value-findings';
import { checkSchema } from './check-schema';
import { createYamlParser, parseYamlFile, type ParsedYaml } from './parse-yaml';
import type { ColumnFacts, ColumnModel, RuleContext, SpecModel } from './spec-model';
import { emptyWorkspace, type IndexedColumn, type IndexedSpec, type WorkspaceView } from './workspace-index';
import { get, num, str, type YMap, type YNode } from './yaml-node';

export interface CheckEnvironment {
  config: WorkspaceConfig;
  settings: Settings;
  workspace: WorkspaceView;
  catalog?: Catalog;
  source?: SourceDictionary;
  values?: ValueFindings;
}

export interface CheckResult {
  problems: Problem[];
  model: SpecModel;
  parsed: ParsedYaml;
}

const tableRules: { name: string; run: (ctx: RuleContext) => Problem[] }[] = [
  { name: 'table', run: checkTable },
  { name: 'duplicate columns', run: checkDuplicateColumns },
  { name: 'references', run: checkReferences },
  { name: 'load', run: checkLoad },
  { name: 'Athena format', run: checkAthenaFormat },
  { name: 'joins', run: checkJoins },
  { name: 'catalog drift', run: checkCatalogDrift },
  { name: 'SQL text', run: checkSqlText },
  { name: 'source', run: checkSource },
  { name: 'value scan', run: checkValueFindings },
];

// A column's model is kept while its node is: nodes are reused for chunks that neither changed nor moved.
const models = new WeakMap<YNode, ColumnModel>();

/**
 * A column's model: its facts' fields written out, then where it stands. Not `{ ...facts, facts, node, index }`:
 * V8 gave the spread's objects a shape of their own each, and every rule's loop over 1,000 columns read them
 * slowly; written out, all models share one shape, and a keystroke at 1,000 columns checks 2-3 times faster.
 * `satisfies` makes a field added to ColumnFacts fail to compile here until it is written out too.
 */
function columnModel(f: ColumnFacts, node: YNode, index: number): ColumnModel {
  return {
    name: f.name,
    key: f.key,
    oracle: f.oracle,
    mapped: f.mapped,
    target: f.target,
    override: f.override,
    nullable: f.nullable,
    comment: f.comment,
    pii: f.pii,
    encrypt: f.encrypt,
    cleansedKind: f.cleansedKind,
    hasPurge: f.hasPurge,
    facts: f,
    node,
    index,
  } satisfies { [K in keyof Required<ColumnFacts>]: ColumnFacts[K] } & Pick<ColumnModel, 'facts' | 'node' | 'index'>;
}

function buildModel(text: string, parsed: ParsedYaml, env: Pick<CheckEnvironment, 'config'>, problems: Problem[]): SpecModel {
  const root = parsed.root?.kind === 'map' ? (parsed.root as YMap) : null;
  const kind = str(get(root, 'kind')) === 'mart' ? 'mart' : 'source';
  const formatValue = str(get(get(root, 'storage'), 'format'));
  const model: SpecModel = {
    root,
    kind,
    format: formatValue === 'parquet' || formatValue === 'iceberg' ? formatValue : env.config.defaultFormat,
    databaseFromDefault: false,
    columns: [],
    byName: new Map(),
  };
  const table = str(get(root, 'table'));
  if (table) model.table = table.toLowerCase();
  const database = str(get(root, 'database'));
  if (database) model.database = database.toLowerCase();
  else if (env.config.defaultDatabase) {
    model.database = env.config.defaultDatabase;
    model.databaseFromDefault = true;
  }
  const size = num(get(get(root, 'source'), 'size_gb'));
  if (size !== undefined) model.sizeGb = size;

  const columns = get(root, 'columns');
  if (columns?.kind === 'seq') {
    const ctx = columnContext(kind, env.config.maxStringSize === 'extended', env.config.defaultEncrypt);
    for (let index = 0; index < columns.items.length; index++) {
      const node = columns.items[index];
      if (node?.kind !== 'map') continue;
      const { facts, problems: found } = analyzeColumn(text, node, ctx);
      for (const p of found) problems.push(p);
      let column = models.get(node);
      if (!column || column.index !== index || column.facts !== facts) {
        column = columnModel(facts, node, index);
        // Only the editor's placed chunks (with an origin) are seen again.
        if (node.origin) models.set(node, column);
      }
      model.columns.push(column);
      if (column.key !== undefined && !model.byName.has(column.key)) model.byName.set(column.key, column);
    }
  }
  return model;
}

/**
 * Runs the table-wide rules over `ctx`, adding their problems to `problems`. Over the budget (the
 * editor's), the rules left are skipped and the problem says which.
 */
function runRules(rules: typeof tableRules, ctx: RuleContext, problems: Problem[], started: number, budgetMs?: number): void {
  for (const [i, rule] of rules.entries()) {
    if (budgetMs !== undefined && performance.now() - started > budgetMs) {
      const skipped = rules.slice(i).map((r) => r.name);
      problems.push(
        problem(
          'check-time-budget',
          'warning',
          { start: 0, end: 0 },
          l10n.t('Checking this spec took more than {0} ms: the checks of {1} were skipped. `tablespec check` runs them all.', budgetMs, skipped.join(', ')),
        ),
      );
      return;
    }
    problems.push(...guarded(rule.name, () => rule.run(ctx)));
  }
}

/** One rule's problems; a bug in one rule must not hide the others' results, nor stop the server. */
function guarded(name: string, run: () => Problem[]): Problem[] {
  try {
    return run();
  } catch (err) {
    return [problem('internal-error', 'error', { start: 0, end: 0 }, l10n.t('The {0} check failed: {1}. Please report this with the spec.', name, (err as Error).message))];
  }
}

/** The problems as reported: without the disabled codes, in document order. */
function reported(problems: Problem[], settings: Settings): Problem[] {
  const disabled = settings.disabled;
  const kept = disabled.length ? problems.filter((p) => !disabled.includes(p.code)) : problems;
  return kept.sort(compareProblems);
}

/** Returns a check function with its own caches, for one document. */
export function createSpecChecker(options: { budgetMs?: number } = {}): (text: string, env: CheckEnvironment) => CheckResult {
  const parse = createYamlParser();
  return (text, env) => {
    const started = performance.now();
    const parsed = parse(text);
    const problems: Problem[] = [...parsed.problems];
    // A document whose aliases go over the bound has no tree to check: its one problem says why.
    if (parsed.problems.some((p) => p.code === 'yaml-alias-limit')) return { problems: problems.sort(compareProblems), model: buildModel(text, { ...parsed, root: null }, env, []), parsed };
    // Structure first: semantic rules assume the shapes the schema describes, and skip what it rejects.
    problems.push(...checkSchema(parsed.root, text));
    const model = buildModel(text, parsed, env, problems);
    runRules(tableRules, { text, model, ...env }, problems, started, options.budgetMs);
    return { problems: reported(problems, env.settings), model, parsed };
  };
}

const warmUpSpec = 'table: t\nkind: source\nsource: { object: A.T }\nload: { mode: overwrite }\ncolumns:\n  - { name: a, oracle: NUMBER(1), cleansing: [trim] }\n';

/**
 * Checks a small spec once and forgets it: the schema is compiled and the checks' code loaded now, so
 * that the first real spec is checked at once. Call it after `useLocale` (messages are cached).
 */
export function warmUpChecker(): void {
  createSpecChecker()(warmUpSpec, { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace });
}

/** A spec file checked before the other specs of its workspace are known; see `checkSpecFile`. */
export interface FileCheck {
  model: SpecModel;
  /** Every problem but those of the joins, reported. */
  problems: Problem[];
  /** What the spec's joins ask of the workspace, for `withJoins`; empty when it has none. */
  joins: JoinRef[];
}

/**
 * Checks a spec that is not being edited (a file on disk), once and with no cache, before the other
 * specs of its workspace are indexed: every rule but the joins runs now, and the joins are kept as
 * plain data for `withJoins`, so that indexing and checking a workspace is one parse of each file and
 * nothing of a file's tree is kept. Same problems as `createSpecChecker` with the whole workspace.
 */
export function checkSpecFile(text: string, env: Omit<CheckEnvironment, 'workspace'>, options: { budgetMs?: number } = {}): FileCheck {
  const started = performance.now();
  const parsed = parseYamlFile(text);
  const problems: Problem[] = [...parsed.problems];
  if (parsed.problems.some((p) => p.code === 'yaml-alias-limit')) return { problems: problems.sort(compareProblems), model: buildModel(text, { ...parsed, root: null }, env, []), joins: [] };
  problems.push(...checkSchema(parsed.root, text));
  const model = buildModel(text, parsed, env, problems);
  let joins: JoinRef[] = [];
  // The joins rule takes its references here, in its place among the rules (the budget counts it).
  const rules = tableRules.map((r) => (r.run === checkJoins ? { ...r, run: () => ((joins = joinRefs(model)), []) } : r));
  runRules(rules, { text, model, ...env, workspace: emptyWorkspace }, problems, started, options.budgetMs);
  return { model, problems: reported(problems, env.settings), joins };
}

/** The problems of a spec checked by `checkSpecFile`, with those of its joins now that the workspace is indexed. */
export function withJoins(check: Pick<FileCheck, 'problems' | 'joins'>, workspace: WorkspaceView, settings: Settings): Problem[] {
  if (check.joins.length === 0) return check.problems;
  return reported([...check.problems, ...guarded('joins', () => resolveJoins(check.joins, workspace))], settings);
}

/** What a spec file that is not checked tells the others (for joins): one parse, the columns, no rules. */
export function indexSpecFile(uri: string, text: string, config: WorkspaceConfig): IndexedSpec | undefined {
  const parsed = parseYamlFile(text);
  if (parsed.problems.some((p) => p.code === 'yaml-alias-limit')) return undefined;
  return indexEntry(uri, buildModel(text, parsed, { config }, []));
}

// What a column tells the index, kept with its facts (the same object while its text is, wherever it moves).
const indexedColumns = new WeakMap<ColumnFacts, [string, IndexedColumn] | null>();
// The text of each Glue type object: columns of one Oracle type share their mapped type (check-column-type.ts).
const glueTypeTexts = new WeakMap<GlueType, string>();

function glueTypeText(t: GlueType): string {
  let text = glueTypeTexts.get(t);
  if (text === undefined) glueTypeTexts.set(t, (text = formatGlueType(t)));
  return text;
}

function indexedColumn(c: ColumnModel): [string, IndexedColumn] | null {
  let known = indexedColumns.get(c.facts);
  if (known === undefined) {
    known = c.name && c.target ? [c.name.toLowerCase(), { type: glueTypeText(c.target), encrypted: !!c.encrypt }] : null;
    // A column of a file parsed once (no origin) is not seen again: nothing to keep.
    if (c.node.origin) indexedColumns.set(c.facts, known);
  }
  return known;
}

/** What this spec tells other specs (for joins): undefined when it has no name yet. */
export function indexEntry(uri: string, model: SpecModel): IndexedSpec | undefined {
  if (!model.table || !model.database) return undefined;
  const columns = new Map<string, IndexedColumn>();
  for (const c of model.columns) {
    const known = indexedColumn(c);
    if (known) columns.set(known[0], known[1]);
  }
  return { uri, database: model.database, table: model.table, columns };
}
