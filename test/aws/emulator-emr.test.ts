/** The emulator's EMR through the real SDK client: DescribeCluster/DescribeStep/ListSteps/ListClusters shapes and errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeClusterCommand, DescribeStepCommand, EMRClient, InvalidRequestException, ListClustersCommand, ListStepsCommand } from '@aws-sdk/client-emr';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator';

describe('emulator: EMR', () => {
  let aws: AwsEmulator;
  let emr: EMRClient;
  before(async () => {
    aws = await startAwsEmulator();
    emr = new EMRClient({ region: 'ap-northeast-2', endpoint: aws.endpoint, credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator' }, maxAttempts: 1 });
    aws.emr.cluster({ Id: 'j-1AAAAAAAAAAAA', Name: 'card-etl-prod', State: 'WAITING', LogUri: 's3n://logs/emr/', created: 1000 });
    aws.emr.cluster({ Id: 'j-2BBBBBBBBBBBB', Name: 'old', State: 'TERMINATED', created: 500 });
    for (let n = 0; n < 55; n++)
      aws.emr.step('j-1AAAAAAAAAAAA', {
        Id: `s-${String(n).padStart(13, '0')}`,
        Name: `step ${n}`,
        State: n === 54 ? 'FAILED' : 'COMPLETED',
        ...(n === 54 ? { FailureDetails: { Reason: 'Unknown Error', Message: 'ORA-01555', LogFile: 's3://logs/emr/j-1AAAAAAAAAAAA/steps/s-0000000000054/stderr.gz' } } : {}),
        created: 2000 + n,
        ended: 2100 + n,
      });
  });
  after(() => aws.stop());

  it('DescribeCluster gives the log URI; DescribeStep the status, FailureDetails and timeline as dates', async () => {
    const { Cluster } = await emr.send(new DescribeClusterCommand({ ClusterId: 'j-1AAAAAAAAAAAA' }));
    assert.equal(Cluster?.LogUri, 's3n://logs/emr/');
    const { Step } = await emr.send(new DescribeStepCommand({ ClusterId: 'j-1AAAAAAAAAAAA', StepId: 's-0000000000054' }));
    assert.deepEqual([Step?.Status?.State, Step?.Status?.FailureDetails?.Message, Step?.Status?.Timeline?.EndDateTime?.getTime()], ['FAILED', 'ORA-01555', 2154_000]);
  });

  it('an unknown cluster or step is InvalidRequestException', async () => {
    await assert.rejects(emr.send(new DescribeClusterCommand({ ClusterId: 'j-NOPE' })), (e: Error) => e instanceof InvalidRequestException && e.$metadata.httpStatusCode === 400);
    await assert.rejects(emr.send(new DescribeStepCommand({ ClusterId: 'j-1AAAAAAAAAAAA', StepId: 's-NOPE' })), (e: Error) => e instanceof InvalidRequestException);
  });

  it('ListSteps: newest first, 50 a page with a Marker, at most 10 StepIds', async () => {
    const first = await emr.send(new ListStepsCommand({ ClusterId: 'j-1AAAAAAAAAAAA' }));
    assert.equal(first.Steps?.length, 50);
    assert.equal(first.Steps?.[0]?.Id, 's-0000000000054');
    const second = await emr.send(new ListStepsCommand({ ClusterId: 'j-1AAAAAAAAAAAA', Marker: first.Marker! }));
    assert.deepEqual([second.Steps?.length, second.Marker], [5, undefined]);
    await assert.rejects(emr.send(new ListStepsCommand({ ClusterId: 'j-1AAAAAAAAAAAA', StepIds: Array.from({ length: 11 }, (_, i) => `s-${i}`) })), (e: Error) => e instanceof InvalidRequestException);
  });

  it('ListClusters filters by state, newest first', async () => {
    const out = await emr.send(new ListClustersCommand({ ClusterStates: ['WAITING', 'RUNNING'] }));
    assert.deepEqual(
      out.Clusters?.map((c) => c.Id),
      ['j-1AAAAAAAAAAAA'],
    );
  });
});
