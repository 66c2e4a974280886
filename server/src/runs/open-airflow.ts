/** The Airflow transport and the EMR and S3 clients of an environment that names its Airflow (tablespec.yaml `airflow:`). */
import type { EMRClient } from '@aws-sdk/client-emr';
import type { S3Client } from '@aws-sdk/client-s3';
import * as l10n from '@vscode/l10n';
import type { Environment } from '../config/workspace-config';
import type { AirflowTransport } from './airflow-api';
import { authFromEnv, httpTransport } from './airflow-http';
import { mwaaTransport } from './mwaa-invoke';

export class NoAirflow extends Error {}

export interface RunClients {
  airflow: AirflowTransport;
  emr: EMRClient;
  s3: S3Client;
  emrCluster?: string;
}

/** The clients of `env`; throws NoAirflow when the environment names no Airflow. */
export async function openRunClients(env: Environment): Promise<RunClients> {
  const target = env.airflow;
  if (!target)
    throw new NoAirflow(
      l10n.t('Environment `{0}` names no Airflow: add an `airflow:` block to it in tablespec.yaml, with `mwaa_environment` (Amazon MWAA) or `base_url` (an Airflow webserver).', env.name),
    );
  const { EMRClient } = await import('@aws-sdk/client-emr');
  const { S3Client } = await import('@aws-sdk/client-s3');
  const endpoint = process.env.TABLESPEC_AWS_ENDPOINT;
  const config = { ...(env.region ? { region: env.region } : {}), ...(env.profile ? { profile: env.profile } : {}), maxAttempts: 5, ...(endpoint ? { endpoint } : {}) };
  const emr = new EMRClient(config);
  const s3 = new S3Client({ ...config, ...(endpoint ? { forcePathStyle: true } : {}) });
  const airflow = target.mwaaEnvironment
    ? mwaaTransport({
        name: target.mwaaEnvironment,
        version: target.apiVersion,
        // The SDK's own chain resolves both, as for every other AWS call of the tool.
        region: () => emr.config.region(),
        credentials: () => emr.config.credentials(),
        ...(endpoint ? { endpoint } : {}),
      })
    : httpTransport(target.baseUrl!, target.apiVersion, authFromEnv());
  return { airflow, emr, s3, ...(target.emrCluster ? { emrCluster: target.emrCluster } : {}) };
}
