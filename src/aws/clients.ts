import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import type {
  AwsServiceName,
  IAwsClients,
  IAwsClientTypes,
  IServerStatus
} from '../tokens';

/** Used only when neither the settings nor the server name a region. */
export const FALLBACK_REGION = 'us-east-1';

/**
 * The SDK insists on credentials and a signer; the proxy signs with the
 * server's own credentials, so the browser sends placeholders and signs nothing.
 */
const PLACEHOLDER_CREDENTIALS = {
  accessKeyId: 'signed-by-jupyter-server',
  secretAccessKey: 'signed-by-jupyter-server'
};
const NO_OP_SIGNER = { sign: async <R>(request: R): Promise<R> => request };

/** Throttling is retried by the SDK; proxy refusals are thrown without `$metadata` so are not. */
export const MAX_ATTEMPTS = 3;

type Factory<S extends AwsServiceName> = (
  config: Record<string, unknown>
) => Promise<IAwsClientTypes[S]>;

// Dynamic imports: each client, with the commands src/ uses (./sdk/), is its own
// chunk, loaded on first use.
const FACTORIES: { [S in AwsServiceName]: Factory<S> } = {
  emr: async c => new (await import('./sdk/emr')).EMRClient(c),
  glue: async c => new (await import('./sdk/glue')).GlueClient(c),
  sagemaker: async c =>
    new (await import('./sdk/sagemaker')).SageMakerClient(c),
  'sagemaker-runtime': async c =>
    new (await import('./sdk/sagemaker-runtime')).SageMakerRuntimeClient(c),
  lakeformation: async c =>
    new (await import('./sdk/lakeformation')).LakeFormationClient(c),
  s3: async c =>
    new (await import('./sdk/s3')).S3Client({
      ...c,
      // Virtual-host style would put the bucket in the host name, which the proxy ignores.
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      disableS3ExpressSessionAuth: true
    }),
  sts: async c => new (await import('./sdk/sts')).STSClient(c),
  logs: async c =>
    new (await import('./sdk/cloudwatch-logs')).CloudWatchLogsClient(c)
};

export class AwsClients implements IAwsClients {
  constructor(options: AwsClients.IOptions = {}) {
    this._status = options.status ?? null;
    this._serverSettings =
      options.serverSettings ?? ServerConnection.makeSettings();
    this._configuredRegion = options.region ?? '';
    this._maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
    this._lastRegion = this.region;
    this._status?.changed.connect(this._onStatus, this);
  }

  get region(): string {
    return (
      this._configuredRegion || this._status?.info?.region || FALLBACK_REGION
    );
  }

  get regionChanged(): ISignal<IAwsClients, string> {
    return this._regionChanged;
  }

  get ready(): Promise<void> {
    return this._configuredRegion || !this._status
      ? Promise.resolve()
      : this._status.ready;
  }

  /** Region from settings; empty means "the server's region". */
  setConfiguredRegion(region: string): void {
    const before = this.region;
    this._configuredRegion = region.trim();
    this._emitIfChanged(before);
  }

  async client<S extends AwsServiceName>(
    service: S,
    region?: string
  ): Promise<IAwsClientTypes[S]> {
    if (!region) {
      await this.ready;
    }
    const r = region || this.region;
    const key = `${service}/${r}`;
    let cached = this._cache.get(key);
    if (!cached) {
      cached = this._create(service, r);
      this._cache.set(key, cached);
      // A failed chunk load must not poison the cache.
      cached.catch(() => this._cache.delete(key));
    }
    return cached as Promise<IAwsClientTypes[S]>;
  }

  private async _create<S extends AwsServiceName>(
    service: S,
    region: string
  ): Promise<IAwsClientTypes[S]> {
    const { ProxyRequestHandler } = await import('./handler');
    const factory = FACTORIES[service] as Factory<S>;
    return factory({
      region,
      requestHandler: new ProxyRequestHandler(
        service,
        region,
        this._serverSettings
      ),
      credentials: PLACEHOLDER_CREDENTIALS,
      signer: NO_OP_SIGNER,
      maxAttempts: this._maxAttempts
    });
  }

  private _onStatus(): void {
    // The status only matters when settings leave the region empty.
    this._emitIfChanged(this._lastRegion);
  }

  private _emitIfChanged(before: string): void {
    const now = this.region;
    this._lastRegion = now;
    if (now !== before) {
      this._regionChanged.emit(now);
    }
  }

  private _status: IServerStatus | null;
  private _serverSettings: ServerConnection.ISettings;
  private _configuredRegion: string;
  private _maxAttempts: number;
  private _lastRegion = FALLBACK_REGION;
  private _cache = new Map<string, Promise<unknown>>();
  private _regionChanged = new Signal<IAwsClients, string>(this);
}

export namespace AwsClients {
  export interface IOptions {
    status?: IServerStatus;
    serverSettings?: ServerConnection.ISettings;
    region?: string;
    /** SDK attempts per call (retries throttling and transient errors). */
    maxAttempts?: number;
  }
}
