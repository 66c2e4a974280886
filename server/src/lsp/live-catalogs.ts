/** The live catalog of an environment, for the checks: Glue for Athena environments, the local file for DuckDB. */
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../config/workspace-config';
import { createLiveCatalog, type LiveCatalog } from '../catalog/live-catalog';
import { openBackend } from '../ops/open-backend';
import { workspacePath } from '../ops/spec-context';

export function liveCatalogFor(root: string, env: Environment, onChange: () => void): LiveCatalog | undefined {
  if (env.engine === 'duckdb') {
    const file = workspacePath(root, env.databaseFile ?? '.tablespec/local.duckdb');
    if (!existsSync(file)) return undefined; // nothing deployed locally yet: no drift to report
  }
  return createLiveCatalog({
    label: env.engine === 'duckdb' ? l10n.t('local catalog ({0})', env.name) : l10n.t('Glue ({0}, {1})', env.name, env.region ?? l10n.t('default region')),
    snapshotFile: join(root, '.tablespec', `catalog-${env.name}.json`),
    onChange,
    // Open, read, close: the local database file must stay free for loads run from the command line.
    fetch: async (database) => {
      const { backend } = await openBackend(root, env);
      try {
        return await backend.listTables(database);
      } finally {
        await backend.close();
      }
    },
  });
}
