import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EMRClient } from '@aws-sdk/client-emr';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { LakeFormationClient } from '@aws-sdk/client-lakeformation';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { STSClient } from '@aws-sdk/client-sts';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { PanelWithToolbar } from '@jupyterlab/ui-components';
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';
import type { ClusterListModel } from './compute/ClusterListModel';
import type { SessionListModel } from './compute/SessionListModel';
import type { IClusterTemplate, ISessionTemplate } from './compute/requests';
import type { IConnectionEvent, ISparkAttachment } from './core/kernelProtocol';

/**
 * botocore service names, as the signing proxy route expects them
 * (`aws-spark-ml/proxy/{service}/{region}{path}`).
 */
export type AwsServiceName =
  | 'emr'
  | 'glue'
  | 'sagemaker'
  | 'sagemaker-runtime'
  | 'lakeformation'
  | 's3'
  | 'sts'
  | 'logs';

/** The SDK client type for each service (type-only: no bundle weight). */
export interface IAwsClientTypes {
  emr: EMRClient;
  glue: GlueClient;
  sagemaker: SageMakerClient;
  'sagemaker-runtime': SageMakerRuntimeClient;
  lakeformation: LakeFormationClient;
  s3: S3Client;
  sts: STSClient;
  logs: CloudWatchLogsClient;
}

/**
 * AWS SDK v3 clients that reach AWS (or the sandbox) only through the
 * server's signing proxy. The browser never holds credentials.
 */
export interface IAwsClients {
  /** The region used when a call does not name one. */
  readonly region: string;
  /** Emitted when the default region changes (settings or server status). */
  readonly regionChanged: ISignal<IAwsClients, string>;
  /** Resolves once the default region is known. */
  readonly ready: Promise<void>;
  /** A client for `service`, created on first use and cached per region. */
  client<S extends AwsServiceName>(
    service: S,
    region?: string
  ): Promise<IAwsClientTypes[S]>;
}

export const IAwsClients = new Token<IAwsClients>(
  'jupyterlab-aws-spark-ml:aws',
  'AWS SDK clients that go through the Jupyter server signing proxy'
);

/** `GET {base_url}aws-spark-ml/status`, as the server sends it. */
export interface IServerStatusInfo {
  version: string;
  mode: 'aws' | 'sandbox';
  region: string;
  identity: { account: string; arn: string; userId: string } | null;
  identityError: string | null;
  sandbox: { endpoint: string } | null;
}

/** Why the frontend cannot (fully) work with the server. */
export interface IServerProblem {
  kind: 'missing' | 'version' | 'credentials' | 'unreachable';
  title: string;
  message: string;
  fix: string;
}

export interface IServerStatus {
  /** The last status the server gave, or null before the first answer. */
  readonly info: IServerStatusInfo | null;
  /** What stops the extension from working, if anything. */
  readonly problem: IServerProblem | null;
  readonly changed: ISignal<IServerStatus, void>;
  /** Resolves after the first attempt (successful or not). */
  readonly ready: Promise<void>;
  /** The server works well enough to call AWS (src/core/usable.ts says when). */
  readonly usable: boolean;
  /**
   * Resolves the first time the server is usable: at load, or later (e.g.
   * credentials configured, then "Try again" in the header). Never rejects.
   */
  readonly becameUsable: Promise<void>;
  refresh(): Promise<void>;
}

export const IServerStatus = new Token<IServerStatus>(
  'jupyterlab-aws-spark-ml:status',
  'Version, mode, region and identity reported by the server extension'
);

/** Options for one section of the AWS Spark & ML sidebar. */
export interface ISidebarSectionOptions {
  id: string;
  title: string;
  widget: Widget;
  /** Lower ranks come first: Compute 100, Data 200, Training 300, Endpoints 400. */
  rank: number;
}

export interface IAwsSparkMLSidebar {
  /** Adds a collapsible section; returns it so toolbar items can be added. */
  addSection(options: ISidebarSectionOptions): PanelWithToolbar;
}

export const IAwsSparkMLSidebar = new Token<IAwsSparkMLSidebar>(
  'jupyterlab-aws-spark-ml:sidebar',
  'The AWS Spark & ML sidebar, where each feature adds its section'
);

/** Settings plugin id (schema/plugin.json). */
export const SETTINGS_PLUGIN_ID = 'jupyterlab-aws-spark-ml:plugin';

/** The settings of schema/plugin.json, typed, with the schema's defaults. */
export interface ISparkMLSettingsValues {
  /** Empty: the server's region. */
  region: string;
  /** Seconds between refreshes of visible lists. */
  pollingInterval: number;
  clusterTemplates: IClusterTemplate[];
  sessionTemplates: ISessionTemplate[];
  trainingRoleArn: string;
  trainingInstanceType: string;
  trainingOutputPath: string;
  endpointInstanceType: string;
}

export interface ISparkMLSettings {
  /** The current values (the defaults until loaded, or when loading fails). */
  readonly values: ISparkMLSettingsValues;
  /** Emitted with the new values when a person edits the settings. */
  readonly changed: ISignal<ISparkMLSettings, ISparkMLSettingsValues>;
  /** Resolves after the first load, successful or not. */
  readonly ready: Promise<void>;
}

export const ISparkMLSettings = new Token<ISparkMLSettings>(
  'jupyterlab-aws-spark-ml:settings',
  'The AWS Spark & ML settings, loaded once for every feature'
);

/** The live lists of the Compute section, for other features to read. */
export interface ICompute {
  /** EMR clusters of the current region (refreshing while anything shows them). */
  readonly clusters: ClusterListModel;
  /** Glue interactive sessions of the current region. */
  readonly sessions: SessionListModel;
}

export const ICompute = new Token<ICompute>(
  'jupyterlab-aws-spark-ml:compute',
  'EMR clusters and Glue interactive sessions'
);

/** Which Spark each notebook's kernel is attached to. */
export interface IAttachments {
  /**
   * What `panel`'s kernel is attached to now, asked of the kernel itself (a
   * connect typed by hand counts too); null when nothing or no kernel.
   */
  current(panel: NotebookPanel): Promise<ISparkAttachment | null>;
  /**
   * Attaches `panel` the way the toolbar's picker does (connect cell at the
   * top, a notification); resolves with the magic's report, or null when the
   * connect cell could not be written.
   */
  attach(
    panel: NotebookPanel,
    attachment: ISparkAttachment
  ): Promise<IConnectionEvent | null>;
}

export const IAttachments = new Token<IAttachments>(
  'jupyterlab-aws-spark-ml:attachments',
  'Which Spark each notebook is attached to, and attaching one'
);

/**
 * Command ids other features implement. A button for one is only shown
 * when `app.commands.hasCommand(id)` is true.
 */
export namespace SharedCommandIDs {
  /** Args: `{ kind: 'emr' | 'glue', id: string }`. Implemented by the attach feature. */
  export const attachCluster = 'aws-spark-ml:attach-cluster';
  /** Args: `{ name: string }` (a Completed training job). Implemented by the endpoints feature. */
  export const deployTrainingJob = 'aws-spark-ml:deploy-training-job';
}
