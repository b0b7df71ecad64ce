import type { IAwsClients } from '../tokens';
import type { CreatedResource } from './deploy';
import { isEndpointGone } from './waitEndpoint';

/** Tag on the Model and EndpointConfig a deploy creates: the id of its flow. */
export const DEPLOY_TAG = 'aws-spark-ml:deploy';

/** A deploy between its first create and its endpoint, as localStorage keeps it. */
export interface IDeployFlow {
  id: string;
  region: string;
  jobName: string;
  endpointName: string;
  endpointConfigName: string;
  modelName: string;
  /** The step last sent to AWS, and when. */
  step: CreatedResource;
  stepSentAt: number;
  /** Refreshed while the page that runs the deploy is alive. */
  aliveAt: number;
}

const KEY = 'jupyterlab-aws-spark-ml:deploys';
export const HEARTBEAT_MS = 2000;
/** A page that has not refreshed its flow for this long is gone. */
export const PAGE_GONE_MS = 3 * HEARTBEAT_MS;
/**
 * A create sent this long ago has landed or never will: the proxy gives up on
 * AWS after 30 s. Before that, a request of the reloaded page may still create.
 */
export const IN_FLIGHT_MAX_MS = 35_000;
/** Flows older than this are forgotten, cleaned or not. */
const FLOW_TTL_MS = 7 * 24 * 3600 * 1000;

export class DeployFlowStore {
  constructor(private readonly storage: Storage | null = safeLocalStorage()) {}

  all(): IDeployFlow[] {
    try {
      const list = JSON.parse(
        this.storage?.getItem(KEY) ?? this._memory
      ) as IDeployFlow[];
      return list.filter(f => Date.now() - f.stepSentAt < FLOW_TTL_MS);
    } catch {
      return [];
    }
  }

  get(id: string): IDeployFlow | undefined {
    return this.all().find(f => f.id === id);
  }

  save(flow: IDeployFlow): void {
    this._write([...this.all().filter(f => f.id !== flow.id), flow]);
  }

  remove(id: string): void {
    this._write(this.all().filter(f => f.id !== id));
  }

  /** Keeps `id` marked alive until the returned function is called. */
  keepAlive(id: string): () => void {
    const beat = () => {
      const flow = this.get(id);
      if (flow) {
        this.save({ ...flow, aliveAt: Date.now() });
      }
    };
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }

  private _write(list: IDeployFlow[]): void {
    const text = JSON.stringify(list);
    this._memory = text;
    try {
      this.storage?.setItem(KEY, text);
    } catch {
      // Storage full or disabled: this page still rolls back by itself.
    }
  }

  private _memory = '[]';
}

/** When `flow` may be cleaned up: its page is gone and no create of it can still land. */
export function cleanableAt(flow: IDeployFlow): number {
  return Math.max(
    flow.aliveAt + PAGE_GONE_MS,
    flow.stepSentAt + IN_FLIGHT_MAX_MS
  );
}

export interface IRecovery {
  flow: IDeployFlow;
  /** The endpoint was created: the deploy finished, nothing to undo. */
  endpointExists: boolean;
  removed: ('model' | 'endpoint-config')[];
  leftBehind: ('model' | 'endpoint-config')[];
}

/**
 * Whether `part` exists as this flow made it: the Model or EndpointConfig
 * carries the flow's tag; the endpoint serves the flow's configuration.
 */
export async function createdByFlow(
  clients: IAwsClients,
  flow: IDeployFlow,
  part: CreatedResource
): Promise<boolean> {
  const sdk = await import('@aws-sdk/client-sagemaker');
  const sm = await clients.client('sagemaker', flow.region);
  let arn: string | undefined;
  if (part === 'endpoint') {
    const endpoint = await sm
      .send(
        new sdk.DescribeEndpointCommand({ EndpointName: flow.endpointName })
      )
      .catch(notFoundAsUndefined);
    return endpoint?.EndpointConfigName === flow.endpointConfigName;
  } else if (part === 'endpoint-config') {
    arn = (
      await sm
        .send(
          new sdk.DescribeEndpointConfigCommand({
            EndpointConfigName: flow.endpointConfigName
          })
        )
        .catch(notFoundAsUndefined)
    )?.EndpointConfigArn;
  } else {
    arn = (
      await sm
        .send(new sdk.DescribeModelCommand({ ModelName: flow.modelName }))
        .catch(notFoundAsUndefined)
    )?.ModelArn;
  }
  if (!arn) {
    return false;
  }
  const { Tags } = await sm.send(new sdk.ListTagsCommand({ ResourceArn: arn }));
  return !!Tags?.some(t => t.Key === DEPLOY_TAG && t.Value === flow.id);
}

/**
 * Rolls back a deploy its page did not finish: deletes the EndpointConfig and
 * Model it created (proved by the flow's tag) unless the endpoint exists.
 */
export async function rollBackFlow(
  clients: IAwsClients,
  flow: IDeployFlow
): Promise<IRecovery> {
  const sdk = await import('@aws-sdk/client-sagemaker');
  const sm = await clients.client('sagemaker', flow.region);
  const result: IRecovery = {
    flow,
    endpointExists: false,
    removed: [],
    leftBehind: []
  };
  const endpoint = await sm
    .send(new sdk.DescribeEndpointCommand({ EndpointName: flow.endpointName }))
    .catch(notFoundAsUndefined);
  if (endpoint) {
    result.endpointExists = true;
    return result;
  }
  const remove = {
    'endpoint-config': () =>
      sm.send(
        new sdk.DeleteEndpointConfigCommand({
          EndpointConfigName: flow.endpointConfigName
        })
      ),
    model: () =>
      sm.send(new sdk.DeleteModelCommand({ ModelName: flow.modelName }))
  };
  for (const part of ['endpoint-config', 'model'] as const) {
    try {
      // Same name but not our tag: someone else's, never deleted.
      if (await createdByFlow(clients, flow, part)) {
        await remove[part]();
        result.removed.push(part);
      }
    } catch {
      result.leftBehind.push(part);
    }
  }
  return result;
}

/** SageMaker answers Describe* of a missing resource with "Could not find …". */
function notFoundAsUndefined(err: unknown): undefined {
  if (isEndpointGone(err)) {
    return undefined;
  }
  throw err;
}

export function newFlowId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
