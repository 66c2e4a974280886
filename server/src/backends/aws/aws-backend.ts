/**
 * Glue + Athena + S3 for an `athena` environment. Credentials come from the SDK's default provider
 * chain (profiles, SSO, environment, instance roles), never from the workspace. The SDK retries
 * throttled calls itself (standard mode, up to 5 attempts).
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { Environment } from '../../config/workspace-config';
import type { Backend, OpenBackend } from '../types';
import { createAthenaEngine } from './athena-engine';
import { athenaLoader, stageForVerify } from './athena-loader';
import { athenaWriter } from './athena-writer';
import { createGlueCatalog } from './glue-catalog';

/** For tests and special networks: an endpoint to send every call to, and fixed credentials. */
export interface AwsOverrides {
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
  pollMs?: number;
}

export function awsClients(env: Environment, overrides: AwsOverrides = {}) {
  // TABLESPEC_AWS_ENDPOINT sends every call elsewhere: LocalStack, a proxy, or the tests' loopback fake.
  const endpoint = overrides.endpoint ?? process.env.TABLESPEC_AWS_ENDPOINT;
  if (endpoint && !overrides.endpoint) overrides = { ...overrides, endpoint };
  const config = {
    // No region named: the SDK resolves it as the AWS CLI does (AWS_REGION, then the profile's own region).
    ...(env.region ? { region: env.region } : {}),
    maxAttempts: 5,
    ...(env.profile ? { profile: env.profile } : {}),
    ...(overrides.endpoint ? { endpoint: overrides.endpoint } : {}),
    ...(overrides.credentials ? { credentials: overrides.credentials } : {}),
  };
  return {
    glue: new GlueClient(config),
    athena: new AthenaClient(config),
    s3: new S3Client({ ...config, ...(overrides.endpoint ? { forcePathStyle: true } : {}) }),
  };
}

export async function openAwsBackend(env: Environment, overrides: AwsOverrides = {}): Promise<OpenBackend> {
  // TABLESPEC_ATHENA_POLL_MS: a fixed poll interval, for an emulator that answers at once (the tests).
  const poll = Number(process.env.TABLESPEC_ATHENA_POLL_MS);
  if (overrides.pollMs === undefined && Number.isFinite(poll) && poll > 0) overrides = { ...overrides, pollMs: poll };
  const { glue, athena, s3 } = awsClients(env, overrides);
  const catalog = createGlueCatalog(glue, env.profile);
  const engine = createAthenaEngine(athena, s3, {
    ...(env.workgroup ? { workgroup: env.workgroup } : {}),
    ...(env.outputLocation ? { outputLocation: env.outputLocation } : {}),
    ...(env.profile ? { profile: env.profile } : {}),
    ...(overrides.pollMs !== undefined ? { pollMs: overrides.pollMs, maxPollMs: overrides.pollMs } : {}),
  });
  const backend: Backend = {
    environment: env.name,
    dialect: 'athena',
    description: `Athena ${env.region ?? ''} ${env.workgroup ?? 'primary'}`.replace(/\s+/g, ' '),
    getTable: catalog.getTable,
    listTables: catalog.listTables,
    query: engine.query,
    async close() {
      glue.destroy();
      athena.destroy();
      s3.destroy();
    },
  };
  return { backend, writer: athenaWriter(backend, catalog), loader: athenaLoader(backend, catalog, s3, env), stageForVerify: stageForVerify(backend, s3, env) };
}
