/**
 * SageMaker's own container images, resolved for a region and version.
 * Mirrors jupyterlab_aws_spark_ml/sandbox/ml/images.py (the SageMaker docs'
 * "Docker Registry Paths"): keep the two tables in step.
 */

/** The 'sagemaker-xgboost' and 'sagemaker-scikit-learn' repositories share these accounts. */
export const REGISTRY_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '683313688378',
  'us-east-2': '257758044811',
  'us-west-1': '746614075791',
  'us-west-2': '246618743249',
  'ca-central-1': '341280168497',
  'eu-west-1': '141502667606',
  'eu-west-2': '764974769150',
  'eu-west-3': '659782779980',
  'eu-central-1': '492215442770',
  'eu-north-1': '662702820516',
  'ap-southeast-1': '121021644041',
  'ap-southeast-2': '783357654285',
  'ap-northeast-1': '354813040037',
  'ap-northeast-2': '366743142698',
  'ap-south-1': '720646828776',
  'sa-east-1': '737474898029'
};

export const XGBOOST_VERSIONS = ['1.7-1', '1.5-1', '1.3-1', '1.2-2', '1.2-1'];
export const SKLEARN_VERSIONS = ['1.2-1', '1.0-1'];
export const DEFAULT_XGBOOST_VERSION = '1.7-1';
export const DEFAULT_SKLEARN_VERSION = '1.2-1';

/** Thrown when no image exists for the region or version; the message names the fix. */
export class ImageNotFoundError extends Error {
  readonly name = 'ImageNotFoundError';
}

function uri(
  region: string,
  repository: string,
  version: string,
  versions: string[],
  label: string
): string {
  const account = REGISTRY_ACCOUNTS[region];
  if (!account) {
    throw new ImageNotFoundError(
      `No ${label} image registry known for region ${region}; use one of ${Object.keys(REGISTRY_ACCOUNTS).sort().join(', ')}.`
    );
  }
  if (!versions.includes(version)) {
    throw new ImageNotFoundError(
      `${label} version ${version} is not offered; use one of ${versions.join(', ')}.`
    );
  }
  return `${account}.dkr.ecr.${region}.amazonaws.com/${repository}:${version}`;
}

/** The built-in XGBoost algorithm image (also its framework image for script mode). */
export function xgboostImageUri(
  region: string,
  version = DEFAULT_XGBOOST_VERSION
): string {
  return uri(region, 'sagemaker-xgboost', version, XGBOOST_VERSIONS, 'XGBoost');
}

/** The SKLearn framework image for script mode (tag like the SDK's: <version>-cpu-py3). */
export function sklearnImageUri(
  region: string,
  version = DEFAULT_SKLEARN_VERSION
): string {
  return (
    uri(
      region,
      'sagemaker-scikit-learn',
      version,
      SKLEARN_VERSIONS,
      'SKLearn'
    ) + '-cpu-py3'
  );
}

/** Which SageMaker image a URI is, e.g. to tell built-in XGBoost in a job's details. */
export function classifyImage(image: string): {
  framework: 'xgboost' | 'sklearn' | 'other';
  version: string;
} {
  const m =
    /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/([a-z0-9._/-]+):([A-Za-z0-9._-]+)$/.exec(
      image.trim()
    );
  if (!m) {
    return { framework: 'other', version: '' };
  }
  const version = m[2].split('-cpu')[0].split('-gpu')[0];
  if (m[1] === 'sagemaker-xgboost') {
    return { framework: 'xgboost', version };
  }
  if (m[1] === 'sagemaker-scikit-learn') {
    return { framework: 'sklearn', version };
  }
  return { framework: 'other', version };
}
