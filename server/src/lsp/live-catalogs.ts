/** The live catalog of an environment, for the checks: Glue for Athena environments, the local file for DuckDB. */
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
    label: env.engine === 'duckdb' ? `local catalog (${env.name})` : `Glue (${env.name}, ${env.region ?? 'default region'})`,
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
