import type { ILaunchRequest } from '../request';

/** A valid built-in XGBoost request; tests change one field at a time. */
export function request(patch: Partial<ILaunchRequest> = {}): ILaunchRequest {
  return {
    jobName: 'xgboost-20250101-120000-ab12',
    mode: 'builtin-xgboost',
    xgboostVersion: '1.7-1',
    framework: 'sklearn',
    entryPoint: '',
    channels: [
      {
        name: 'train',
        s3Uri: 's3://sandbox-demo/train/',
        contentType: 'text/csv'
      }
    ],
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    volumeSizeGb: 30,
    useSpot: false,
    maxWaitMinutes: 120,
    maxRuntimeMinutes: 60,
    hyperparameters: [['num_round', '50']],
    roleArn: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole-sandbox',
    outputPath: 's3://sandbox-demo/sagemaker/',
    ...patch
  };
}
