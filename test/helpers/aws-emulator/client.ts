/** Real SDK clients pointed at an emulator, and a helper that runs one Athena statement to its end. */
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, type QueryExecution, type Row } from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsEmulator } from './index';

export function clients(aws: AwsEmulator) {
  const config = { region: 'ap-northeast-2', endpoint: aws.endpoint, credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator' }, maxAttempts: 1 };
  return { athena: new AthenaClient(config), glue: new GlueClient(config), s3: new S3Client({ ...config, forcePathStyle: true }) };
}

export interface Ran {
  id: string;
  execution: QueryExecution;
  /** Every state GetQueryExecution answered, in order. */
  states: string[];
  /** All result rows (every page), the header row included as Athena sends it. */
  rows: (string | null)[][];
  pages: Row[][];
}

/** Starts a statement, polls it to its end, reads every page of a SUCCEEDED result. */
export async function runAthena(
  athena: AthenaClient,
  sql: string,
  options: { params?: string[]; workgroup?: string; outputLocation?: string; pageSize?: number; database?: string } = {},
): Promise<Ran> {
  const { QueryExecutionId: id } = await athena.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      ...(options.params ? { ExecutionParameters: options.params } : {}),
      ...(options.workgroup ? { WorkGroup: options.workgroup } : {}),
      ...(options.outputLocation ? { ResultConfiguration: { OutputLocation: options.outputLocation } } : {}),
      QueryExecutionContext: { Catalog: 'AwsDataCatalog', ...(options.database ? { Database: options.database } : {}) },
    }),
  );
  const states: string[] = [];
  for (;;) {
    const execution = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!;
    states.push(execution.Status!.State!);
    if (!['QUEUED', 'RUNNING'].includes(execution.Status!.State!)) {
      const pages: Row[][] = [];
      if (execution.Status!.State === 'SUCCEEDED') {
        let token: string | undefined;
        do {
          const out = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: options.pageSize ?? 1000, ...(token ? { NextToken: token } : {}) }));
          pages.push(out.ResultSet?.Rows ?? []);
          token = out.NextToken;
        } while (token);
      }
      const rows = pages.flat().map((r) => (r.Data ?? []).map((d) => d.VarCharValue ?? null));
      return { id: id!, execution, states, rows, pages };
    }
  }
}

/**
 * Points the product at the emulator for runOperation()-level tests: TABLESPEC_AWS_ENDPOINT (read by
 * awsClients) and fixed credentials in the environment. Returns a function that puts the environment back.
 */
export function useEmulator(aws: AwsEmulator): () => void {
  const saved = { ...process.env };
  process.env.TABLESPEC_AWS_ENDPOINT = aws.endpoint;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEMULATOR';
  process.env.AWS_SECRET_ACCESS_KEY = 'emulator';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  return () => {
    process.env = saved;
  };
}
