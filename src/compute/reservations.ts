import { IFlow, IFlowKind, taggedBy } from '../core/resumable';
import type { IAwsClients } from '../tokens';
import { ACTIVE_CLUSTER_STATES } from './states';

/**
 * A provisioning click as a resumable flow (core/resumable): its id is the
 * client token RunJobFlow lacks, carried by the cluster or session as its
 * flow tag. Until AWS's answer is known the flow stays recorded, so a retry
 * or a reloaded page reuses the id and never creates a second resource.
 */
export interface IReservationParams {
  /** Hash of the request: the same form submitted again is the same click. */
  fingerprint: string;
  name: string;
}

/** A recorded click; `name` is the cluster's name or the session's Id. */
export type IReservation = IFlow<IReservationParams> & { name: string };
export type ReservationKind = 'emr' | 'glue';

export const FLOW_KINDS: Record<ReservationKind, string> = {
  emr: 'emr-cluster',
  glue: 'glue-session'
};

/**
 * One step, so the mechanism finishes a flow whose cluster exists (the page
 * follows it) and forgets one whose RunJobFlow never landed: nothing to undo.
 */
export function clusterFlowKind(
  clients: IAwsClients
): IFlowKind<IReservationParams> {
  return {
    kind: FLOW_KINDS.emr,
    steps: ['cluster'],
    interrupted: 'finish',
    async find(flow): Promise<Record<string, string>> {
      const id = await findCluster(clients, flow);
      return id ? { cluster: id } : {};
    },
    rollBack: async () => []
  };
}

export function sessionFlowKind(
  clients: IAwsClients
): IFlowKind<IReservationParams> {
  return {
    kind: FLOW_KINDS.glue,
    steps: ['session'],
    interrupted: 'finish',
    async find(flow): Promise<Record<string, string>> {
      return (await sessionIsFlows(clients, flow, flow.params.name))
        ? { session: flow.params.name }
        : {};
    },
    rollBack: async () => []
  };
}

/** Finds the cluster a flow's RunJobFlow created: same name, carrying the flow's tag. */
export async function findCluster(
  clients: IAwsClients,
  flow: IFlow<IReservationParams>
): Promise<string | undefined> {
  const sdk = await import('../aws/sdk/emr');
  const emr = await clients.client('emr', flow.region);
  const since = new Date(flow.stepSentAt - 5 * 60 * 1000);
  let marker: string | undefined;
  do {
    const page = await emr.send(
      new sdk.ListClustersCommand({
        CreatedAfter: since,
        ClusterStates: ACTIVE_CLUSTER_STATES,
        Marker: marker
      })
    );
    for (const c of page.Clusters ?? []) {
      if (c.Name !== flow.params.name || !c.Id) {
        continue;
      }
      // Same name: only the tag proves it came from this click.
      const { Cluster } = await emr.send(
        new sdk.DescribeClusterCommand({ ClusterId: c.Id })
      );
      if (taggedBy(Cluster?.Tags, flow.id)) {
        return c.Id;
      }
    }
    marker = page.Marker;
  } while (marker);
  return undefined;
}

/** Whether Glue session `id` exists and carries this flow's tag. */
export async function sessionIsFlows(
  clients: IAwsClients,
  flow: IFlow<IReservationParams>,
  id: string
): Promise<boolean> {
  const { GetTagsCommand } = await import('../aws/sdk/glue');
  const glue = await clients.client('glue', flow.region);
  const arn = `arn:aws:glue:${flow.region}:${flow.account}:session/${id}`;
  try {
    const out = await glue.send(new GetTagsCommand({ ResourceArn: arn }));
    return taggedBy(out.Tags, flow.id);
  } catch (err) {
    if ((err as Error).name === 'EntityNotFoundException') {
      return false;
    }
    throw err;
  }
}

/** A stable hash of a request (key order independent). */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(sortKeys(value));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(sortKeys);
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map(k => [k, sortKeys((v as Record<string, unknown>)[k])])
    );
  }
  return v;
}
