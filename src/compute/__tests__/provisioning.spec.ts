/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { InvalidRequestError, Provisioner } from '../provisioning';
import {
  clusterRequestFromTemplate,
  sessionRequestFromTemplate
} from '../requests';
import { FLOW_TAG, FlowStore } from '../../core/resumable';
import { fingerprint } from '../reservations';
import { awsError, fakeAws } from './fakeAws';

const request = () =>
  clusterRequestFromTemplate(
    { id: 'small', label: 'Small', releaseLabel: 'emr-7.5.0' },
    'one-click'
  );
const proxyTimeout = {
  status: 504,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    message: 'AWS did not answer in 30 s',
    reason: 'Gateway Timeout',
    operation: 'emr:RunJobFlow'
  })
};

beforeEach(() => localStorage.clear());

describe('one click makes one cluster', () => {
  it('sends one RunJobFlow for a double click', async () => {
    const aws = fakeAws({});
    const p = new Provisioner(aws.clients, new FlowStore());
    const [a, b] = await Promise.all([
      p.provisionCluster(request()),
      p.provisionCluster(request())
    ]);
    expect(a).toEqual(b);
    expect(aws.calls.filter(c => c === 'RunJobFlow')).toHaveLength(1);
    expect(aws.clusters).toHaveLength(1);
  });

  it('finds the cluster itself when AWS created it but the answer was lost', async () => {
    const aws = fakeAws({
      override: (op, body) => {
        if (op === 'RunJobFlow' && aws.clusters.length === 0) {
          // AWS creates the cluster, then the proxy times out before answering.
          aws.clusters.push({
            Id: 'j-LOST',
            Name: body.Name,
            State: 'STARTING',
            Created: Date.now() / 1000,
            Tags: body.Tags
          });
          return proxyTimeout;
        }
        return undefined;
      }
    });
    const p = new Provisioner(aws.clients, new FlowStore());
    p.recheckDelayMs = 0;
    expect(await p.provisionCluster(request())).toEqual({
      id: 'j-LOST',
      created: true
    });
    expect(aws.calls.filter(c => c === 'RunJobFlow')).toHaveLength(1);
    expect(aws.clusters).toHaveLength(1);
  });

  it('the SDK does not repeat RunJobFlow after a 500 (AWS may have created it)', async () => {
    const aws = fakeAws({
      maxAttempts: 3, // as in production
      override: (op, body) => {
        if (op === 'RunJobFlow') {
          aws.clusters.push({
            Id: `j-${aws.clusters.length + 1}`,
            Name: body.Name,
            State: 'STARTING',
            Created: Date.now() / 1000,
            Tags: body.Tags
          });
          return awsError('InternalServerError', 'try again', 500);
        }
        return undefined;
      }
    });
    const p = new Provisioner(aws.clients, new FlowStore());
    p.recheckDelayMs = 0;
    expect(await p.provisionCluster(request())).toEqual({
      id: 'j-1',
      created: true
    });
    expect(aws.calls.filter(c => c === 'RunJobFlow')).toHaveLength(1);
    expect(aws.clusters).toHaveLength(1);
  });

  it('tries once more when no cluster carries the tag, then never again', async () => {
    const aws = fakeAws({
      maxAttempts: 3,
      override: op => (op === 'RunJobFlow' ? proxyTimeout : undefined)
    });
    const p = new Provisioner(aws.clients, new FlowStore());
    p.recheckDelayMs = 0;
    await expect(p.provisionCluster(request())).rejects.toMatchObject({
      name: 'ProxyRefusalError'
    });
    expect(aws.calls.filter(c => c === 'RunJobFlow')).toHaveLength(2);
    // The outcome is unknown: the token is kept for the next click or page.
    expect(p.pending('emr')).toHaveLength(1);
  });

  it('lets the SDK retry a throttled RunJobFlow (AWS did nothing)', async () => {
    let throttle = true;
    const aws = fakeAws({
      maxAttempts: 3,
      override: op => {
        if (op === 'RunJobFlow' && throttle) {
          throttle = false;
          return awsError('ThrottlingException', 'Rate exceeded');
        }
        return undefined;
      }
    });
    const p = new Provisioner(aws.clients, new FlowStore());
    expect((await p.provisionCluster(request())).created).toBe(true);
    expect(aws.calls.filter(c => c === 'RunJobFlow')).toHaveLength(2);
    expect(aws.clusters).toHaveLength(1);
  });

  it('survives a reload: a new page reuses the stored token', async () => {
    // The first page saved its reservation, sent RunJobFlow and was reloaded
    // before the answer came; AWS did create the cluster.
    const token = 'f00dfeedf00dfeed';
    new FlowStore().save({
      id: token,
      kind: 'emr-cluster',
      region: 'us-east-1',
      account: '123456789012',
      params: {
        fingerprint: fingerprint({
          kind: 'emr',
          region: 'us-east-1',
          request: request()
        }),
        name: 'one-click'
      },
      step: 'cluster',
      stepSentAt: Date.now() - 1000,
      aliveAt: Date.now() - 1000
    });
    const aws = fakeAws({
      clusters: [
        {
          Id: 'j-FIRST',
          Name: 'one-click',
          State: 'STARTING',
          Created: Date.now() / 1000,
          Tags: [{ Key: FLOW_TAG, Value: token }]
        }
      ]
    });
    const reloaded = new Provisioner(aws.clients); // fresh page, same localStorage
    expect(reloaded.pending('emr')).toHaveLength(1);
    expect(await reloaded.provisionCluster(request())).toEqual({
      id: 'j-FIRST',
      created: false
    });
    expect(aws.calls).not.toContain('RunJobFlow');
    expect(aws.clusters).toHaveLength(1);
  });

  it('does not mistake another cluster with the same name for ours', async () => {
    const aws = fakeAws({
      clusters: [
        {
          Id: 'j-OTHER',
          Name: 'one-click',
          State: 'WAITING',
          Created: Date.now() / 1000,
          Tags: []
        }
      ]
    });
    const result = await new Provisioner(aws.clients).provisionCluster(
      request()
    );
    expect(result.created).toBe(true);
    expect(result.id).not.toBe('j-OTHER');
  });

  it('starts afresh after AWS refused (nothing was created)', async () => {
    let refuse = true;
    const aws = fakeAws({
      override: op =>
        op === 'RunJobFlow' && refuse
          ? awsError('ValidationException', 'Subnet not found')
          : undefined
    });
    const p = new Provisioner(aws.clients);
    await expect(p.provisionCluster(request())).rejects.toMatchObject({
      name: 'ValidationException'
    });
    expect(p.pending('emr')).toHaveLength(0);
    refuse = false;
    expect((await p.provisionCluster(request())).created).toBe(true);
  });

  it('calls AWS not at all for an invalid field', async () => {
    const aws = fakeAws({});
    const err = await new Provisioner(aws.clients)
      .provisionCluster({ ...request(), coreInstanceCount: 900 })
      .catch(e => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.errors.coreInstanceCount).toMatch(/500/);
    expect(aws.requests).toHaveLength(0);
    expect(localStorage.length).toBe(0);
  });
});

