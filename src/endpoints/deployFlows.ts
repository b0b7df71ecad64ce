import { IFlow, IFlowKind, taggedBy } from '../core/resumable';
import type { IAwsClients } from '../tokens';
import { isEndpointGone } from './waitEndpoint';

export type CreatedResource = 'model' | 'endpoint-config' | 'endpoint';

/** The names a deploy creates: what its flow records to find them again. */
export interface IDeployParams {
  jobName: string;
  endpointName: string;
  endpointConfigName: string;
  modelName: string;
}

export type IDeployFlow = IFlow<IDeployParams>;

export const DEPLOY_STEPS: readonly CreatedResource[] = [
  'model',
  'endpoint-config',
  'endpoint'
];

/**
 * A deploy as a resumable flow. Cut off before its endpoint exists, it is
 * rolled back rather than finished: the person may have reloaded to abandon
 * it, and finishing would start an endpoint that costs money by the hour
 * without a new click. Once the endpoint exists the deploy is whole.
 */
export function deployFlowKind(clients: IAwsClients): IFlowKind<IDeployParams> {
  return {
    kind: 'deploy',
    steps: DEPLOY_STEPS,
    interrupted: 'rollBack',
    async find(flow) {
      const found: Record<string, string> = {};
      const { params } = flow;
      const names = {
        model: params.modelName,
        'endpoint-config': params.endpointConfigName,
        endpoint: params.endpointName
      };
      for (const part of DEPLOY_STEPS) {
        if (await createdByFlow(clients, flow, part)) {
          found[part] = names[part];
        }
      }
      return found;
    },
    async rollBack(flow, found) {
      const { leftBehind } = await removeDeployment(
        clients,
        flow.params,
        Object.keys(found) as CreatedResource[],
        flow.region
      );
      return leftBehind;
    }
  };
}

/**
 * Whether `part` exists as this flow made it: the Model or EndpointConfig
 * carries the flow's tag; the endpoint serves the flow's configuration.
 */
export async function createdByFlow(
  clients: IAwsClients,
  flow: Pick<IDeployFlow, 'id' | 'region' | 'params'>,
  part: CreatedResource
): Promise<boolean> {
  const sdk = await import('../aws/sdk/sagemaker');
  const sm = await clients.client('sagemaker', flow.region);
  const { params } = flow;
  let arn: string | undefined;
  if (part === 'endpoint') {
    const endpoint = await sm
      .send(
        new sdk.DescribeEndpointCommand({ EndpointName: params.endpointName })
      )
      .catch(notFoundAsUndefined);
    return endpoint?.EndpointConfigName === params.endpointConfigName;
  } else if (part === 'endpoint-config') {
    arn = (
      await sm
        .send(
          new sdk.DescribeEndpointConfigCommand({
            EndpointConfigName: params.endpointConfigName
          })
        )
        .catch(notFoundAsUndefined)
    )?.EndpointConfigArn;
  } else {
    arn = (
      await sm
        .send(new sdk.DescribeModelCommand({ ModelName: params.modelName }))
        .catch(notFoundAsUndefined)
    )?.ModelArn;
  }
  if (!arn) {
    return false;
  }
  const { Tags } = await sm.send(new sdk.ListTagsCommand({ ResourceArn: arn }));
  // Same name but not our tag: someone else's, never counted (nor deleted).
  return taggedBy(Tags, flow.id);
}

/** Deletes the named parts of a deployment, newest first; reports what could not be. */
export async function removeDeployment(
  clients: IAwsClients,
  names: {
    endpointName: string;
    endpointConfigName: string;
    modelName: string;
  },
  parts: CreatedResource[],
  region?: string
): Promise<{ rolledBack: CreatedResource[]; leftBehind: CreatedResource[] }> {
  const sdk = await import('../aws/sdk/sagemaker');
  const sm = await clients.client('sagemaker', region);
  const remove: Record<CreatedResource, () => Promise<unknown>> = {
    endpoint: () =>
      sm.send(
        new sdk.DeleteEndpointCommand({ EndpointName: names.endpointName })
      ),
    'endpoint-config': () =>
      sm.send(
        new sdk.DeleteEndpointConfigCommand({
          EndpointConfigName: names.endpointConfigName
        })
      ),
    model: () =>
      sm.send(new sdk.DeleteModelCommand({ ModelName: names.modelName }))
  };
  const rolledBack: CreatedResource[] = [];
  const leftBehind: CreatedResource[] = [];
  for (const part of [...DEPLOY_STEPS]
    .reverse()
    .filter(p => parts.includes(p))) {
    try {
      await remove[part]();
      rolledBack.push(part);
    } catch {
      leftBehind.push(part);
    }
  }
  return { rolledBack, leftBehind };
}

/** SageMaker answers Describe* of a missing resource with "Could not find …". */
function notFoundAsUndefined(err: unknown): undefined {
  if (isEndpointGone(err)) {
    return undefined;
  }
  throw err;
}
