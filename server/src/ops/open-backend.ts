/** Opens the backend of an environment: the local DuckDB file, or Glue + Athena. */
import type { Environment } from '../config/workspace-config';
import type { Backend } from '../backends/types';
import type { TableWriter } from './deploy';
import type { Loader } from './load';
import { workspacePath } from './spec-context';

export interface OpenBackend {
  backend: Backend;
  writer: TableWriter;
  loader: Loader;
}

export async function openBackend(root: string, env: Environment): Promise<OpenBackend> {
  // Each engine's client is loaded when first used: the language server and `tablespec check` start
  // without DuckDB's native module (some 25 MB) or the AWS SDK.
  if (env.engine === 'duckdb') {
    const [{ openLocalBackend }, { duckdbWriter }, { duckdbLoader }] = await Promise.all([import('../backends/local/duckdb-backend'), import('../backends/local/duckdb-writer'), import('../backends/local/duckdb-loader')]);
    const backend = await openLocalBackend(workspacePath(root, env.databaseFile ?? '.tablespec/local.duckdb'), env.name);
    return { backend, writer: duckdbWriter(backend), loader: duckdbLoader(backend) };
  }
  return (await import('../backends/aws/aws-backend')).openAwsBackend(env);
}
