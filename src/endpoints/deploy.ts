import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import type { IAwsClients } from '../tokens';
import { derivedName, RESOURCE_NAME } from '../core/names';
import { FlowStore, RunningFlow } from '../core/resumable';
import {
  createdByFlow,
  CreatedResource,
  deployFlowKind,
  removeDeployment
} from './deployFlows';

export { removeDeployment };
export type { CreatedResource };

type Translate = (msg: string, ...args: any[]) => string;
const plain: Translate = (msg, ...args) =>
  msg.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1] ?? ''));

export type EndpointKind = 'realtime' | 'serverless';
export const ENDPOINT_INSTANCE_TYPES = [
  'ml.m5.large',
  'ml.m5.xlarge',
  'ml.c5.large',
  'ml.c5.xlarge',
  'ml.t2.medium'
];
export const SERVERLESS_MEMORY_MB = [1024, 2048, 3072, 4096, 5120, 6144];

/** Everything "Deploy" will create, shown to the person before it is. */
export interface IDeployPlan {
  jobName: string;
  endpointName: string;
  modelName: string;
  endpointConfigName: string;
  image: string;
  modelDataUrl: string;
  roleArn: string;
  environment: Record<string, string>;
  kind: EndpointKind;
  instanceType: string;
  instanceCount: number;
  memoryMb: number;
  maxConcurrency: number;
}

/** Names derived from the endpoint name, so a second deploy only needs a new one. */
export function withEndpointName(
  plan: IDeployPlan,
  endpointName: string
): IDeployPlan {
  return {
    ...plan,
    endpointName,
    modelName: derivedName(endpointName, '-model'),
    endpointConfigName: derivedName(endpointName, '-config')
  };
}

/** Defaults that work: the job's image, artifacts and role; ml.m5.large × 1. */
export function planDeployment(
  job: DescribeTrainingJobResponse,
  instanceType = 'ml.m5.large'
): IDeployPlan {
  const hp = job.HyperParameters ?? {};
  const environment: Record<string, string> = {};
  // Script mode: the serving container runs the same entry point (as the SageMaker SDK sets it).
  if (hp.sagemaker_program && hp.sagemaker_submit_directory) {
    environment.SAGEMAKER_PROGRAM = JSON.parse(hp.sagemaker_program);
    environment.SAGEMAKER_SUBMIT_DIRECTORY = JSON.parse(
      hp.sagemaker_submit_directory
    );
  }
  const name = job.TrainingJobName ?? 'model';
  return withEndpointName(
    {
      jobName: name,
      endpointName: '',
      modelName: '',
      endpointConfigName: '',
      image: job.AlgorithmSpecification?.TrainingImage ?? '',
      modelDataUrl: job.ModelArtifacts?.S3ModelArtifacts ?? '',
      roleArn: job.RoleArn ?? '',
      environment,
      kind: 'realtime',
      instanceType,
      instanceCount: 1,
      memoryMb: 2048,
      maxConcurrency: 5
    },
    derivedName(name, '-ep')
  );
}

export function validatePlan(
  p: IDeployPlan,
  __: Translate = plain
): Record<string, string> {
  const e: Record<string, string> = {};
  if (!RESOURCE_NAME.test(p.endpointName)) {
    e.endpointName = __(
      'Endpoint name: 1–63 letters, digits or hyphens, starting and ending with a letter or digit; got "%1".',
      p.endpointName
    );
  }
  if (!p.modelDataUrl) {
    e.modelDataUrl = __(
      'Model: the job has no model artifacts. Deploy a Completed job.'
    );
  }
  if (p.kind === 'realtime') {
    if (!/^ml\.[a-z0-9]+\.[a-z0-9]+$/.test(p.instanceType)) {
      e.instanceType = __(
        'Instance type: a SageMaker hosting type like ml.m5.large; got "%1".',
        p.instanceType
      );
    }
    if (
      !Number.isInteger(p.instanceCount) ||
      p.instanceCount < 1 ||
      p.instanceCount > 100
    ) {
      e.instanceCount = __(
        'Instance count: a whole number from 1 to 100; 1 is enough to try.'
      );
    }
  } else {
    if (!SERVERLESS_MEMORY_MB.includes(p.memoryMb)) {
      e.memoryMb = __('Memory: one of %1 MB.', SERVERLESS_MEMORY_MB.join(', '));
    }
    if (
      !Number.isInteger(p.maxConcurrency) ||
      p.maxConcurrency < 1 ||
      p.maxConcurrency > 200
    ) {
      e.maxConcurrency = __('Max concurrency: a whole number from 1 to 200.');
    }
  }
  return e;
}

