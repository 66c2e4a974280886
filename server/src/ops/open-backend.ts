/** Opens the backend of an environment: the local DuckDB file, or Glue + Athena. */
import type { Environment } from '../config/workspace-config';
import { openLocalBackend } from '../backends/local/duckdb-backend';
import { duckdbLoader } from '../backends/local/duckdb-loader';
import { duckdbWriter } from '../backends/local/duckdb-writer';
import { openAwsBackend } from '../backends/aws/aws-backend';
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
  if (env.engine === 'duckdb') {
    const backend = await openLocalBackend(workspacePath(root, env.databaseFile ?? '.tablespec/local.duckdb'), env.name);
    return { backend, writer: duckdbWriter(backend), loader: duckdbLoader(backend) };
  }
  return openAwsBackend(env);
}

/**
 * Where a query the engineer types runs: locally, a read-only connection to the workspace's DuckDB file
 * (no writes, no files, no network, settings locked); on AWS, Athena (preview checks the text first).
 */
export async function openQueryEngine(root: string, env: Environment): Promise<Backend> {
  if (env.engine === 'duckdb') return openLocalBackend(workspacePath(root, env.databaseFile ?? '.tablespec/local.duckdb'), env.name, { readOnly: true });
  return (await openAwsBackend(env)).backend;
}
