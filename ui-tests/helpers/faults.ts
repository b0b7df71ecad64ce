/**
 * The sandbox's fault switch (`aws-spark-ml/sandbox/faults`), and AWS calls
 * through the extension's own signing proxy to create rows for the sidebar —
 * the same way the UI reaches AWS, so no keys are needed here.
 */
import { expect, Page } from '@playwright/test';

const FAULTS = '/aws-spark-ml/sandbox/faults';
const PROXY = '/aws-spark-ml/proxy';

export interface IFaultRule {
  operation: string;
  throttle?: number;
  error?: number;
  latency_ms?: number;
  drop?: number;
  drop_after?: number;
}

/** Jupyter's XSRF header, from the page's `_xsrf` cookie (absent when XSRF is off). */
async function xsrfHeader(page: Page): Promise<Record<string, string>> {
  const cookies = await page.context().cookies();
  const xsrf = cookies.find(c => c.name === '_xsrf');
  return xsrf ? { 'X-XSRFToken': decodeURIComponent(xsrf.value) } : {};
}

export class SandboxFaults {
  constructor(readonly page: Page) {}

  async set(rules: IFaultRule[], seed?: number): Promise<void> {
    const response = await this.page.request.put(FAULTS, {
      headers: await xsrfHeader(this.page),
      data: { rules, ...(seed === undefined ? {} : { seed }) }
    });
    expect(response.status(), await response.text()).toBe(200);
  }

  async clear(): Promise<void> {
    const response = await this.page.request.delete(FAULTS, {
      headers: await xsrfHeader(this.page)
    });
    expect(response.status()).toBe(204);
  }
}

/** JSON-protocol calls (EMR, SageMaker) through the proxy, as the browser SDK sends them. */
export class ProxiedAws {
  constructor(readonly page: Page) {}

  async call(
    service: 'emr' | 'sagemaker',
    operation: string,
    body: Record<string, unknown>
  ): Promise<any> {
    const prefix = service === 'emr' ? 'ElasticMapReduce' : 'SageMaker';
    const response = await this.page.request.post(
      `${PROXY}/${service}/us-east-1/`,
      {
        headers: {
          ...(await xsrfHeader(this.page)),
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `${prefix}.${operation}`,
          // What the extension's SDK handler adds to every call.
          'X-Aws-Spark-Ml': '1'
        },
        data: JSON.stringify(body)
      }
    );
    expect(response.status(), await response.text()).toBe(200);
    return response.json();
  }

  /** An EMR cluster, terminated at once: a row under "All" that starts no Spark. */
  async terminatedCluster(name: string): Promise<string> {
    const { JobFlowId } = await this.call('emr', 'RunJobFlow', {
      Name: name,
      ReleaseLabel: 'emr-7.5.0',
      Instances: {
        MasterInstanceType: 'm5.xlarge',
        InstanceCount: 1,
        KeepJobFlowAliveWhenNoSteps: true
      },
      JobFlowRole: 'EMR_EC2_DefaultRole',
      ServiceRole: 'EMR_DefaultRole'
    });
    await this.call('emr', 'TerminateJobFlows', { JobFlowIds: [JobFlowId] });
    return JobFlowId;
  }

  /** A training job whose data is missing: it fails fast, and stays listed. */
  async failingTrainingJob(name: string): Promise<void> {
    await this.call('sagemaker', 'CreateTrainingJob', {
      TrainingJobName: name,
      AlgorithmSpecification: {
        TrainingImage:
          '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
        TrainingInputMode: 'File'
      },
      RoleArn: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole-sandbox',
      HyperParameters: { num_round: '1' },
      InputDataConfig: [
        {
          ChannelName: 'train',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: `s3://sandbox-demo/ui-tests/missing-${name}/`
            }
          }
        }
      ],
      OutputDataConfig: { S3OutputPath: 's3://sandbox-demo/ui-tests/output/' },
      ResourceConfig: {
        InstanceType: 'ml.m5.large',
        InstanceCount: 1,
        VolumeSizeInGB: 1
      },
      StoppingCondition: { MaxRuntimeInSeconds: 300 }
    });
  }

  /** A serverless endpoint over a model that does not exist: it fails, and stays listed. */
  async failingEndpoint(name: string): Promise<void> {
    const role =
      'arn:aws:iam::123456789012:role/SageMakerExecutionRole-sandbox';
    await this.call('sagemaker', 'CreateModel', {
      ModelName: `${name}-model`,
      ExecutionRoleArn: role,
      PrimaryContainer: {
        Image:
          '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
        ModelDataUrl: `s3://sandbox-demo/ui-tests/missing-${name}/model.tar.gz`
      }
    });
    await this.call('sagemaker', 'CreateEndpointConfig', {
      EndpointConfigName: `${name}-config`,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: `${name}-model`,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 1 }
        }
      ]
    });
    await this.call('sagemaker', 'CreateEndpoint', {
      EndpointName: name,
      EndpointConfigName: `${name}-config`
    });
  }
}
