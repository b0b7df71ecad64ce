import type { IClusterRequest, ISessionRequest } from './requests';

/** Field name → message naming the field, AWS's constraint and the fix. Empty: valid. */
export type ValidationErrors<T> = Partial<Record<keyof T, string>>;

const RELEASE_LABEL = /^emr-\d+\.\d+\.\d+$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SUBNET = /^subnet-[0-9a-f]{8,17}$/;
const S3_URI = /^s3n?:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
const GLUE_VERSION = /^\d+\.\d+$/;
type Translate = (msg: string, ...args: any[]) => string;
const plain: Translate = (msg, ...args) =>
  msg.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1] ?? ''));

export const WORKER_TYPES = ['G.1X', 'G.2X', 'G.4X', 'G.8X', 'Z.2X'];

function isWhole(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

function tagErrors(
  tags: Record<string, string>,
  __: Translate
): string | undefined {
  const entries = Object.entries(tags);
  if (entries.length > 49) {
    return __(
      'Tags: at most 49 (AWS allows 50, one is used to prevent duplicates).'
    );
  }
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > 128) {
      return __('Tags: key "%1" must be 1–128 characters.', k);
    }
    if (k.toLowerCase().startsWith('aws:')) {
      return __(
        'Tags: key "%1" must not start with "aws:" (reserved by AWS).',
        k
      );
    }
    if (v.length > 256) {
      return __('Tags: the value of "%1" must be at most 256 characters.', k);
    }
  }
  return undefined;
}

/** Checks a cluster request against RunJobFlow's constraints before calling AWS. */
export function validateClusterRequest(
  r: IClusterRequest,
  __: Translate = plain
): ValidationErrors<IClusterRequest> {
  const e: ValidationErrors<IClusterRequest> = {};
  const name = r.name.trim();
  if (
    name.length < 1 ||
    name.length > 256 ||
    [...name].some(ch => ch.charCodeAt(0) < 32)
  ) {
    e.name = __(
      'Name: 1–256 characters, on one line. Give the cluster a short name.'
    );
  }
  if (!RELEASE_LABEL.test(r.releaseLabel)) {
    e.releaseLabel = __(
      'Release label: must look like emr-x.y.z (e.g. emr-7.5.0); got "%1".',
      r.releaseLabel
    );
  }
  if (
    r.applications.length === 0 ||
    r.applications.some(a => !/^[A-Za-z][\w-]*$/.test(a))
  ) {
    e.applications = __(
      'Applications: list at least one EMR application name, e.g. Spark, Livy.'
    );
  }
  if (!INSTANCE_TYPE.test(r.primaryInstanceType)) {
    e.primaryInstanceType = __(
      'Primary instance type: must be an EC2 type like m5.xlarge; got "%1".',
      r.primaryInstanceType
    );
  }
  if (r.coreInstanceCount > 0 && !INSTANCE_TYPE.test(r.coreInstanceType)) {
    e.coreInstanceType = __(
      'Core instance type: must be an EC2 type like m5.xlarge; got "%1".',
      r.coreInstanceType
    );
  }
  if (!isWhole(r.coreInstanceCount, 0, 500)) {
    e.coreInstanceCount = __(
      'Core instance count: a whole number from 1 to 500, or 0 for a single-node cluster.'
    );
  }
  if (!IAM_NAME.test(r.serviceRole) && !ROLE_ARN.test(r.serviceRole)) {
    e.serviceRole = __(
      'Service role: an IAM role name (e.g. EMR_DefaultRole) or role ARN arn:aws:iam::<12-digit account>:role/<name>.'
    );
  }
  if (
    !IAM_NAME.test(r.jobFlowRole) &&
    !/^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/.+$/.test(r.jobFlowRole)
  ) {
    e.jobFlowRole = __(
      'EC2 instance profile: a name (e.g. EMR_EC2_DefaultRole) or instance-profile ARN.'
    );
  }
  if (r.subnetId && !SUBNET.test(r.subnetId)) {
    e.subnetId = __(
      'Subnet: must look like subnet-0abc1234 (8–17 hex digits), or be empty; got "%1".',
      r.subnetId
    );
  }
  if (r.logUri && !S3_URI.test(r.logUri)) {
    e.logUri = __(
      'Log URI: must be an S3 location like s3://my-bucket/emr-logs/, or be empty; got "%1".',
      r.logUri
    );
  }
  if (!isWhole(r.idleTimeoutMinutes, 1, 10080)) {
    e.idleTimeoutMinutes = __(
      'Idle timeout: a whole number of minutes from 1 to 10080 (AWS allows 60 s to 7 days).'
    );
  }
  const tags = tagErrors(r.tags, __);
  if (tags) {
    e.tags = tags;
  }
  if (r.bootstrapActions.length > 16) {
    e.bootstrapActions = __('Bootstrap actions: at most 16.');
  } else {
    const bad = r.bootstrapActions.find(
      b =>
        !b.name.trim() ||
        b.name.length > 256 ||
        !/^(s3n?:\/\/|file:\/)/.test(b.path)
    );
    if (bad) {
      e.bootstrapActions = __(
        'Bootstrap actions: each needs a name (1–256 characters) and a script path starting s3:// or file:/; check "%1".',
        bad.name || bad.path
      );
    }
  }
  return e;
}

/** Checks a Glue session request against CreateSession's constraints. */
export function validateSessionRequest(
  r: ISessionRequest,
  __: Translate = plain
): ValidationErrors<ISessionRequest> {
  const e: ValidationErrors<ISessionRequest> = {};
  if (!SESSION_ID.test(r.id)) {
    e.id = __(
      'Session id: 1–255 letters, digits, ".", "_" or "-", starting with a letter or digit.'
    );
  }
  if (!GLUE_VERSION.test(r.glueVersion) || parseFloat(r.glueVersion) < 2) {
    e.glueVersion = __(
      'Glue version: interactive sessions need 2.0 or later, written like 5.0; got "%1".',
      r.glueVersion
    );
  }
  if (!WORKER_TYPES.includes(r.workerType)) {
    e.workerType = __(
      'Worker type: one of %1; got "%2".',
      WORKER_TYPES.join(', '),
      r.workerType
    );
  }
  if (!isWhole(r.numberOfWorkers, 2, 1000)) {
    e.numberOfWorkers = __(
      'Number of workers: a whole number from 2 to 1000 for %1 (one is the driver).',
      r.workerType || 'this worker type'
    );
  }
  if (!isWhole(r.idleTimeoutMinutes, 1, 2880)) {
    e.idleTimeoutMinutes = __(
      'Idle timeout: a whole number of minutes from 1 to 2880 (at most the 48 h session timeout). 60 is a good default.'
    );
  }
  if (!ROLE_ARN.test(r.role)) {
    e.role = __(
      'Role: the ARN of an IAM role Glue can assume, arn:aws:iam::<12-digit account>:role/<name>.'
    );
  }
  if (r.connections.some(c => !c.trim() || c.length > 255)) {
    e.connections = __(
      'Connections: names of Glue connections, 1–255 characters each.'
    );
  }
  const tags = tagErrors(r.tags, __);
  if (tags) {
    e.tags = tags;
  }
  return e;
}

export function isValid(errors: object): boolean {
  return Object.keys(errors).length === 0;
}
