/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { fakeAws } from '../../compute/__tests__/fakeAws';
import { Provisioner } from '../../compute/provisioning';
import {
  clusterRequestFromTemplate,
  toRunJobFlowInput
} from '../../compute/requests';
import { fingerprint } from '../../compute/reservations';
import { deployModel, planDeployment } from '../../endpoints/deploy';
import { deployFlowKind } from '../../endpoints/deployFlows';
import { fakeHosting } from '../../endpoints/__tests__/fakeHosting';
import { awsError, ok } from '../../training/__tests__/fakeSageMaker';
import { resumeLaunches } from '../../training/launch';
import {
  FLOW_TAG,
  FlowStore,
  IFlow,
  IFlowKind,
  IN_FLIGHT_MAX_MS,
  resumeFlows
} from '../resumable';
import { fakeSageMakerOf } from './withAccount';

const ACCOUNT = '123456789012';
const plan = planDeployment({
  TrainingJobName: 'xgb-1',
  TrainingJobStatus: 'Completed',
  RoleArn: `arn:aws:iam::${ACCOUNT}:role/SageMaker`,
  AlgorithmSpecification: { TrainingImage: 'xgboost:1.7-1' },
  ModelArtifacts: { S3ModelArtifacts: 's3://b/xgb-1/output/model.tar.gz' }
} as any);
const deployParams = {
  jobName: plan.jobName,
  endpointName: plan.endpointName,
  endpointConfigName: plan.endpointConfigName,
  modelName: plan.modelName
};

/** A flow a reloaded page left: its page gone, no create of it still in flight. */
function left<P>(
  kind: string,
  id: string,
  step: string,
  params: P,
  where: Partial<IFlow<P>> = {}
): IFlow<P> {
  const long = Date.now() - IN_FLIGHT_MAX_MS - 1000;
  const flow: IFlow<P> = {
    id,
    kind,
    region: 'us-east-1',
    account: ACCOUNT,
    params,
    step,
    stepSentAt: long,
    aliveAt: long,
    ...where
  };
  new FlowStore().save(flow);
  return flow;
}

const tags = (id: string, step: string) => [
  { Key: FLOW_TAG, Value: id },
  { Key: 'aws-spark-ml:flow-step', Value: step }
];

beforeEach(() => localStorage.clear());

