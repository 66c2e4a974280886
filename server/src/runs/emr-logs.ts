/**
 * The EMR side of a failed task: the step's status and FailureDetails ("DescribeStep", Amazon EMR API
 * Reference, https://docs.aws.amazon.com/emr/latest/APIReference/API_DescribeStep.html), the cluster's log
 * URI ("DescribeCluster"), and the step and YARN container logs EMR archives there:
 * `<LogUri>/<cluster-id>/steps/<step-id>/{controller,stderr,stdout,syslog}.gz` and
 * `<LogUri>/<cluster-id>/containers/<application-id>/<container-id>/{stderr,stdout,syslog}.gz`
 * ("View log files archived to Amazon S3", Amazon EMR Management Guide,
 * https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-manage-view-web-log-files.html).
 * EMR uploads them about every five minutes, so right after a failure they may not be there yet.
 */
import {
  DescribeClusterCommand,
  DescribeStepCommand,
  ListClustersCommand,
  ListStepsCommand,
  type EMRClient,
  type FailureDetails,
  type ListClustersCommandOutput,
  type ListStepsCommandOutput,
} from '@aws-sdk/client-emr';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { readLogBlocks } from './log-lines';
import { redactLine } from './redact-line';
import { openS3Log, parseS3Uri } from './open-log';

export const UPLOAD_DELAY_MS = 5 * 60 * 1000;

export interface StepInfo {
  clusterId: string;
  stepId: string;
  name?: string;
  state?: string;
  failure?: FailureDetails;
  endedAt?: Date;
  logUri?: string;
}

/** The step's status and its cluster's log URI (s3n:// and s3a:// read as s3://). */
export async function describeStep(emr: EMRClient, clusterId: string, stepId: string): Promise<StepInfo> {
  const { Step } = await emr.send(new DescribeStepCommand({ ClusterId: clusterId, StepId: stepId }));
  const { Cluster } = await emr.send(new DescribeClusterCommand({ ClusterId: clusterId }));
  const info: StepInfo = { clusterId, stepId };
  if (Step?.Name) info.name = Step.Name;
  if (Step?.Status?.State) info.state = Step.Status.State;
  // EMR quotes a log line in the message: masked as evidence lines are, before it is shown, reported or kept.
  const f = Step?.Status?.FailureDetails;
  if (f) info.failure = { ...f, ...(f.Message !== undefined ? { Message: redactLine(f.Message) } : {}), ...(f.Reason !== undefined ? { Reason: redactLine(f.Reason) } : {}) };
  if (Step?.Status?.Timeline?.EndDateTime) info.endedAt = Step.Status.Timeline.EndDateTime;
  if (Cluster?.LogUri) info.logUri = Cluster.LogUri.replace(/^s3[na]:\/\//, 's3://').replace(/\/?$/, '/');
  return info;
}

/**
 * The newest step named `stepName` on the newest cluster named `clusterName` (what the DAG runs), for a
 * task whose log and XCom cannot be read (InvokeRestApi's 64-character paths). Pages with Marker.
 */
export async function findStepByName(emr: EMRClient, clusterName: string, stepName: string): Promise<{ clusterId: string; stepId: string } | undefined> {
  let marker: string | undefined;
  let clusterId: string | undefined;
  do {
    const out: ListClustersCommandOutput = await emr.send(
      new ListClustersCommand({ ClusterStates: ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS'], ...(marker ? { Marker: marker } : {}) }),
    );
    clusterId = out.Clusters?.find((c) => c.Name === clusterName)?.Id;
    marker = out.Marker;
  } while (!clusterId && marker);
  if (!clusterId) return undefined;
  marker = undefined;
  do {
    const out: ListStepsCommandOutput = await emr.send(new ListStepsCommand({ ClusterId: clusterId, ...(marker ? { Marker: marker } : {}) }));
    // ListSteps answers newest first.
    const step = out.Steps?.find((s) => s.Name === stepName || s.Name?.startsWith(`${stepName} (`));
    if (step?.Id) return { clusterId, stepId: step.Id };
    marker = out.Marker;
  } while (marker);
  return undefined;
}

/** Every key under an S3 prefix (paged, at most `max`). */
export async function listKeys(s3: S3Client, uri: string, max = 200): Promise<string[]> {
  const where = parseS3Uri(uri);
  if (!where) return [];
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: where.bucket, Prefix: where.key, ...(token ? { ContinuationToken: token } : {}) }));
    for (const o of out.Contents ?? []) if (o.Key && keys.length < max) keys.push(`s3://${where.bucket}/${o.Key}`);
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token && keys.length < max);
  return keys;
}

const APP_ID = /\bapplication_\d{10,13}_\d{4,}\b/g;

/** The YARN application ids a step log names (the Sqoop or Spark client prints them), read as a stream. */
export async function applicationIds(s3: S3Client, uri: string): Promise<string[]> {
  const found = new Set<string>();
  const needle = Buffer.from('application_');
  const reader = readLogBlocks(await openS3Log(s3, uri));
  for await (const block of reader.blocks) {
    if (!block.bytes.includes(needle)) continue;
    for (const m of block.bytes.toString('utf8').matchAll(APP_ID)) found.add(m[0]);
  }
  return [...found];
}