/** A deploy step failed; what it had created was deleted again (or could not be). */
export class DeployError extends Error {
  readonly name = 'DeployError';
  constructor(
    readonly cause: unknown,
    readonly step: CreatedResource,
    readonly rolledBack: CreatedResource[],
    readonly leftBehind: CreatedResource[]
  ) {
    super((cause as Error)?.message ?? String(cause));
  }
}

/**
 * CreateModel + CreateEndpointConfig + CreateEndpoint. If a step fails, what
 * was created is deleted again, newest first: nothing is left half-created.
 * It runs as a resumable flow (core/resumable): each resource carries the
 * flow's tag, so a page reloaded mid-way rolls it back on its next start
 * (`cleanUpInterruptedDeploys`), and so does a rollback this page could not
 * finish.
 */
export async function deployModel(
  clients: IAwsClients,
  plan: IDeployPlan,
  onStep: (step: CreatedResource) => void = () => undefined,
  store = new FlowStore()
): Promise<void> {
  const sdk = await import('../aws/sdk/sagemaker');
  const sm = await clients.client('sagemaker');
  const running = await RunningFlow.start(
    clients,
    deployFlowKind(clients),
    {
      jobName: plan.jobName,
      endpointName: plan.endpointName,
      endpointConfigName: plan.endpointConfigName,
      modelName: plan.modelName
    },
    { store }
  );
  const { flow } = running;
  const created: CreatedResource[] = [];
  const steps: [CreatedResource, (Tags: { Key: string; Value: string }[]) => Promise<unknown>][] = [
    ['model', Tags => sm.send(new sdk.CreateModelCommand({
      ModelName: plan.modelName,
      ExecutionRoleArn: plan.roleArn,
      PrimaryContainer: { Image: plan.image, ModelDataUrl: plan.modelDataUrl, Environment: plan.environment },
      Tags
    }))],
    ['endpoint-config', Tags => sm.send(new sdk.CreateEndpointConfigCommand({
      EndpointConfigName: plan.endpointConfigName,
      ProductionVariants: [{
        VariantName: 'AllTraffic',
        ModelName: plan.modelName,
        ...(plan.kind === 'serverless'
          ? { ServerlessConfig: { MemorySizeInMB: plan.memoryMb, MaxConcurrency: plan.maxConcurrency } }
          : { InstanceType: plan.instanceType as any, InitialInstanceCount: plan.instanceCount, InitialVariantWeight: 1 })
      }],
      Tags
    }))],
    ['endpoint', Tags => sm.send(new sdk.CreateEndpointCommand({
      EndpointName: plan.endpointName,
      EndpointConfigName: plan.endpointConfigName,
      Tags
    }))]
  ]; // prettier-ignore
  try {
    for (const [step, run] of steps) {
      onStep(step);
      // Recorded before the call: a reload during it knows what may exist.
      const tags = running.sending(step);
      try {
        await run(tags).catch(async err => {
          // A lost answer (or the SDK's retry meeting "already exists"): if it
          // exists as this flow made it, the step succeeded.
          if (!(await createdByFlow(clients, flow, step).catch(() => false))) {
            throw err;
          }
        });
        created.push(step);
      } catch (err) {
        const { rolledBack, leftBehind } = await removeDeployment(
          clients,
          plan,
          created
        );
        if (leftBehind.length) {
          running.failed(); // the next load deletes what this page could not
        } else {
          running.end();
        }
        throw new DeployError(err, step, rolledBack, leftBehind);
      }
    }
    // The endpoint exists: a whole deployment, nothing half-created to undo.
    running.end();
  } finally {
    running.pause();
  }
}
