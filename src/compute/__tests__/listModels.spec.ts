/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { changingFrequency, steadyFrequency } from '../../core/frequency';
import { ClusterListModel } from '../ClusterListModel';
import { SessionListModel } from '../SessionListModel';
import { fakeAws, manyClusters } from './fakeAws';

const models: { dispose(): void }[] = [];
afterEach(() => models.splice(0).forEach(m => m.dispose()));
const track = <T extends { dispose(): void }>(m: T) => (models.push(m), m);

describe('ClusterListModel', () => {
  it('follows every Marker page and never describes clusters while listing', async () => {
    const aws = fakeAws({ clusters: manyClusters(107), pageSize: 50 });
    const model = track(new ClusterListModel(aws.clients));
    await model.refresh();
    expect(model.items).toHaveLength(107);
    expect(aws.calls).toEqual(['ListClusters', 'ListClusters', 'ListClusters']);
    const bodies = aws.requests.map(r => JSON.parse(r.body));
    expect(bodies[1].Marker).toBe('50');
    expect(bodies[0].ClusterStates).toEqual([
      'STARTING',
      'BOOTSTRAPPING',
      'RUNNING',
      'WAITING',
      'TERMINATING'
    ]);
  });

  it('shows active clusters by default and all on request', async () => {
    const aws = fakeAws({
      clusters: [
        { Id: 'j-A', Name: 'alive', State: 'WAITING', Created: 2 },
        { Id: 'j-B', Name: 'gone', State: 'TERMINATED', Created: 1 }
      ]
    });
    const model = track(new ClusterListModel(aws.clients));
    await model.refresh();
    expect(model.visible.map(c => c.Id)).toEqual(['j-A']);
    model.group = 'all';
    await model.refresh();
    expect(model.visible.map(c => c.Id)).toEqual(['j-A', 'j-B']);
    expect(JSON.parse(aws.requests[1].body).ClusterStates).toBeUndefined();
  });

  it('searches by name or id and sorts', async () => {
    const aws = fakeAws({ clusters: manyClusters(30) });
    const model = track(new ClusterListModel(aws.clients));
    await model.refresh();
    model.search = 'cluster-2';
    expect(model.visible.map(c => c.Name)).toEqual([
      'cluster-29',
      'cluster-28',
      'cluster-27',
      'cluster-26',
      'cluster-25',
      'cluster-24',
      'cluster-23',
      'cluster-22',
      'cluster-21',
      'cluster-20',
      'cluster-2'
    ]);
    model.sort = 'name';
    expect(model.visible[0].Name).toBe('cluster-2');
    model.search = 'J-00007';
    expect(model.visible.map(c => c.Id)).toEqual(['j-00007']);
    expect(aws.requests).toHaveLength(1); // search and sort never call AWS
  });

  it('describes a cluster only when opened, and again only when its state changes', async () => {
    const aws = fakeAws({
      clusters: [{ Id: 'j-A', Name: 'a', State: 'STARTING', Created: 1 }]
    });
    const model = track(new ClusterListModel(aws.clients));
    await model.refresh();
    const d = await model.details('j-A');
    expect(d.cluster.ReleaseLabel).toBe('emr-7.5.0');
    expect(d.instanceGroups[0].InstanceType).toBe('m5.xlarge');
    expect(d.idleTimeoutSeconds).toBe(3600);
    await model.details('j-A');
    expect(aws.calls.filter(c => c === 'DescribeCluster')).toHaveLength(1);
    aws.clusters[0].State = 'WAITING';
    await model.refresh();
    await model.details('j-A');
    expect(aws.calls.filter(c => c === 'DescribeCluster')).toHaveLength(2);
  });

  it('polls faster while a cluster is starting, at the set interval otherwise', async () => {
    const aws = fakeAws({
      clusters: [{ Id: 'j-A', Name: 'a', State: 'BOOTSTRAPPING', Created: 1 }]
    });
    const model = track(
      new ClusterListModel(aws.clients, { intervalSeconds: 5 })
    );
    await model.refresh();
    expect(model.isChanging).toBe(true);
    expect(model.poll.frequency).toEqual(changingFrequency(5000));
    expect(model.poll.frequency.interval).toBe(2000);
    aws.clusters[0].State = 'WAITING';
    await model.refresh();
    expect(model.poll.frequency).toEqual(steadyFrequency(5000));
    expect(model.poll.frequency.backoff).toBe(true);
  });
});

describe('SessionListModel', () => {
  it('follows NextToken and filters states locally', async () => {
    const sessions = Array.from({ length: 5 }, (_, i) => ({
      Id: `s-${i}`,
      Status: i === 4 ? 'STOPPED' : 'READY',
      Created: 1_700_000_000 + i
    }));
    const aws = fakeAws({ sessions, pageSize: 2 });
    const model = track(new SessionListModel(aws.clients));
    await model.refresh();
    expect(aws.calls).toEqual(['ListSessions', 'ListSessions', 'ListSessions']);
    expect(model.items).toHaveLength(5);
    expect(model.visible.map(s => s.Id)).toEqual(['s-3', 's-2', 's-1', 's-0']);
    model.group = 'all';
    expect(model.visible).toHaveLength(5);
  });
});
