import type { Cluster } from '@aws-sdk/client-emr';
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { changingFrequency } from '../core/frequency';
import { Busy, IOutcome, Progress, runAction } from '../core/runAction';
import { watchResource } from '../core/watchResource';
import type { IAwsClients } from '../tokens';
import type { ClusterListModel } from './ClusterListModel';
import { Provisioner } from './provisioning';
import type { IClusterRequest } from './requests';
import { TERMINAL_CLUSTER_STATES } from './states';

const isReady = (s: string) => s === 'WAITING' || s === 'RUNNING';

/**
 * What a person does to EMR clusters: provision, terminate — each
 * confirmed when destructive and followed to its end state.
 */
export class ClusterActions {
  constructor(
    readonly clients: IAwsClients,
    readonly clusters: ClusterListModel,
    readonly trans: TranslationBundle,
    readonly provisioner = new Provisioner(clients)
  ) {}

  /** Provisioning calls out (the command allows one at a time). */
  readonly busy = new Busy();
  /** The settings' polling interval. */
  intervalMs = 5000;

  provisionCluster(request: IClusterRequest): Promise<boolean> {
    const { trans } = this;
    const { name } = request;
    return runAction({
      trans,
      progress: trans.__('Provisioning cluster %1…', name),
      busy: this.busy,
      call: async () => (await this.provisioner.provisionCluster(request)).id,
      failed: trans.__('Cluster %1 was not created', name),
      ...this._untilReady(name)
    });
  }

  /** Resumes the notifications of clicks whose answer a reload interrupted. */
  async resumePending(): Promise<void> {
    const { trans } = this;
    for (const r of this.provisioner.pending('emr')) {
      const found = await this.provisioner
        .findReserved(r)
        .catch(() => undefined);
      if (found) {
        this.provisioner.confirm(r, found);
        void runAction({
          trans,
          progress: trans.__('Cluster %1 (%2) is starting…', r.name, found),
          call: async () => found,
          failed: trans.__('Cluster %1 was not created', r.name),
          ...this._untilReady(r.name)
        });
      }
    }
  }

  async terminateCluster(clusterId: string): Promise<boolean> {
    const { trans } = this;
    const name = this.clusters.find(clusterId)?.Name ?? clusterId;
    const details = await this.clusters.details(clusterId).catch(() => null);
    if (details?.cluster.TerminationProtected) {
      await showDialog({
        title: trans.__('Termination protection is on'),
        body: trans.__(
          'AWS will not terminate "%1" (%2) while termination protection is on. Turn it off first, e.g. `aws emr modify-cluster-attributes --cluster-id %2 --no-termination-protected`, then terminate again.',
          name,
          clusterId
        ),
        buttons: [Dialog.okButton({ label: trans.__('Close') })]
      });
      return false;
    }
    return runAction({
      trans,
      confirm: {
        title: trans.__('Terminate cluster %1?', name),
        body: trans.__(
          'Terminate "%1" (%2)? Its instances shut down and data on them (HDFS, local disks) is lost. This cannot be undone.',
          name,
          clusterId
        ),
        label: trans.__('Terminate')
      },
      progress: trans.__('Terminating cluster %1…', name),
      call: async () => {
        const { TerminateJobFlowsCommand } = await import('../aws/sdk/emr');
        const emr = await this.clients.client('emr');
        await emr.send(
          new TerminateJobFlowsCommand({ JobFlowIds: [clusterId] })
        );
        return clusterId;
      },
      failed: trans.__('Cluster %1 was not terminated', name),
      follow: () =>
        this._follow(clusterId, s => TERMINAL_CLUSTER_STATES.has(s)),
      lostTrack: trans.__('Lost track of cluster %1', name),
      outcome: c => ({
        type: 'success',
        message: trans.__('Cluster %1 is %2.', name, c.Status?.State ?? '')
      })
    });
  }

  /** Follow a new cluster until it can run work (or it ended). */
  private _untilReady(name: string) {
    const { trans } = this;
    return {
      follow: (clusterId: string, progress: Progress) =>
        this._follow(
          clusterId,
          s => isReady(s) || TERMINAL_CLUSTER_STATES.has(s),
          s => progress(trans.__('Cluster %1 (%2) is %3…', name, clusterId, s))
        ),
      lostTrack: trans.__('Lost track of cluster %1', name),
      outcome: (c: Cluster): IOutcome => {
        const state = c.Status?.State ?? '';
        if (isReady(state)) {
          return {
            type: 'success',
            message: trans.__('Cluster %1 (%2) is %3.', name, c.Id, state)
          };
        }
        return {
          type: 'error',
          message: trans.__('Cluster %1 ended as %2.', name, state),
          details: {
            title: trans.__('Cluster %1', name),
            text: c.Status?.StateChangeReason?.Message || state
          }
        };
      }
    };
  }

  /** Reads the cluster until `isDone(state)`; the list polls fast meanwhile. */
  private _follow(
    clusterId: string,
    isDone: (state: string) => boolean,
    onState?: (state: string) => void
  ): Promise<Cluster> {
    const watch = watchResource<Cluster>({
      read: async () => {
        const { DescribeClusterCommand } = await import('../aws/sdk/emr');
        const emr = await this.clients.client('emr');
        const out = await emr.send(
          new DescribeClusterCommand({ ClusterId: clusterId })
        );
        return out.Cluster ?? {};
      },
      state: c => c.Status?.State ?? '',
      // An empty read (no state yet) is not done, and not reported.
      isDone: s => !!s && isDone(s),
      // The done state is said by the outcome.
      onState: s => s && !isDone(s) && onState?.(s),
      intervalMs: changingFrequency(this.intervalMs).interval,
      name: `aws-spark-ml:follow:${clusterId}`
    });
    return this.clusters.expectChange(watch.done);
  }
}
