import type { CreateTrainingJobRequest } from '@aws-sdk/client-sagemaker';
import type { Contents } from '@jupyterlab/services';
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
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
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

/**
 * CreateTrainingJob, safe to repeat with the same request: the name was
 * generated once, so ResourceInUse on a retry (the first call did reach AWS
 * before the network failed) means our job exists — success, not an error.
 */
export async function createTrainingJobOnce(
  clients: IAwsClients,
  input: CreateTrainingJobRequest
): Promise<'created' | 'existed'> {
  const sdk = await import('@aws-sdk/client-sagemaker');
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
    // The name was generated for this dialog (time + random suffix); the same
    // role, image and output path prove the job is this click's, not another's.
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

/** Packages (script mode) and creates the job. The request was validated before. */
export async function launchTrainingJob(
  clients: IAwsClients,
  contents: Pick<Contents.IManager, 'get'>,
  r: ILaunchRequest,
  region: string
): Promise<'created' | 'existed'> {
  if (r.mode === 'script') {
    await packageEntryPoint(clients, contents, r);
  }
  return createTrainingJobOnce(clients, toCreateTrainingJob(r, region));
}