describe('resuming flows after a reload', () => {
  it('finishes a deploy whose last step landed while the page reloaded', async () => {
    const aws = fakeHosting();
    left('deploy', 'f1', 'endpoint', deployParams);
    aws.models.set(plan.modelName, tags('f1', 'model'));
    aws.configs.set(plan.endpointConfigName, tags('f1', 'endpoint-config'));
    aws.endpoints.set(plan.endpointName, plan.endpointConfigName);

    const [r] = await resumeFlows(aws.clients, [deployFlowKind(aws.clients)]);

    expect(r).toMatchObject({ action: 'finished', removed: [] });
    expect(Object.keys(r.found)).toEqual([
      'model',
      'endpoint-config',
      'endpoint'
    ]);
    expect(aws.ops().filter(op => op.startsWith('Delete'))).toEqual([]);
    expect(new FlowStore().all()).toEqual([]);
  });

  it('rolls back a failed deploy whose page could not undo it, at the next load', async () => {
    let modelStuck = true;
    const aws = fakeHosting(undefined, op =>
      op === 'CreateEndpoint'
        ? 'ResourceLimitExceeded'
        : op === 'DeleteModel' && modelStuck
          ? 'InternalFailure'
          : undefined
    );
    const err = await deployModel(aws.clients, plan).catch(e => e);
    expect(err).toMatchObject({ name: 'DeployError', leftBehind: ['model'] });
    // The failed flow stays recorded: what it made is still on AWS.
    const [kept] = new FlowStore().all();
    expect(kept).toMatchObject({ kind: 'deploy', failed: true });
    expect(aws.models.has(plan.modelName)).toBe(true);

    modelStuck = false;
    new FlowStore().save({
      ...kept,
      stepSentAt: kept.stepSentAt - IN_FLIGHT_MAX_MS,
      aliveAt: 0
    });
    const [r] = await resumeFlows(aws.clients, [deployFlowKind(aws.clients)]);
    expect(r).toMatchObject({ action: 'rolled-back', removed: ['model'] });
    expect(aws.models.size).toBe(0);
    expect(new FlowStore().all()).toEqual([]);
  });

  it('rolls back a deploy cut off before its endpoint, newest first', async () => {
    const aws = fakeHosting();
    left('deploy', 'f2', 'endpoint', deployParams);
    aws.models.set(plan.modelName, tags('f2', 'model'));
    aws.configs.set(plan.endpointConfigName, tags('f2', 'endpoint-config'));

    const [r] = await resumeFlows(aws.clients, [deployFlowKind(aws.clients)]);

    expect(r).toMatchObject({
      action: 'rolled-back',
      removed: ['endpoint-config', 'model'],
      leftBehind: []
    });
    expect(aws.ops().filter(op => op.startsWith('Delete'))).toEqual([
      'DeleteEndpointConfig',
      'DeleteModel'
    ]);
  });

  it('provisioning with a reservation does not create twice: the reloaded page finds the cluster', async () => {
    const request = clusterRequestFromTemplate(
      { id: 'small', label: 'Small' },
      'one-click'
    );
    const print = fingerprint({ kind: 'emr', region: 'us-east-1', request });
    left('emr-cluster', 'tok1', 'cluster', {
      fingerprint: print,
      name: 'one-click'
    });
    // AWS made the cluster; its answer never reached the old page.
    const aws = fakeAws({
      clusters: [
        {
          Id: 'j-FIRST',
          Name: 'one-click',
          State: 'STARTING',
          Created: Date.now() / 1000,
          Tags: toRunJobFlowInput(request, 'tok1').Tags as any
        }
      ]
    });
    const page = new Provisioner(aws.clients);
    const [r] = await page.resume();
    expect(r).toMatchObject({
      action: 'finished',
      found: { cluster: 'j-FIRST' }
    });
    expect(page.pending('emr')).toEqual([]);
    expect(aws.calls).not.toContain('RunJobFlow');
    expect(aws.clusters).toHaveLength(1);
  });

  it('forgets a click whose RunJobFlow never landed', async () => {
    left('emr-cluster', 'tok2', 'cluster', { fingerprint: 'x', name: 'lost' });
    const aws = fakeAws({});
    const [r] = await new Provisioner(aws.clients).resume();
    expect(r.action).toBe('nothing-created');
    expect(new FlowStore().all()).toEqual([]);
    expect(aws.calls).not.toContain('RunJobFlow');
  });

  it('a launch a reload cut off is finished when its job carries the tag, and only then', async () => {
    const jobs = new Map<string, { Key: string; Value: string }[]>([
      ['ours', tags('l1', 'job')],
      ['same-name-not-ours', []]
    ]);
    const aws = fakeSageMakerOf((op, b) => {
      if (op === 'DescribeTrainingJob') {
        return jobs.has(b.TrainingJobName)
          ? ok({
              TrainingJobName: b.TrainingJobName,
              TrainingJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${b.TrainingJobName}`
            })
          : awsError('ValidationException', 'Requested resource not found.');
      }
      if (op === 'ListTags') {
        return ok({ Tags: jobs.get(b.ResourceArn.split('/').pop()) });
      }
      return awsError('UnknownOperationException', op);
    });
    left('training-job', 'l1', 'job', { jobName: 'ours' });
    left('training-job', 'l2', 'job', { jobName: 'same-name-not-ours' });
    left('training-job', 'l3', 'job', { jobName: 'never-sent' });

    const results = await resumeLaunches(aws.clients);

    expect(
      Object.fromEntries(results.map(r => [r.flow.params.jobName, r.action]))
    ).toEqual({
      ours: 'finished',
      'same-name-not-ours': 'nothing-created',
      'never-sent': 'nothing-created'
    });
    expect(new FlowStore().all()).toEqual([]);
  });

  it('finishes an interrupted flow of a kind that chose to, with what exists', async () => {
    const finished: Record<string, string>[] = [];
    const kind: IFlowKind = {
      kind: 'two-steps',
      steps: ['a', 'b'],
      interrupted: 'finish',
      find: async () => ({ a: 'made-a' }),
      finish: async (_flow, found) => void finished.push(found),
      rollBack: async () => {
        throw new Error('must not roll back');
      }
    };
    left('two-steps', 't1', 'b', {});
    const aws = fakeSageMakerOf(() => ok({}));
    const [r] = await resumeFlows(aws.clients, [kind]);
    expect(r.action).toBe('finished');
    expect(finished).toEqual([{ a: 'made-a' }]);
  });

  it('does nothing, and asks AWS nothing, when nothing is pending', async () => {
    const aws = fakeHosting();
    expect(
      await resumeFlows(aws.clients, [deployFlowKind(aws.clients)])
    ).toEqual([]);
    expect(aws.requests).toHaveLength(0);
  });

  it('leaves a flow of another region or account untouched, and recorded', async () => {
    const aws = fakeHosting();
    aws.models.set(plan.modelName, tags('far', 'model'));
    aws.models.set('other-account-model', tags('else', 'model'));
    left('deploy', 'far', 'endpoint-config', deployParams, {
      region: 'eu-west-1'
    });
    left(
      'deploy',
      'else',
      'endpoint-config',
      { ...deployParams, modelName: 'other-account-model' },
      { account: '999999999999' }
    );

    expect(
      await resumeFlows(aws.clients, [deployFlowKind(aws.clients)])
    ).toEqual([]);
    expect(aws.ops()).toEqual([]);
    expect(aws.models.size).toBe(2);
    expect(
      new FlowStore()
        .all()
        .map(f => f.id)
        .sort()
    ).toEqual(['else', 'far']);
  });

  it('keeps a flow whose rollback failed, for the next load', async () => {
    const aws = fakeHosting(undefined, op =>
      op === 'DeleteModel' ? 'InternalFailure' : undefined
    );
    left('deploy', 'f3', 'endpoint-config', deployParams);
    aws.models.set(plan.modelName, tags('f3', 'model'));
    const [r] = await resumeFlows(aws.clients, [deployFlowKind(aws.clients)]);
    expect(r).toMatchObject({ action: 'left-behind', leftBehind: ['model'] });
    expect(new FlowStore().all()).toMatchObject([{ id: 'f3', failed: true }]);
  });
});
