/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { fakeSageMakerOf } from '../../core/__tests__/withAccount';
import {
  awsError,
  fakeSageMaker,
  ok
} from '../../training/__tests__/fakeSageMaker';
import {
  DeployError,
  deployModel,
  planDeployment,
  validatePlan,
  withEndpointName
} from '../deploy';
import { costsWhileIdle } from '../EndpointListModel';
import { isEndpointGone, waitForEndpoint, GONE } from '../waitEndpoint';

const JOB = {
  TrainingJobName: 'xgboost-20250131-120509-ab12',
  TrainingJobStatus: 'Completed' as const,
  RoleArn: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole-sandbox',
  AlgorithmSpecification: {
    TrainingImage:
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    TrainingInputMode: 'File' as const
  },
  ModelArtifacts: {
    S3ModelArtifacts:
      's3://sandbox-demo/sagemaker/xgboost-20250131-120509-ab12/output/model.tar.gz'
  }
};

describe('deploy plan', () => {
  it("defaults that work: the job's image, artifacts and role, ml.m5.large × 1, serverless 2048 MB / 5", () => {
    const p = planDeployment(JOB as any);
    expect(p).toMatchObject({
      endpointName: 'xgboost-20250131-120509-ab12-ep',
      modelName: 'xgboost-20250131-120509-ab12-ep-model',
      endpointConfigName: 'xgboost-20250131-120509-ab12-ep-config',
      image: JOB.AlgorithmSpecification.TrainingImage,
      modelDataUrl: JOB.ModelArtifacts.S3ModelArtifacts,
      roleArn: JOB.RoleArn,
      kind: 'realtime',
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      memoryMb: 2048,
      maxConcurrency: 5
    });
    expect(validatePlan(p)).toEqual({});
  });

  it('derives model and config names from a renamed endpoint, within 63 characters', () => {
    const p = withEndpointName(planDeployment(JOB as any), 'e'.repeat(63));
    expect(p.modelName).toHaveLength(63);
    expect(p.endpointConfigName.endsWith('-config')).toBe(true);
  });

  it('names the field and the fix for bad values', () => {
    const p = planDeployment(JOB as any);
    expect(
      validatePlan({ ...p, endpointName: 'my_endpoint' }).endpointName
    ).toMatch(/^Endpoint name: 1–63 letters.*got "my_endpoint"/);
    expect(validatePlan({ ...p, instanceCount: 0 }).instanceCount).toMatch(
      /from 1 to 100/
    );
    expect(
      validatePlan({ ...p, kind: 'serverless', memoryMb: 1000 }).memoryMb
    ).toBe('Memory: one of 1024, 2048, 3072, 4096, 5120, 6144 MB.');
    expect(
      validatePlan({ ...p, kind: 'serverless', maxConcurrency: 500 })
        .maxConcurrency
    ).toMatch(/1 to 200/);
    expect(validatePlan({ ...p, modelDataUrl: '' }).modelDataUrl).toMatch(
      /Deploy a Completed job/
    );
  });
});

