/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { AwsClients } from '../../aws/clients';
import {
  FLOW_STEP_TAG,
  FLOW_TAG,
  FlowStore,
  IFlow,
  IN_FLIGHT_MAX_MS,
  PAGE_GONE_MS
} from '../../core/resumable';
import { deployModel, planDeployment } from '../deploy';
import { IDeployParams } from '../deployFlows';
import { fakeHosting } from './fakeHosting';
import { cleanUpInterruptedDeploys } from '../interruptedDeploys';

const trans = nullTranslator.load('jupyterlab_aws_spark_ml');
const plan = planDeployment({
  TrainingJobName: 'xgb-1',
  TrainingJobStatus: 'Completed',
  RoleArn: `arn:aws:iam::123456789012:role/SageMaker`,
  AlgorithmSpecification: { TrainingImage: 'xgboost:1.7-1' },
  ModelArtifacts: { S3ModelArtifacts: 's3://b/xgb-1/output/model.tar.gz' }
} as any);

/** The flow as the reloaded page left it, old enough to be cleaned at once. */
function leftBy(reloaded: FlowStore, step: string): IFlow<IDeployParams> {
  const [flow] = reloaded.all();
  const old = Date.now() - IN_FLIGHT_MAX_MS - 1000;
  const stale = { ...flow, step, stepSentAt: old, aliveAt: old };
  reloaded.save(stale);
  return stale;
}

beforeEach(() => localStorage.clear());

describe('a deploy survives a page reload', () => {
  it('keeps the flow while it runs, tags what it creates, forgets it once the endpoint exists', async () => {
    const aws = fakeHosting();
    const flows = new FlowStore();
    const seen: (IFlow<IDeployParams> | undefined)[] = [];
    await deployModel(
      aws.clients,
      plan,
      () => seen.push(flows.all()[0]),
      flows
    );
    expect(seen.map(f => f?.params.endpointName)).toEqual([
      plan.endpointName,
      plan.endpointName,
      plan.endpointName
    ]);
    const id = seen[0]!.id;
    expect(aws.models.get(plan.modelName)).toEqual([
      { Key: FLOW_TAG, Value: id },
      { Key: FLOW_STEP_TAG, Value: 'model' }
    ]);
    expect(aws.configs.get(plan.endpointConfigName)).toEqual([
      { Key: FLOW_TAG, Value: id },
      { Key: FLOW_STEP_TAG, Value: 'endpoint-config' }
    ]);
    expect(flows.all()).toEqual([]);
  });

  it('rolls back on the next start: deletes the config and model a reload left', async () => {
    const aws = fakeHosting();
    const page1 = new FlowStore();
    await deployModel(aws.clients, plan, reloadAt('endpoint'), page1).catch(
      () => undefined
    );
    expect(aws.ops()).not.toContain('CreateEndpoint');
    expect(aws.models.size).toBe(1);
    expect(aws.configs.size).toBe(1);

    const page2 = new FlowStore(); // the reloaded page, same localStorage
    const flow = leftBy(page2, 'endpoint');
    const changed = jest.fn();
    const [r] = await cleanUpInterruptedDeploys(
      aws.clients,
      trans,
      changed,
      page2
    );
    expect(r).toMatchObject({
      flow: { id: flow.id },
      action: 'rolled-back',
      removed: ['endpoint-config', 'model'],
      leftBehind: []
    });
    expect(aws.models.size).toBe(0);
    expect(aws.configs.size).toBe(0);
    expect(page2.all()).toEqual([]);
    expect(changed).toHaveBeenCalled();
  });

  it('leaves a deployment whose endpoint was created alone', async () => {
    const aws = fakeHosting();
    const flows = new FlowStore();
    await deployModel(aws.clients, plan, undefined, flows);
    // As if the page died between CreateEndpoint's success and forgetting the flow.
    flows.save(stored('f1', 'endpoint', Date.now() - IN_FLIGHT_MAX_MS));
    const [r] = await cleanUpInterruptedDeploys(
      aws.clients,
      trans,
      () => undefined,
      flows
    );
    expect(r.action).toBe('finished');
    expect(aws.ops().filter(op => op.startsWith('Delete'))).toEqual([]);
    expect(aws.models.size).toBe(1);
  });

  it('never deletes a model of the same name that another flow (or person) created', async () => {
    const aws = fakeHosting();
    const flows = new FlowStore();
    await deployModel(
      aws.clients,
      plan,
      reloadAt('endpoint-config'),
      flows
    ).catch(() => undefined);
    aws.models.set(plan.modelName, [{ Key: FLOW_TAG, Value: 'other' }]);
    leftBy(flows, 'endpoint-config');
    const [r] = await cleanUpInterruptedDeploys(
      aws.clients,
      trans,
      () => undefined,
      flows
    );
    expect(r.removed).toEqual([]);
    expect(aws.models.size).toBe(1);
  });

  it('waits while another tab still runs the deploy, and does nothing once it finishes', async () => {
    const aws = fakeHosting();
    const flows = new FlowStore();
    const now = Date.now();
    flows.save({
      ...stored('live', 'model', now),
      aliveAt: now - PAGE_GONE_MS + 300
    });
    const cleaning = cleanUpInterruptedDeploys(
      aws.clients,
      trans,
      () => undefined,
      flows
    );
    flows.remove('live'); // the other tab finished
    expect(await cleaning).toEqual([]);
    expect(aws.calls).toEqual([]);
  });

  it("the SDK's retry of a create whose answer was lost finds it made by this flow, and goes on", async () => {
    const aws = fakeHosting('CreateModel');
    const clients = new AwsClients({
      serverSettings: aws.settings,
      region: 'us-east-1' // the production number of attempts: the SDK retries the 502
    });
    await deployModel(clients, plan, undefined, new FlowStore());
    expect(aws.ops().filter(op => op === 'CreateModel')).toHaveLength(2);
    expect(aws.models.size).toBe(1);
    expect(aws.endpoints.has(plan.endpointName)).toBe(true);
    expect(flowsLeft()).toEqual([]);
  });

  it('a failing step still rolls back in the same page and forgets the flow', async () => {
    const aws = fakeHosting(undefined, op =>
      op === 'CreateEndpoint' ? 'ResourceLimitExceeded' : undefined
    );
    const flows = new FlowStore();
    await expect(
      deployModel(aws.clients, plan, undefined, flows)
    ).rejects.toMatchObject({ name: 'DeployError' });
    expect(flows.all()).toEqual([]);
  });
});

/** A deploy flow as a page of this browser left it in localStorage. */
function stored(id: string, step: string, at: number): IFlow<IDeployParams> {
  return {
    id,
    kind: 'deploy',
    region: 'us-east-1',
    account: '123456789012',
    params: {
      jobName: plan.jobName,
      endpointName: plan.endpointName,
      endpointConfigName: plan.endpointConfigName,
      modelName: plan.modelName
    },
    step,
    stepSentAt: at,
    aliveAt: at
  };
}

const flowsLeft = () => new FlowStore().all();

/** The page goes away just before `step` is sent: nothing of it runs any more. */
function reloadAt(step: string) {
  return (s: string) => {
    if (s === step) {
      throw new Error('page reloaded');
    }
  };
}
