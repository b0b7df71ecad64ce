import {
  Translate,
  plain,
  validateScriptHyperparameters,
  validateXgboostHyperparameters
} from './hyperparameters';
import { ImageNotFoundError } from './images';
import { MAX_NAME_LENGTH, RESOURCE_NAME } from './jobName';
import { CONTENT_TYPES, ILaunchRequest, trainingImage } from './request';

/**
 * Field → message naming the field, the constraint and the fix. Keys:
 * request fields, `channel.<i>` for input channels, `hp.<name>` for hyperparameters.
 */
export type LaunchErrors = Record<string, string>;

export const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const INSTANCE_TYPE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;
const CHANNEL_NAME = /^[A-Za-z0-9.\-_]{1,64}$/;
/** SageMaker's MaxRuntimeInSeconds limit: 28 days. */
const MAX_RUNTIME_MINUTES = 28 * 24 * 60;

function whole(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/** Checks a launch request against CreateTrainingJob's and the algorithm's rules. */
export function validateLaunchRequest(
  r: ILaunchRequest,
  region: string,
  __: Translate = plain
): LaunchErrors {
  const e: LaunchErrors = {};
  if (!RESOURCE_NAME.test(r.jobName) || r.jobName.length > MAX_NAME_LENGTH) {
    e.jobName = __(
      'Job name: 1–63 letters, digits or hyphens, starting and ending with a letter or digit; got "%1". Use the generated name or fix the characters.',
      r.jobName
    );
  }
  try {
    trainingImage(r, region);
  } catch (err) {
    if (err instanceof ImageNotFoundError) {
      e[r.mode === 'script' ? 'framework' : 'xgboostVersion'] = __(
        'Image: %1',
        err.message
      );
    }
  }
  if (r.mode === 'script' && !/\.(py|sh)$/.test(r.entryPoint.trim())) {
    e.entryPoint = __(
      'Entry point: the workspace path of a .py (or .sh) file, e.g. scripts/train.py; got "%1". Pick your training script.',
      r.entryPoint
    );
  }
  if (r.channels.length === 0) {
    e.channels = __(
      'Input channels: add at least one, named "train", with the S3 location of the training data.'
    );
  }
  const seen = new Set<string>();
  r.channels.forEach((c, i) => {
    if (!CHANNEL_NAME.test(c.name)) {
      e[`channel.${i}`] = __(
        'Channel %1 name: 1–64 letters, digits, ".", "-" or "_"; got "%2". Use e.g. train or validation.',
        i + 1,
        c.name
      );
    } else if (seen.has(c.name)) {
      e[`channel.${i}`] = __(
        'Channel %1: the name "%2" is used twice. Rename or remove one.',
        i + 1,
        c.name
      );
    } else if (!S3_URI.test(c.s3Uri.trim())) {
      e[`channel.${i}`] = __(
        'Channel %1 (%2) S3 location: must look like s3://bucket/prefix/; got "%3". Pick a table or type the S3 URI.',
        i + 1,
        c.name,
        c.s3Uri
      );
    } else if (!CONTENT_TYPES.includes(c.contentType)) {
      e[`channel.${i}`] = __(
        'Channel %1 content type: one of %2; got "%3".',
        i + 1,
        CONTENT_TYPES.join(', '),
        c.contentType
      );
    }
    seen.add(c.name);
  });
  if (r.mode === 'builtin-xgboost' && r.channels.length && !seen.has('train')) {
    e.channels = __(
      'Input channels: built-in XGBoost reads a channel named "train" (and optionally "validation"). Rename the training channel to train.'
    );
  }
  if (!INSTANCE_TYPE.test(r.instanceType)) {
    e.instanceType = __(
      'Instance type: a SageMaker ML instance type like ml.m5.large; got "%1".',
      r.instanceType
    );
  }
  if (!whole(r.instanceCount, 1, 100)) {
    e.instanceCount = __(
      'Instance count: a whole number from 1 to 100. Use 1 unless the algorithm trains distributed.'
    );
  }
  if (!whole(r.volumeSizeGb, 1, 16384)) {
    e.volumeSizeGb = __(
      'Volume size: a whole number of GB from 1 to 16384; 30 is a good default.'
    );
  }
  if (!whole(r.maxRuntimeMinutes, 1, MAX_RUNTIME_MINUTES)) {
    e.maxRuntimeMinutes = __(
      'Max runtime: a whole number of minutes from 1 to %1 (28 days). The job stops when it is reached.',
      MAX_RUNTIME_MINUTES
    );
  }
  if (
    r.useSpot &&
    (!whole(r.maxWaitMinutes, 1, MAX_RUNTIME_MINUTES) ||
      r.maxWaitMinutes < r.maxRuntimeMinutes)
  ) {
    e.maxWaitMinutes = __(
      'Max wait (spot): a whole number of minutes, at least the max runtime (%1) — it includes time waiting for spot capacity.',
      r.maxRuntimeMinutes
    );
  }
  if (!ROLE_ARN.test(r.roleArn.trim())) {
    e.roleArn = __(
      'Role: the ARN of an IAM role SageMaker can assume, arn:aws:iam::<12-digit account>:role/<name>. Pick one or set a default in the settings.'
    );
  }
  if (!S3_URI.test(r.outputPath.trim())) {
    e.outputPath = __(
      'Output path: an S3 location like s3://my-bucket/models/; got "%1". The model is written under it.',
      r.outputPath
    );
  }
  const hp =
    r.mode === 'builtin-xgboost'
      ? validateXgboostHyperparameters(r.hyperparameters, __)
      : validateScriptHyperparameters(r.hyperparameters, __);
  for (const [name, message] of Object.entries(hp)) {
    e[`hp.${name}`] = message;
  }
  return e;
}

export function isValid(errors: LaunchErrors): boolean {
  return Object.keys(errors).length === 0;
}