describe('one click makes one Glue session', () => {
  const session = () =>
    sessionRequestFromTemplate(
      { id: 'g', label: 'g', role: 'arn:aws:iam::{account}:role/Glue' },
      'glue-one',
      '123456789012'
    );

  it('retries with the same Id and accepts AlreadyExists for a session with its token', async () => {
    let lose = true;
    const aws = fakeAws({
      override: (op, body) => {
        if (op === 'CreateSession' && lose) {
          aws.sessions.push({
            Id: body.Id,
            Status: 'PROVISIONING',
            Created: 1,
            Tags: body.Tags
          });
          lose = false;
          return proxyTimeout;
        }
        return undefined;
      }
    });
    const p = new Provisioner(aws.clients);
    await expect(p.createSession(session())).rejects.toBeTruthy();
    // A fresh page (reload) with the same form: same token from localStorage.
    expect(await new Provisioner(aws.clients).createSession(session())).toEqual(
      {
        id: 'glue-one',
        created: false
      }
    );
    const ids = aws.requests
      .filter(r => r.headers['x-amz-target']?.endsWith('CreateSession'))
      .map(r => JSON.parse(r.body).Id);
    expect(ids).toEqual(['glue-one', 'glue-one']);
    expect(aws.sessions).toHaveLength(1);
  });

  it('a double click sends one CreateSession', async () => {
    const aws = fakeAws({});
    const p = new Provisioner(aws.clients);
    await Promise.all([p.createSession(session()), p.createSession(session())]);
    expect(aws.calls.filter(c => c === 'CreateSession')).toHaveLength(1);
    expect(aws.sessions).toHaveLength(1);
  });

  it('reports AlreadyExists on a first click: that Id belongs to someone else', async () => {
    const aws = fakeAws({
      sessions: [
        {
          Id: 'glue-one',
          Status: 'READY',
          Created: 1,
          Tags: { [FLOW_TAG]: 'someone-else' }
        }
      ]
    });
    await expect(
      new Provisioner(aws.clients).createSession(session())
    ).rejects.toMatchObject({
      name: 'AlreadyExistsException'
    });
  });
});
