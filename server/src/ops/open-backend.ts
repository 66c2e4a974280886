/** Opens the backend of an environment: the local DuckDB file, or Glue + Athena. */
import type { Environment } from '../config/workspace-config';
import type { Backend, OpenBackend } from '../backends/types';
import { workspacePath } from '../core/workspace-path';

export type { OpenBackend };

export async function openBackend(root: string, env: Environment): Promise<OpenBackend> {
  // Each engine's client is loaded when first used: the language server and `tablespec check` start
  // without DuckDB's native module (some 25 MB) or the AWS SDK.
  if (env.engine === 'duckdb') {
    const [{ openLocalBackend }, { duckdbWriter }, { duckdbLoader }] = await Promise.all([
      import('../backends/local/duckdb-backend'),
      import('../backends/local/duckdb-writer'),
      import('../backends/local/duckdb-loader'),
    ]);
    const backend = await openLocalBackend(workspacePath(root, env.databaseFile ?? '.tablespec/local.duckdb'), env.name);
    return { backend, writer: duckdbWriter(backend), loader: duckdbLoader(backend) };
  }
  return (await import('../backends/aws/aws-backend')).openAwsBackend(env);
}

/**
 * Where a query the engineer types runs: locally, a read-only connection to the workspace's DuckDB file
 * (no writes, no files, no network, settings locked); on AWS, Athena (preview checks the text first).
 */
export async function openQueryEngine(root: string, env: Environment): Promise<Backend> {
  if (env.engine === 'duckdb')
    return (await import('../backends/local/duckdb-backend')).openLocalBackend(workspacePath(root, env.databaseFile ?? '.tablespec/local.duckdb'), env.name, { readOnly: true });
  return (await (await import('../backends/aws/aws-backend')).openAwsBackend(env)).backend;
}
