/**
 * Amazon EMR in memory, AWS JSON 1.1 (`X-Amz-Target: ElasticMapReduce.<Operation>`): clusters with a log
 * URI and steps with their status and failure details. Rules, from the Amazon EMR API Reference:
 * - DescribeCluster / DescribeStep: ClusterId (and StepId) required; an id that does not exist is
 *   InvalidRequestException (400) ("DescribeCluster", https://docs.aws.amazon.com/emr/latest/APIReference/API_DescribeCluster.html;
 *   "DescribeStep", https://docs.aws.amazon.com/emr/latest/APIReference/API_DescribeStep.html; "Common Errors");
 * - a failed step's Status.FailureDetails has Reason, Message and LogFile ("FailureDetails",
 *   https://docs.aws.amazon.com/emr/latest/APIReference/API_FailureDetails.html);
 * - ListSteps answers newest first, 50 a page with a Marker, StepIds at most 10 ("ListSteps",
 *   https://docs.aws.amazon.com/emr/latest/APIReference/API_ListSteps.html);
 * - ListClusters answers 50 a page with a Marker, filtered by ClusterStates ("ListClusters",
 *   https://docs.aws.amazon.com/emr/latest/APIReference/API_ListClusters.html).
 * Timestamps are epoch seconds, as JSON 1.1 sends them.
 */
import { JsonError, type JsonHandler } from './http';

export interface FakeStep {
  Id: string;
  Name: string;
  State: 'PENDING' | 'CANCEL_PENDING' | 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'INTERRUPTED';
  FailureDetails?: { Reason?: string; Message?: string; LogFile?: string };
  Args?: string[];
  created: number;
  ended?: number;
}

export interface FakeCluster {
  Id: string;
  Name: string;
  State: string;
  LogUri?: string;
  created: number;
  steps: FakeStep[];
}

export class EmrStore {
  readonly clusters = new Map<string, FakeCluster>();

  cluster(c: Omit<FakeCluster, 'steps' | 'created'> & { created?: number }): FakeCluster {
    const full = { created: Date.now() / 1000, ...c, steps: [] };
    this.clusters.set(c.Id, full);
    return full;
  }

  step(clusterId: string, s: Omit<FakeStep, 'created'> & { created?: number }): FakeStep {
    const full = { created: Date.now() / 1000, ...s };
    this.clusters.get(clusterId)!.steps.push(full);
    return full;
  }
}

const PAGE = 50;

function cluster(store: EmrStore, body: Record<string, unknown>): FakeCluster {
  if (typeof body.ClusterId !== 'string') throw new JsonError('ValidationException', "1 validation error detected: Value null at 'clusterId' failed to satisfy constraint: Member must not be null");
  const c = store.clusters.get(body.ClusterId);
  if (!c) throw new JsonError('InvalidRequestException', `Cluster id '${body.ClusterId}' is not valid.`);
  return c;
}

const stepJson = (s: FakeStep) => ({
  Id: s.Id,
  Name: s.Name,
  Config: { Jar: 'command-runner.jar', Args: s.Args ?? [], Properties: {} },
  ActionOnFailure: 'CONTINUE',
  Status: {
    State: s.State,
    ...(s.FailureDetails ? { FailureDetails: s.FailureDetails } : {}),
    Timeline: { CreationDateTime: s.created, ...(s.State !== 'PENDING' ? { StartDateTime: s.created + 1 } : {}), ...(s.ended !== undefined ? { EndDateTime: s.ended } : {}) },
  },
});

export function emrHandlers(store: EmrStore): [string, JsonHandler][] {
  return [
    [
      'ElasticMapReduce.DescribeCluster',
      (body) => {
        const c = cluster(store, body);
        return {
          Cluster: {
            Id: c.Id,
            Name: c.Name,
            Status: { State: c.State, Timeline: { CreationDateTime: c.created } },
            ...(c.LogUri ? { LogUri: c.LogUri } : {}),
            ReleaseLabel: 'emr-7.5.0',
            Applications: [{ Name: 'Hadoop' }, { Name: 'Sqoop' }, { Name: 'Spark' }],
          },
        };
      },
    ],
    [
      'ElasticMapReduce.DescribeStep',
      (body) => {
        const c = cluster(store, body);
        if (typeof body.StepId !== 'string') throw new JsonError('ValidationException', "1 validation error detected: Value null at 'stepId' failed to satisfy constraint: Member must not be null");
        const s = c.steps.find((x) => x.Id === body.StepId);
        if (!s) throw new JsonError('InvalidRequestException', `Step id '${body.StepId}' is not valid.`);
        return { Step: stepJson(s) };
      },
    ],
    [
      'ElasticMapReduce.ListSteps',
      (body) => {
        const c = cluster(store, body);
        const ids = body.StepIds as string[] | undefined;
        if (ids && ids.length > 10) throw new JsonError('InvalidRequestException', 'You can specify a maximum of 10 step IDs.');
        const states = body.StepStates as string[] | undefined;
        const all = [...c.steps].reverse().filter((s) => (!ids || ids.includes(s.Id)) && (!states || states.includes(s.State)));
        const start = body.Marker === undefined ? 0 : Number(Buffer.from(String(body.Marker), 'base64url').toString('utf8'));
        if (!Number.isInteger(start) || start < 0) throw new JsonError('InvalidRequestException', 'Invalid marker.');
        const page = all.slice(start, start + PAGE);
        return { Steps: page.map((s) => ({ ...stepJson(s) })), ...(start + PAGE < all.length ? { Marker: Buffer.from(String(start + PAGE)).toString('base64url') } : {}) };
      },
    ],
    [
      'ElasticMapReduce.ListClusters',
      (body) => {
        const states = body.ClusterStates as string[] | undefined;
        const all = [...store.clusters.values()].sort((a, b) => b.created - a.created).filter((c) => !states || states.includes(c.State));
        const start = body.Marker === undefined ? 0 : Number(Buffer.from(String(body.Marker), 'base64url').toString('utf8'));
        if (!Number.isInteger(start) || start < 0) throw new JsonError('InvalidRequestException', 'Invalid marker.');
        const page = all.slice(start, start + PAGE);
        return {
          Clusters: page.map((c) => ({ Id: c.Id, Name: c.Name, Status: { State: c.State, Timeline: { CreationDateTime: c.created } } })),
          ...(start + PAGE < all.length ? { Marker: Buffer.from(String(start + PAGE)).toString('base64url') } : {}),
        };
      },
    ],
  ];
}
