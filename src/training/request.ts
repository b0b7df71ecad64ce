import type { CreateTrainingJobRequest } from '@aws-sdk/client-sagemaker';
import { sklearnImageUri, xgboostImageUri } from './images';

export type TrainingMode = 'builtin-xgboost' | 'script';
export type ScriptFramework = 'sklearn' | 'xgboost';

export const CONTENT_TYPES = [
  'text/csv',
  'text/libsvm',
  'application/x-parquet',
  'application/x-recordio-protobuf'
];
export const TRAINING_INSTANCE_TYPES = [
  'ml.m5.large',
  'ml.m5.xlarge',
  'ml.m5.2xlarge',
  'ml.c5.xlarge',
  'ml.c5.2xlarge',
  'ml.g4dn.xlarge'
];

export interface IChannel {
  name: string;
  s3Uri: string;
  contentType: string;
}

/** Everything the launch form asks; `toCreateTrainingJob` turns it into AWS's request. */
export interface ILaunchRequest {
  /** Generated once per dialog, so a retry reuses it (ResourceInUse = it exists). */
  jobName: string;
  mode: TrainingMode;
  xgboostVersion: string;
  framework: ScriptFramework;
  /** Workspace path of the entry point (script mode). */
  entryPoint: string;
  channels: IChannel[];
  instanceType: string;
  instanceCount: number;
  volumeSizeGb: number;
  useSpot: boolean;
  maxWaitMinutes: number;
  maxRuntimeMinutes: number;
  hyperparameters: [string, string][];
  roleArn: string;
  outputPath: string;
}

/** Where the packaged entry point goes: next to the job's output. */
export function sourceArchiveUri(r: ILaunchRequest): string {
  return `${r.outputPath.replace(/\/+$/, '')}/${r.jobName}/source/sourcedir.tar.gz`;
}

export function entryPointFile(path: string): string {
  return path.split('/').pop() ?? path;
}

/** The image for the request's mode, in `region`. Throws ImageNotFoundError. */
export function trainingImage(r: ILaunchRequest, region: string): string {
  if (r.mode === 'script' && r.framework === 'sklearn') {
    return sklearnImageUri(region);
  }
  return xgboostImageUri(region, r.xgboostVersion);
}

export function toCreateTrainingJob(
  r: ILaunchRequest,
  region: string
): CreateTrainingJobRequest {
  const hyperparameters: Record<string, string> = {};
  for (const [name, value] of r.hyperparameters) {
    if (name.trim()) {
      // Script mode: JSON-encoded like the SageMaker Python SDK, so "0.1" stays a number.
      hyperparameters[name.trim()] =
        r.mode === 'script' ? scriptValue(value) : value.trim();
    }
  }
  if (r.mode === 'script') {
    hyperparameters.sagemaker_program = JSON.stringify(
      entryPointFile(r.entryPoint)
    );
    hyperparameters.sagemaker_submit_directory = JSON.stringify(
      sourceArchiveUri(r)
    );
    hyperparameters.sagemaker_region = JSON.stringify(region);
  }
  const runtime = Math.round(r.maxRuntimeMinutes * 60);
  return {
    TrainingJobName: r.jobName,
    AlgorithmSpecification: {
      TrainingImage: trainingImage(r, region),
      TrainingInputMode: 'File'
    },
    RoleArn: r.roleArn,
    HyperParameters: hyperparameters,
    InputDataConfig: r.channels.map(c => ({
      ChannelName: c.name,
      ContentType: c.contentType,
      InputMode: 'File',
      DataSource: {
        S3DataSource: {
          S3DataType: 'S3Prefix',
          S3Uri: c.s3Uri,
          S3DataDistributionType: 'FullyReplicated'
        }
      }
    })),
    OutputDataConfig: { S3OutputPath: r.outputPath },
    ResourceConfig: {
      InstanceType: r.instanceType as any,
      InstanceCount: r.instanceCount,
      VolumeSizeInGB: r.volumeSizeGb
    },
    StoppingCondition: {
      MaxRuntimeInSeconds: runtime,
      ...(r.useSpot
        ? { MaxWaitTimeInSeconds: Math.round(r.maxWaitMinutes * 60) }
        : {})
    },
    EnableManagedSpotTraining: r.useSpot
  };
}

function scriptValue(value: string): string {
  const v = value.trim();
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) ||
    v === 'true' ||
    v === 'false'
    ? v
    : JSON.stringify(v);
}