describe('deployModel', () => {
  const plan = planDeployment(JOB as any);

  it('creates model, config and endpoint from the job', async () => {
    const aws = fakeSageMakerOf(() => ok({}));
    await deployModel(aws.clients, plan);
    expect(aws.ops()).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint'
    ]);
    expect(aws.calls[0].body).toEqual({
      ModelName: plan.modelName,
      ExecutionRoleArn: JOB.RoleArn,
      PrimaryContainer: {
        Image: JOB.AlgorithmSpecification.TrainingImage,
        ModelDataUrl: JOB.ModelArtifacts.S3ModelArtifacts,
        Environment: {}
      },
      Tags: [
        { Key: 'aws-spark-ml:flow', Value: expect.any(String) },
        { Key: 'aws-spark-ml:flow-step', Value: 'model' }
      ]
    });
    expect(aws.calls[1].body.ProductionVariants[0]).toEqual({
      VariantName: 'AllTraffic',
      ModelName: plan.modelName,
      InstanceType: 'ml.m5.large',
      InitialInstanceCount: 1,
      InitialVariantWeight: 1
    });
  });

  it('serverless: memory and concurrency instead of instances', async () => {
    const aws = fakeSageMakerOf(() => ok({}));
    await deployModel(aws.clients, { ...plan, kind: 'serverless' });
    expect(aws.calls[1].body.ProductionVariants[0]).toEqual({
      VariantName: 'AllTraffic',
      ModelName: plan.modelName,
      ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
    });
  });

  it.each([
    [
      'CreateEndpointConfig',
      [
        'CreateModel',
        'CreateEndpointConfig',
        'DescribeEndpointConfig',
        'DeleteModel'
      ],
      ['model']
    ],
    [
      'CreateEndpoint',
      [
        'CreateModel',
        'CreateEndpointConfig',
        'CreateEndpoint',
        'DescribeEndpoint',
        'DeleteEndpointConfig',
        'DeleteModel'
      ],
      ['endpoint-config', 'model']
    ],
    ['CreateModel', ['CreateModel', 'DescribeModel'], []]
  ])(
    'when %s fails, deletes what was created, newest first',
    async (failing, ops, rolledBack) => {
      const aws = fakeSageMakerOf(op =>
        op === failing
          ? awsError('ResourceLimitExceeded', 'too many endpoints')
          : ok({})
      );
      const err = await deployModel(aws.clients, plan).catch(e => e);
      expect(err).toBeInstanceOf(DeployError);
      expect((err as DeployError).cause).toMatchObject({
        name: 'ResourceLimitExceeded'
      });
      expect((err as DeployError).rolledBack).toEqual(rolledBack);
      expect((err as DeployError).leftBehind).toEqual([]);
      expect(aws.ops()).toEqual(ops);
      const deleted = aws.calls
        .filter(c => c.op.startsWith('Delete'))
        .map(c => c.body);
      expect(deleted).toEqual(
        rolledBack.map(r =>
          r === 'model'
            ? { ModelName: plan.modelName }
            : { EndpointConfigName: plan.endpointConfigName }
        )
      );
    }
  );

  it('reports what it could not delete', async () => {
    const aws = fakeSageMakerOf(op =>
      op === 'CreateEndpoint' || op === 'DeleteModel'
        ? awsError('InternalFailure', 'boom', 500)
        : ok({})
    );
    const err = (await deployModel(aws.clients, plan).catch(
      e => e
    )) as DeployError;
    expect(err.rolledBack).toEqual(['endpoint-config']);
    expect(err.leftBehind).toEqual(['model']);
  });
});

describe('endpoint lifecycle', () => {
  it('"Could not find endpoint" means gone; other validation errors do not', () => {
    expect(
      isEndpointGone({
        name: 'ValidationException',
        message: 'Could not find endpoint "x".'
      })
    ).toBe(true);
    expect(
      isEndpointGone({ name: 'ValidationException', message: 'Bad name' })
    ).toBe(false);
  });

  it('waits through Creating to InService, then stops polling', async () => {
    const states = ['Creating', 'Creating', 'InService'];
    const aws = fakeSageMaker(() =>
      ok({ EndpointName: 'e', EndpointStatus: states.shift() ?? 'InService' })
    );
    const seen: string[] = [];
    const end = await waitForEndpoint(aws.clients, 'e', {
      intervalMs: 1,
      isDone: s => s === 'InService',
      onStatus: s => seen.push(s)
    });
    expect(end.status).toBe('InService');
    expect(seen).toEqual(['Creating', 'InService']);
    const n = aws.calls.length;
    await new Promise(r => setTimeout(r, 1100));
    expect(aws.calls.length).toBe(n);
  });

  it('follows Deleting until DescribeEndpoint says it cannot find it', async () => {
    let calls = 0;
    const aws = fakeSageMaker(() =>
      ++calls < 3
        ? ok({ EndpointStatus: 'Deleting' })
        : awsError('ValidationException', 'Could not find endpoint "e".')
    );
    await expect(
      waitForEndpoint(aws.clients, 'e', {
        intervalMs: 1,
        isDone: s => s === GONE
      })
    ).resolves.toEqual({ status: GONE, failureReason: undefined });
  });

  it('flags only InService real-time endpoints as costing while idle', () => {
    const rt = {
      ProductionVariants: [
        { VariantName: 'a', InstanceType: 'ml.m5.large' as const }
      ]
    };
    const sl = {
      ProductionVariants: [
        {
          VariantName: 'a',
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
        }
      ]
    };
    expect(
      costsWhileIdle({
        endpoint: { EndpointStatus: 'InService' } as any,
        config: rt as any
      })
    ).toBe(true);
    expect(
      costsWhileIdle({
        endpoint: { EndpointStatus: 'Creating' } as any,
        config: rt as any
      })
    ).toBe(false);
    expect(
      costsWhileIdle({
        endpoint: { EndpointStatus: 'InService' } as any,
        config: sl as any
      })
    ).toBe(false);
  });
});
