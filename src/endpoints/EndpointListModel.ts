import type {
  DescribeEndpointConfigOutput,
  DescribeEndpointOutput,
  EndpointSummary
} from '@aws-sdk/client-sagemaker';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { IAwsErrorDescription, describeAwsError } from '../aws/errors';
import type { IAwsClients } from '../tokens';
import { changingFrequency, steadyFrequency } from '../training/states';

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
 * Endpoints, newest first, with their configuration (instance type or
 * serverless memory), described again only when an endpoint changes.
 */
export class EndpointListModel {
  constructor(
    private readonly clients: IAwsClients,
    intervalSeconds = 5
  ) {
    this._interval = intervalSeconds * 1000;
    this._poll = new Poll({
      auto: false,
      factory: () => this.refresh(),
      frequency: steadyFrequency(this._interval),
      standby: () => !this._visible || 'when-hidden',
      name: 'aws-spark-ml:endpoints'
    });
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get items(): readonly EndpointSummary[] {
    return this._items;
  }
  get error(): IAwsErrorDescription | null {
    return this._error;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  get poll(): Poll {
    return this._poll;
  }
  get started(): boolean {
    return this._started;
  }
  details(name: string): IEndpointDetails | undefined {
    return this._details.get(name)?.details;
  }
  find(name: string): EndpointSummary | undefined {
    return this._items.find(e => e.EndpointName === name);
  }

  setInterval(seconds: number): void {
    this._interval = Math.max(1, seconds) * 1000;
    this._updateFrequency();
  }
  setVisible(visible: boolean): void {
    this._visible = visible;
    if (visible) {
      this.refreshSoon();
    }
  }
  start(): Promise<void> {
    this._started = true;
    return this._poll.start();
  }
  refreshSoon(): void {
    if (this._started) {
      void this._poll.refresh();
    }
  }

  async refresh(): Promise<void> {
    try {
      const sdk = await import('@aws-sdk/client-sagemaker');
      const sm = await this.clients.client('sagemaker');
      const items: EndpointSummary[] = [];
      let token: string | undefined;
      do {
        const out = await sm.send(
          new sdk.ListEndpointsCommand({
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            NextToken: token
          })
        );
        items.push(...(out.Endpoints ?? []));
        token = out.NextToken;
      } while (token);
      this._items = items;
      const stale = items.filter(
        e => this._details.get(e.EndpointName ?? '')?.version !== version(e)
      );
      for (let i = 0; i < stale.length; i += 4) {
        await Promise.all(
          stale.slice(i, i + 4).map(e => this._describe(sdk, sm, e))
        );
      }
      this._error = null;
      this._loaded = true;
    } catch (err) {
      this._error = describeAwsError(err);
      this._changed.emit();
      throw err;
    } finally {
      this._updateFrequency();
    }
    this._changed.emit();
  }

  dispose(): void {
    this._poll.dispose();
    Signal.clearData(this);
  }

  private async _describe(
    sdk: typeof import('@aws-sdk/client-sagemaker'),
    sm: import('@aws-sdk/client-sagemaker').SageMakerClient,
    e: EndpointSummary
  ): Promise<void> {
    const name = e.EndpointName ?? '';
    try {
      const endpoint = await sm.send(
        new sdk.DescribeEndpointCommand({ EndpointName: name })
      );
      // A config is immutable: read each one once.
      const configName = endpoint.EndpointConfigName ?? '';
      let config = this._configs.get(configName) ?? null;
      if (!config && configName) {
        config = await sm
          .send(
            new sdk.DescribeEndpointConfigCommand({
              EndpointConfigName: configName
            })
          )
          .catch(() => null); // deleted config: the endpoint still shows
        if (config) {
          this._configs.set(configName, config);
        }
      }
      this._details.set(name, {
        version: version(e),
        details: { endpoint, config }
      });
    } catch {
      // Deleted between list and describe: the next refresh drops it.
    }
  }

  private _updateFrequency(): void {
    const changing = this._items.some(e =>
      CHANGING_ENDPOINT_STATES.has(e.EndpointStatus ?? '')
    );
    this._poll.frequency = changing
      ? changingFrequency(this._interval)
      : steadyFrequency(this._interval);
  }

  private _items: EndpointSummary[] = [];
  private _details = new Map<
    string,
    { version: string; details: IEndpointDetails }
  >();
  private _configs = new Map<string, DescribeEndpointConfigOutput>();
  private _error: IAwsErrorDescription | null = null;
  private _loaded = false;
  private _visible = true;
  private _started = false;
  private _interval: number;
  private _poll: Poll;
  private _changed = new Signal<this, void>(this);
}

function version(e: EndpointSummary): string {
  return `${e.EndpointStatus}@${e.LastModifiedTime?.getTime() ?? 0}`;
}
