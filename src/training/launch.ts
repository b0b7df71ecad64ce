import type { CreateTrainingJobRequest } from '@aws-sdk/client-sagemaker';
import type { Contents } from '@jupyterlab/services';
import {
  FLOW_TAG,
  FlowStore,
  IFlow,
  IFlowKind,
  IResumed,
  resumeFlows,
  RunningFlow,
  taggedBy
} from '../core/resumable';
import type { IAwsClients } from '../tokens';
import {
  ILaunchRequest,
  entryPointFile,
  sourceArchiveUri,
  toCreateTrainingJob
} from './request';
import { tarGz } from './tar';

export function splitS3Uri(uri: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
  if (!m) {
    throw new Error(`Not an S3 URI: ${uri}`);
  }
  return { bucket: m[1], key: m[2] };
}

/**
 * Script mode: reads the entry point from the workspace (Contents API),
 * packages it as sourcedir.tar.gz and puts it next to the job's output.
 */
export async function packageEntryPoint(
  clients: IAwsClients,
  contents: Pick<Contents.IManager, 'get'>,
  r: ILaunchRequest
): Promise<string> {
  const file = await contents.get(r.entryPoint, {
    content: true,
    format: 'text',
    type: 'file'
  });
  const archive = await tarGz([
    {
      name: entryPointFile(r.entryPoint),
      content: new TextEncoder().encode(String(file.content ?? '')),
      mode: 0o755
    }
  ]);
  const uri = sourceArchiveUri(r);
  const { bucket, key } = splitS3Uri(uri);
  const { PutObjectCommand } = await import('../aws/sdk/s3');
  const s3 = await clients.client('s3');
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: archive,
      ContentType: 'application/gzip'
    })
  );
  return uri;
}

export interface ILaunchParams {
  jobName: string;
}

/**
 * A launch as a resumable flow: the job carries the flow's tag. Its one
 * resource is the job (the packaged source is overwritten by the next launch
 * and needs no undo), so a launch cut off by a reload is finished when its
 * job exists — the list shows it — and forgotten when it never landed.
 */
export function launchFlowKind(clients: IAwsClients): IFlowKind<ILaunchParams> {
  return {
    kind: 'training-job',
    steps: ['source', 'job'],
    interrupted: 'rollBack',
    async find(flow): Promise<Record<string, string>> {
      return (await jobIsFlows(clients, flow))
        ? { job: flow.params.jobName }
        : {};
    },
    rollBack: async () => []
  };
}

/** Whether the flow's job exists and carries its tag. */
async function jobIsFlows(
  clients: IAwsClients,
  flow: Pick<IFlow<ILaunchParams>, 'id' | 'region' | 'params'>
): Promise<boolean> {
  const sdk = await import('../aws/sdk/sagemaker');
  const sm = await clients.client('sagemaker', flow.region);
  let arn: string | undefined;
  try {
    arn = (
      await sm.send(
        new sdk.DescribeTrainingJobCommand({
          TrainingJobName: flow.params.jobName
        })
      )
    ).TrainingJobArn;
  } catch (err) {
    if (/not found|could not find/i.test((err as Error)?.message ?? '')) {
      return false;
    }
    throw err;
  }
  if (!arn) {
    return false;
  }
  const { Tags } = await sm.send(new sdk.ListTagsCommand({ ResourceArn: arn }));
  return taggedBy(Tags, flow.id);
}

/** At page load: launches a reload cut off are settled (see `launchFlowKind`). */
export function resumeLaunches(
  clients: IAwsClients,
  store = new FlowStore()
): Promise<IResumed<ILaunchParams>[]> {
  return resumeFlows(clients, [launchFlowKind(clients)], { store });
}

/**
 * CreateTrainingJob, safe to repeat with the same request: the name was
 * generated once, so ResourceInUse on a retry (the first call did reach AWS
 * before the network failed) means our job exists — success, not an error.
 */
export async function createTrainingJobOnce(
  clients: IAwsClients,
  input: CreateTrainingJobRequest
): Promise<'created' | 'existed'> {
  const sdk = await import('../aws/sdk/sagemaker');
  const sm = await clients.client('sagemaker');
  try {
    await sm.send(new sdk.CreateTrainingJobCommand(input));
    return 'created';
  } catch (err) {
    if ((err as Error)?.name !== 'ResourceInUse') {
      throw err;
    }
    const existing = await sm.send(
      new sdk.DescribeTrainingJobCommand({
        TrainingJobName: input.TrainingJobName
      })
    );
    // The name was generated for this dialog (time + random suffix); the
    // flow's tag, or else the same role, image and output path, prove the job
    // is this click's, not another's.
    const flow = input.Tags?.find(t => t.Key === FLOW_TAG)?.Value;
    if (
      flow &&
      existing.TrainingJobArn &&
      taggedBy(
        (
          await sm.send(
            new sdk.ListTagsCommand({ ResourceArn: existing.TrainingJobArn })
          )
        ).Tags,
        flow
      )
    ) {
      return 'existed';
    }
    if (
      existing.RoleArn === input.RoleArn &&
      existing.AlgorithmSpecification?.TrainingImage ===
        input.AlgorithmSpecification?.TrainingImage &&
      existing.OutputDataConfig?.S3OutputPath ===
        input.OutputDataConfig?.S3OutputPath
    ) {
      return 'existed';
    }
    throw err;
  }
}

/**
 * Packages (script mode) and creates the job, as a resumable flow. The
 * request was validated before. A retry of the same job name takes up the
 * same flow, so its tag proves a job the first try made.
 */
export async function launchTrainingJob(
  clients: IAwsClients,
  contents: Pick<Contents.IManager, 'get'>,
  r: ILaunchRequest,
  region: string,
  store = new FlowStore()
): Promise<'created' | 'existed'> {
  const kind = launchFlowKind(clients);
  const open = store
    .all()
    .find(
      f =>
        f.kind === kind.kind &&
        f.region === region &&
        f.params.jobName === r.jobName
    );
  const running = await RunningFlow.start(
    clients,
    kind,
    { jobName: r.jobName },
    { store, region, id: open?.id }
  );
  try {
    if (r.mode === 'script') {
      running.sending('source');
      await packageEntryPoint(clients, contents, r);
    }
    const input = toCreateTrainingJob(r, region);
    input.Tags = [...(input.Tags ?? []), ...running.sending('job')];
    const outcome = await createTrainingJobOnce(clients, input);
    running.end();
    return outcome;
  } catch (err) {
    // Refused by AWS (4xx): nothing was created. Otherwise the outcome is
    // unknown: the record stays for a retry or the next load.
    const status = (err as { $metadata?: { httpStatusCode?: number } })
      ?.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      running.end();
    } else {
      running.pause();
    }
    throw err;
  }
}
