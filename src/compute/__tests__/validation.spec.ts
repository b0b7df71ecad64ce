import {
  clusterRequestFromTemplate,
  sessionRequestFromTemplate,
  toCreateSessionInput,
  toRunJobFlowInput
} from '../requests';
import { validateClusterRequest, validateSessionRequest } from '../validation';

const template = {
  id: 'small',
  label: 'Small',
  releaseLabel: 'emr-7.5.0',
  coreInstanceCount: 2
};
const good = () => clusterRequestFromTemplate(template, 'my-cluster');
const goodSession = () =>
  sessionRequestFromTemplate(
    {
      id: 'g',
      label: 'Glue',
      role: 'arn:aws:iam::{account}:role/AWSGlueServiceRole-sandbox'
    },
    'glue-0101-1200',
    '123456789012'
  );

describe('validateClusterRequest', () => {
  it('accepts a template as is', () => {
    expect(validateClusterRequest(good())).toEqual({});
  });

  it.each([
    ['name', { name: '' }, /Name: 1–256 characters/],
    ['name', { name: 'x'.repeat(257) }, /Name: 1–256/],
    ['releaseLabel', { releaseLabel: '7.5.0' }, /emr-x\.y\.z.*got "7\.5\.0"/],
    ['coreInstanceCount', { coreInstanceCount: 501 }, /from 1 to 500, or 0/],
    ['coreInstanceCount', { coreInstanceCount: 1.5 }, /whole number/],
    [
      'primaryInstanceType',
      { primaryInstanceType: 'big' },
      /EC2 type like m5\.xlarge/
    ],
    [
      'idleTimeoutMinutes',
      { idleTimeoutMinutes: 0 },
      /1 to 10080.*60 s to 7 days/
    ],
    ['idleTimeoutMinutes', { idleTimeoutMinutes: NaN }, /Idle timeout/],
    ['subnetId', { subnetId: 'vpc-1' }, /subnet-0abc1234/],
    ['logUri', { logUri: 'http://x' }, /s3:\/\/my-bucket/],
    ['serviceRole', { serviceRole: 'arn:aws:iam::12:role/x' }, /role ARN/],
    ['applications', { applications: [] }, /at least one/],
    ['tags', { tags: { 'aws:owner': 'me' } }, /must not start with "aws:"/],
    [
      'bootstrapActions',
      { bootstrapActions: [{ name: 'x', path: 'http://x', args: [] }] },
      /s3:\/\//
    ]
  ])('names the field %s', (field, patch, message) => {
    const errors = validateClusterRequest({ ...good(), ...patch } as any);
    expect(Object.keys(errors)).toEqual([field]);
    expect((errors as any)[field]).toMatch(message);
  });

  it('allows a single-node cluster', () => {
    expect(
      validateClusterRequest({
        ...good(),
        coreInstanceCount: 0,
        coreInstanceType: ''
      })
    ).toEqual({});
  });

  it('builds RunJobFlow with auto-termination and the click token tag', () => {
    const input = toRunJobFlowInput(
      { ...good(), idleTimeoutMinutes: 60 },
      'tok123'
    );
    expect(input.AutoTerminationPolicy).toEqual({ IdleTimeout: 3600 });
    expect(input.Instances?.KeepJobFlowAliveWhenNoSteps).toBe(true);
    expect(
      input.Instances?.InstanceGroups?.map(g => [
        g.InstanceRole,
        g.InstanceCount
      ])
    ).toEqual([
      ['MASTER', 1],
      ['CORE', 2]
    ]);
    expect(input.Tags).toContainEqual({
      Key: 'aws-spark-ml:flow',
      Value: 'tok123'
    });
  });
});

describe('validateSessionRequest', () => {
  it('accepts the default template, with a one-hour idle timeout', () => {
    const r = goodSession();
    expect(validateSessionRequest(r)).toEqual({});
    expect(r.idleTimeoutMinutes).toBe(60);
    expect(r.role).toBe(
      'arn:aws:iam::123456789012:role/AWSGlueServiceRole-sandbox'
    );
    expect(toCreateSessionInput(r)).toMatchObject({
      IdleTimeout: 60,
      GlueVersion: '5.0',
      WorkerType: 'G.1X',
      NumberOfWorkers: 2
    });
  });

  it.each([
    ['numberOfWorkers', { numberOfWorkers: 1 }, /from 2 to 1000 for G\.1X/],
    ['idleTimeoutMinutes', { idleTimeoutMinutes: 2881 }, /1 to 2880/],
    ['glueVersion', { glueVersion: '1.0' }, /2\.0 or later/],
    ['workerType', { workerType: 'Standard' }, /one of G\.1X/],
    [
      'role',
      { role: 'AWSGlueServiceRole' },
      /arn:aws:iam::<12-digit account>:role/
    ],
    ['id', { id: '' }, /Session id: 1–255/]
  ])('names the field %s', (field, patch, message) => {
    const errors = validateSessionRequest({ ...goodSession(), ...patch });
    expect(Object.keys(errors)).toEqual([field]);
    expect((errors as any)[field]).toMatch(message);
  });
});
