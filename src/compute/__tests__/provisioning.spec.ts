/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { InvalidRequestError, Provisioner } from '../provisioning';
import {
  clusterRequestFromTemplate,
  sessionRequestFromTemplate
} from '../requests';
import { ReservationStore } from '../reservations';
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
    const p = new Provisioner(aws.clients, new ReservationStore());
    const [a, b] = await Promise.all([
      p.provisionCluster(request()),
      p.provisionCluster(request())
    ]);
    expect(a).toEqual(b);
    expect(aws.calls.filter(c => c === 'RunJobFlow')).toHaveLength(1);
    expect(aws.clusters).toHaveLength(1);
  });

  it('finds the cluster on retry when AWS created it but the answer was lost', async () => {
    let lose = true;
    const aws = fakeAws({
      override: (op, body) => {
        if (op === 'RunJobFlow' && lose) {
          // AWS creates the cluster, then the proxy times out before answering.
          aws.clusters.push({
            Id: 'j-LOST',
            Name: body.Name,
            State: 'STARTING',
            Created: Date.now() / 1000,
            Tags: body.Tags
          });
          lose = false;
          return proxyTimeout;
        }
        return undefined;
      }
    });
    const p = new Provisioner(aws.clients, new ReservationStore());
    await expect(p.provisionCluster(request())).rejects.toMatchObject({
      name: 'ProxyRefusalError'
    });
    const result = await p.provisionCluster(request());
    expect(result).toEqual({ id: 'j-LOST', created: false });
    expect(aws.calls.filter(c => c === 'RunJobFlow')).toHaveLength(1);
    expect(aws.clusters).toHaveLength(1);
  });

  it('survives a reload: a new page reuses the stored token', async () => {
    const aws = fakeAws({
      override: (op, body) => {
        if (op === 'RunJobFlow' && aws.clusters.length === 0) {
          aws.clusters.push({
            Id: 'j-FIRST',
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
    await new Provisioner(aws.clients)
      .provisionCluster(request())
      .catch(() => undefined);
    const reloaded = new Provisioner(aws.clients); // fresh page, same localStorage
    expect(reloaded.pending('emr')).toHaveLength(1);
    expect(await reloaded.provisionCluster(request())).toEqual({
      id: 'j-FIRST',
      created: false
    });
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

  it('retries with the same Id and accepts AlreadyExists as its own', async () => {
    let lose = true;
    const aws = fakeAws({
      override: (op, body) => {
        if (op === 'CreateSession' && lose) {
          aws.sessions.push({
            Id: body.Id,
            Status: 'PROVISIONING',
            Created: 1
          });
          lose = false;
          return proxyTimeout;
        }
        return undefined;
      }
    });
    const p = new Provisioner(aws.clients);
    await expect(p.createSession(session())).rejects.toBeTruthy();
    expect(await p.createSession(session())).toEqual({
      id: 'glue-one',
      created: false
    });
    const ids = aws.requests
      .filter(r => r.headers['x-amz-target']?.endsWith('CreateSession'))
      .map(r => JSON.parse(r.body).Id);
    expect(ids).toEqual(['glue-one', 'glue-one']);
    expect(aws.sessions).toHaveLength(1);
  });

  it('reports AlreadyExists on a first click: that Id belongs to someone else', async () => {
    const aws = fakeAws({
      sessions: [{ Id: 'glue-one', Status: 'READY', Created: 1 }]
    });
    await expect(
      new Provisioner(aws.clients).createSession(session())
    ).rejects.toMatchObject({
      name: 'AlreadyExistsException'
    });
  });
});
