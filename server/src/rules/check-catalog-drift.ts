/**
 * The deployed Glue table against the spec: a table not deployed yet, columns missing on either side,
 * types, partition keys and location that differ. Read from the catalog's memory, never the network.
 */
import * as l10n from '@vscode/l10n';
import type { Column } from '@aws-sdk/client-glue';
import { fillPattern } from '../config/workspace-config';
import { problem, type Problem } from '../core/problem';
import { formatGlueType, normaliseGlueTypeText } from '../glue/glue-type';
import { stringItems, type RuleContext } from '../document/spec-model';
import { get, getPair, nodeAt, str } from '../document/yaml-node';

const slash = (s: string) => (s.endsWith('/') ? s : s + '/');

export function checkCatalogDrift(ctx: RuleContext): Problem[] {
  const { model, catalog } = ctx;
  if (!catalog || !model.table || !model.database || !model.root) return [];
  const problems: Problem[] = [];
  const tableNode = get(model.root, 'table')!;
  const found = catalog.lookup(model.database, model.table);
  const where = `${model.database}.${model.table}`;
  if (found.status === 'unknown') return [];
  if (found.status === 'absent') return [problem('table-not-deployed', 'info', tableNode, l10n.t('`{0}` is not deployed in {1} yet.', where, catalog.source))];

  const glue = found.table;
  const isIceberg = (glue.Parameters?.table_type ?? glue.Parameters?.TABLE_TYPE ?? '').toUpperCase() === 'ICEBERG';
  const deployed = new Map<string, Column>();
  for (const c of [...(glue.StorageDescriptor?.Columns ?? []), ...(glue.PartitionKeys ?? [])]) if (c.Name) deployed.set(c.Name.toLowerCase(), c);

  for (const c of model.columns) {
    if (!c.name) continue;
    const d = deployed.get(c.name.toLowerCase());
    const nameNode = get(c.node, 'name') ?? c.node;
    if (!d) {
      problems.push(problem('catalog-column-missing', 'warning', nameNode, l10n.t('Column `{0}` is not in the deployed table ({1}): deploy to add it.', c.name ?? '', catalog.source)));
      continue;
    }
    if (c.target && d.Type && normaliseGlueTypeText(d.Type) !== formatGlueType(c.target)) {
      problems.push(
        problem(
          'catalog-type-differs',
          'warning',
          get(c.node, 'type') ?? get(c.node, 'oracle') ?? nameNode,
          l10n.t('`{0}` is {1} in the spec but {2} in the deployed table ({3}).', c.name ?? '', formatGlueType(c.target), d.Type ?? '', catalog.source),
        ),
      );
    }
  }
  const extra = [...deployed.keys()].filter((n) => !model.byName.has(n));
  if (extra.length) {
    const anchor = getPair(model.root, 'columns')?.key ?? tableNode;
    problems.push(
      problem(
        'catalog-column-extra',
        'warning',
        anchor,
        extra.length > 1
          ? l10n.t('The deployed table has columns the spec does not: {0} ({1}). Deploying would drop them.', extra.join(', '), catalog.source)
          : l10n.t('The deployed table has a column the spec does not: {0} ({1}). Deploying would drop it.', extra.join(', '), catalog.source),
      ),
    );
  }

  // Iceberg keeps its partition spec in its own metadata, not in Glue's PartitionKeys: compare only what Glue shows.
  const deployedPartitions = (glue.PartitionKeys ?? []).map((p) => (p.Name ?? '').toLowerCase());
  const specPartitions = stringItems(nodeAt(model.root, ['load', 'partition_by'])).map((p) => String(p.value).toLowerCase());
  if ((!isIceberg || deployedPartitions.length > 0) && deployedPartitions.join(',') !== specPartitions.join(',')) {
    const anchor = getPair(get(model.root, 'load'), 'partition_by')?.key ?? getPair(model.root, 'load')?.key ?? tableNode;
    problems.push(
      problem(
        'catalog-partition-differs',
        'warning',
        anchor,
        l10n.t(
          'Partition keys differ: the spec has [{0}], the deployed table [{1}] ({2}). Changing them rewrites the table.',
          specPartitions.join(', '),
          deployedPartitions.join(', '),
          catalog.source,
        ),
      ),
    );
  }

  const locationNode = nodeAt(model.root, ['storage', 'location']);
  const env = ctx.config.environments[ctx.settings.environment];
  const specLocation = str(locationNode) ?? (env?.warehouse ? fillPattern(env.warehouse, model.database, model.table) : undefined);
  const deployedLocation = glue.StorageDescriptor?.Location;
  if (specLocation && deployedLocation && slash(specLocation) !== slash(deployedLocation)) {
    problems.push(
      problem(
        'catalog-location-differs',
        'warning',
        locationNode ?? tableNode,
        l10n.t('The location differs: the spec has {0}, the deployed table {1} ({2}).', String(specLocation), String(deployedLocation), catalog.source),
      ),
    );
  }
  return problems;
}
