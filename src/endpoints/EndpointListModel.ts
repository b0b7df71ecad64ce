import type {
  DescribeEndpointConfigOutput,
  DescribeEndpointOutput,
  EndpointSummary
} from '@aws-sdk/client-sagemaker';
import {
  IListSource,
  ResourceListModel,
  describeInBatches,
  readAllPages
} from '../core/ResourceListModel';
import { retryReason } from '../core/retry';
import type { IAwsClients } from '../tokens';

/** Statuses that change by themselves: poll faster. */
export const CHANGING_ENDPOINT_STATES = new Set([
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'Deleting'
]);

export interface IEndpointDetails {
  endpoint: DescribeEndpointOutput;
  config: DescribeEndpointConfigOutput | null;
}

/** Real-time instances bill by the hour whether or not anyone calls them. */
export function costsWhileIdle(d: IEndpointDetails | undefined): boolean {
  return (
    d?.endpoint.EndpointStatus === 'InService' &&
    (d.config?.ProductionVariants ?? []).some(v => !v.ServerlessConfig)
  );
}

/**
 * How endpoints are read: every ListEndpoints page, newest first, then each
 * endpoint with its configuration (instance type or serverless memory),
 * described again only when the endpoint changes.
 */
class EndpointSource implements IListSource<EndpointSummary> {
  constructor(private readonly clients: IAwsClients) {}

  readonly details = new Map<
    string,
    { version: string; details: IEndpointDetails }
  >();

  async fetchAll(): Promise<EndpointSummary[]> {
    const sdk = await import('../aws/sdk/sagemaker');
    const sm = await this.clients.client('sagemaker');
    const items = await readAllPages(async token => {
      const out = await sm.send(
        new sdk.ListEndpointsCommand({
          SortBy: 'CreationTime',
          SortOrder: 'Descending',
          NextToken: token
        })
      );
      return { items: out.Endpoints, next: out.NextToken };
    });
    const stale = items.filter(
      e => this.details.get(e.EndpointName ?? '')?.version !== version(e)
    );
    await describeInBatches(stale, e => this._describe(sdk, sm, e));
    return items;
  }

  key = (e: EndpointSummary) => e.EndpointName ?? '';
  name = (e: EndpointSummary) => e.EndpointName ?? '';
  state = (e: EndpointSummary) => e.EndpointStatus ?? '';
  created = (e: EndpointSummary) => e.CreationTime?.getTime() ?? 0;
  inGroup = () => true;
  isChanging = (e: EndpointSummary) =>
    CHANGING_ENDPOINT_STATES.has(e.EndpointStatus ?? '');

  private async _describe(
    sdk: typeof import('../aws/sdk/sagemaker'),
    sm: import('../aws/sdk/sagemaker').SageMakerClient,
    e: EndpointSummary
  ): Promise<void> {
    const name = e.EndpointName ?? '';
    let endpoint: DescribeEndpointOutput;
    try {
      endpoint = await sm.send(
        new sdk.DescribeEndpointCommand({ EndpointName: name })
      );
    } catch (err) {
      if (retryReason(err)) {
        throw err; // throttled or failing: the whole refresh retries
      }
      return; // deleted between list and describe: the next refresh drops it
    }
    // A config is immutable: read each one once.
    const configName = endpoint.EndpointConfigName ?? '';
    let config = this._configs.get(configName) ?? null;
    if (!config && configName) {
      try {
        config = await sm.send(
          new sdk.DescribeEndpointConfigCommand({
            EndpointConfigName: configName
          })
        );
        this._configs.set(configName, config);
      } catch (err) {
        if (retryReason(err)) {
          throw err;
        }
        config = null; // deleted config: the endpoint still shows
      }
    }
    this.details.set(name, {
      version: version(e),
      details: { endpoint, config }
    });
  }

  private _configs = new Map<string, DescribeEndpointConfigOutput>();
}

/**
 * Endpoints, newest first, live: the shared list model (back-off, throttling
 * back-off, standby when hidden, last rows kept while retrying).
 */
export class EndpointListModel extends ResourceListModel<EndpointSummary> {
  constructor(clients: IAwsClients, intervalSeconds = 5) {
    const endpoints = new EndpointSource(clients);
    super(endpoints, { intervalSeconds, name: 'aws-spark-ml:endpoints' });
    this._endpoints = endpoints;
  }

  details(name: string): IEndpointDetails | undefined {
    return this._endpoints.details.get(name)?.details;
  }

  private _endpoints: EndpointSource;
}

function version(e: EndpointSummary): string {
  return `${e.EndpointStatus}@${e.LastModifiedTime?.getTime() ?? 0}`;
}
