/**
 * Checks one spec: YAML syntax, the schema, each column (cached), then the table-wide rules.
 * One checker per document keeps the caches that make re-checking after a keystroke cheap.
 */
import * as l10n from '@vscode/l10n';
import type { Catalog } from '../catalog/catalog';
import type { CheckSettings, WorkspaceConfig } from '../config/workspace-config';
import { compareProblems, problem, type Problem } from '../core/problem';
import { formatGlueType } from '../glue/glue-type';
import { analyzeColumn, columnContext } from '../rules/analyze-column';
import { checkCatalogDrift } from '../rules/check-catalog-drift';
import { checkDuplicateColumns } from '../rules/check-columns';
import { checkJoins } from '../rules/check-joins';
import { checkLoad } from '../rules/check-load';
import { checkReferences } from '../rules/check-references';
import { checkTable } from '../rules/check-table';
import { checkSqlText } from '../rules/check-sql-text';
import { checkSource, type SourceDictionary } from '../rules/check-source';
import { checkSchema } from './check-schema';
import { createYamlParser, type ParsedYaml } from './parse-yaml';
import type { ColumnModel, RuleContext, SpecModel } from './spec-model';
import type { IndexedSpec, WorkspaceView } from './workspace-index';
import { get, num, str, type YMap, type YNode } from './yaml-node';

export interface CheckEnvironment {
  config: WorkspaceConfig;
  settings: CheckSettings;
  workspace: WorkspaceView;
  catalog?: Catalog;
  source?: SourceDictionary;
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
  { name: 'joins', run: checkJoins },
  { name: 'catalog drift', run: checkCatalogDrift },
  { name: 'SQL text', run: checkSqlText },
  { name: 'source', run: checkSource },
];

// A column's model is kept while its node is: nodes are reused for chunks that neither changed nor moved.
const models = new WeakMap<YNode, ColumnModel>();

function buildModel(text: string, parsed: ParsedYaml, env: CheckEnvironment, problems: Problem[]): SpecModel {
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
      if (!node || node.kind !== 'map') continue;
      const { facts, problems: found } = analyzeColumn(text, node, ctx);
      for (const p of found) problems.push(p);
      let column = models.get(node);
      if (!column || column.index !== index || column.facts !== facts) {
        column = { ...facts, facts, node, index };
        models.set(node, column);
      }
      model.columns.push(column);
      if (column.key !== undefined && !model.byName.has(column.key)) model.byName.set(column.key, column);
    }
  }
  return model;
}

/** Returns a check function with its own caches, for one document. */
export function createSpecChecker(): (text: string, env: CheckEnvironment) => CheckResult {
  const parse = createYamlParser();
  return (text, env) => {
    const parsed = parse(text);
    const problems: Problem[] = [...parsed.problems];
    // Structure first: semantic rules assume the shapes the schema describes, and skip what it rejects.
    problems.push(...checkSchema(parsed.root, text));
    const model = buildModel(text, parsed, env, problems);
    const ctx: RuleContext = { text, model, ...env };
    for (const rule of tableRules) {
      try {
        problems.push(...rule.run(ctx));
      } catch (err) {
        // A bug in one rule must not hide the others' results, nor stop the server.
        problems.push(problem('internal-error', 'error', { start: 0, end: 0 }, l10n.t('The {0} check failed: {1}. Please report this with the spec.', rule.name, (err as Error).message)));
      }
    }
    const disabled = env.settings.disabled;
    const kept = disabled.length ? problems.filter((p) => !disabled.includes(p.code)) : problems;
    kept.sort(compareProblems);
    return { problems: kept, model, parsed };
  };
}

/** What this spec tells other specs (for joins): undefined when it has no name yet. */
export function indexEntry(uri: string, model: SpecModel): IndexedSpec | undefined {
  if (!model.table || !model.database) return undefined;
  const columns = new Map<string, { type: string; encrypted: boolean }>();
  for (const c of model.columns) if (c.name && c.target) columns.set(c.name.toLowerCase(), { type: formatGlueType(c.target), encrypted: !!c.encrypt });
  return { uri, database: model.database, table: model.table, columns };
}
