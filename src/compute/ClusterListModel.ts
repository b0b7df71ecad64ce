import type {
  Cluster,
  ClusterSummary,
  InstanceFleet,
  InstanceGroup
} from '@aws-sdk/client-emr';
import type { IAwsClients } from '../tokens';
import {
  IListSource,
  ResourceListModel,
  StateGroup,
  readAllPages
} from '../core/ResourceListModel';
import {
  ACTIVE_CLUSTER_STATES,
  CHANGING_CLUSTER_STATES,
  TERMINAL_CLUSTER_STATES
} from './states';

/** What a row shows once opened: one DescribeCluster and friends. */
export interface IClusterDetails {
  cluster: Cluster;
  instanceGroups: InstanceGroup[];
  instanceFleets: InstanceFleet[];
  /** Idle minutes before auto-termination, null when off, undefined when unknown. */
  idleTimeoutSeconds: number | null | undefined;
  /** State the details were read in; re-read when the list shows another. */
  state: string;
}

/** Every page of ListClusters (following `Marker`); no per-cluster calls. */
export async function listAllClusters(
  clients: IAwsClients,
  group: StateGroup
): Promise<ClusterSummary[]> {
  const { ListClustersCommand } = await import('../aws/sdk/emr');
  const emr = await clients.client('emr');
  return readAllPages(async marker => {
    const page = await emr.send(
      new ListClustersCommand({
        Marker: marker,
        ClusterStates: group === 'active' ? ACTIVE_CLUSTER_STATES : undefined
      })
    );
    return { items: page.Clusters, next: page.Marker };
  });
}

function clusterSource(clients: IAwsClients): IListSource<ClusterSummary> {
  return {
    fetchAll: group => listAllClusters(clients, group),
    key: c => c.Id ?? '',
    name: c => c.Name ?? '',
    state: c => c.Status?.State ?? '',
    created: c => c.Status?.Timeline?.CreationDateTime?.getTime() ?? 0,
    inGroup: (c, group) =>
      group === 'all' || ACTIVE_CLUSTER_STATES.includes(c.Status?.State as any),
    isChanging: c => CHANGING_CLUSTER_STATES.has(c.Status?.State ?? '')
  };
}

/** EMR clusters in the region, live. */
export class ClusterListModel extends ResourceListModel<ClusterSummary> {
  constructor(
    private readonly clients: IAwsClients,
    options: ResourceListModel.IOptions = {}
  ) {
    super(clusterSource(clients), {
      name: 'aws-spark-ml:clusters',
      ...options
    });
    // Details of an opened row go stale when its state moves on.
    this.changed.connect(() => {
      for (const [id, details] of this._details) {
        const now = this.find(id)?.Status?.State;
        if (now && now !== details.state) {
          this._details.delete(id);
        }
      }
    });
  }

  /** Details already loaded for `id`, if fresh. */
  cachedDetails(id: string): IClusterDetails | undefined {
    return this._details.get(id);
  }

  /**
   * DescribeCluster + instance groups/fleets + auto-termination, only when a
   * row is opened. A terminal cluster's details are read once and kept.
   */
  async details(id: string): Promise<IClusterDetails> {
    const cached = this._details.get(id);
    if (cached) {
      return cached;
    }
    const sdk = await import('../aws/sdk/emr');
    const emr = await this.clients.client('emr');
    const { Cluster: cluster = {} } = await emr.send(
      new sdk.DescribeClusterCommand({ ClusterId: id })
    );
    const fleets = cluster.InstanceCollectionType === 'INSTANCE_FLEET';
    const [groups, fleetList, idle] = await Promise.all([
      fleets
        ? Promise.resolve([])
        : emr
            .send(new sdk.ListInstanceGroupsCommand({ ClusterId: id }))
            .then(r => r.InstanceGroups ?? []),
      fleets
        ? emr
            .send(new sdk.ListInstanceFleetsCommand({ ClusterId: id }))
            .then(r => r.InstanceFleets ?? [])
        : Promise.resolve([]),
      emr
        .send(new sdk.GetAutoTerminationPolicyCommand({ ClusterId: id }))
        .then(r => r.AutoTerminationPolicy?.IdleTimeout ?? null)
        .catch(() => undefined) // older releases / sandbox: shown as unknown
    ]);
    const details: IClusterDetails = {
      cluster,
      instanceGroups: groups,
      instanceFleets: fleetList,
      idleTimeoutSeconds: idle,
      state: cluster.Status?.State ?? ''
    };
    this._details.set(id, details);
    return details;
  }

  static isTerminal(state: string | undefined): boolean {
    return TERMINAL_CLUSTER_STATES.has(state ?? '');
  }

  private _details = new Map<string, IClusterDetails>();
}
