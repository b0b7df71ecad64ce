import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import type { IAwsClients } from '../tokens';
import { ClusterListModel } from './ClusterListModel';
import { changingFrequency } from './ListModel';
import { notifyError, showDetails } from './notify';
import { Provisioner } from './provisioning';
import { IClusterRequest } from './requests';
import { SessionListModel } from './SessionListModel';
import { TERMINAL_CLUSTER_STATES } from './states';
import { watchState } from './watch';

/**
 * What a person does to clusters: provision, follow, terminate — each
 * confirmed when destructive and followed to its end state.
 */
export class ClusterActions {
  constructor(
    readonly clients: IAwsClients,
    readonly clusters: ClusterListModel,
    readonly sessions: SessionListModel,
    readonly trans: TranslationBundle,
    readonly provisioner = new Provisioner(clients)
  ) {}

  /** Emitted when `submitting` changes (commands re-check isEnabled). */
  get busyChanged(): ISignal<this, void> {
    return this._busyChanged;
  }
  get submitting(): boolean {
    return this._submitting > 0;
  }
  intervalMs = 5000;
  /** Following one resource: as fast as a list with something changing. */
  get watchIntervalMs(): number {
    return changingFrequency(this.intervalMs).interval;
  }

  async provisionCluster(request: IClusterRequest): Promise<void> {
    const { trans } = this;
    const id = Notification.emit(
      trans.__('Provisioning cluster %1…', request.name),
      'in-progress',
      {
        autoClose: false
      }
    );
    await this._busy(async () => {
      try {
        const result = await this.provisioner.provisionCluster(request);
        this.followCluster(result.id, request.name, id);
      } catch (err) {
        notifyError(
          id,
          trans.__('Cluster %1 was not created', request.name),
          err,
          trans
        );
      }
    });
  }

  /** Follows a cluster until WAITING/RUNNING (or it fails), updating notification `nid`. */
  followCluster(clusterId: string, name: string, nid: string): void {
    const { trans } = this;
    const watch = watchState({
      read: () => this._clusterState(clusterId),
      isDone: s =>
        s === 'WAITING' || s === 'RUNNING' || TERMINAL_CLUSTER_STATES.has(s),
      onState: s =>
        Notification.update({
          id: nid,
          type: 'in-progress',
          message: trans.__('Cluster %1 (%2) is %3…', name, clusterId, s),
          autoClose: false
        }),
      intervalMs: this.watchIntervalMs,
      name: `aws-spark-ml:follow:${clusterId}`
    });
    void this.clusters.expectChange(watch.done).then(
      async state => {
        if (state === 'WAITING' || state === 'RUNNING') {
          Notification.update({
            id: nid,
            type: 'success',
            message: trans.__('Cluster %1 (%2) is %3.', name, clusterId, state),
            autoClose: 8000
          });
          return;
        }
        const details = await this.clusters
          .details(clusterId)
          .catch(() => null);
        const reason =
          details?.cluster.Status?.StateChangeReason?.Message ?? '';
        Notification.update({
          id: nid,
          type: 'error',
          message: trans.__('Cluster %1 ended as %2.', name, state),
          autoClose: false,
          actions: [
            {
              label: trans.__('Details'),
              callback: () =>
                showDetails(
                  trans.__('Cluster %1', name),
                  reason || state,
                  trans
                )
            }
          ]
        });
      },
      err =>
        notifyError(nid, trans.__('Lost track of cluster %1', name), err, trans)
    );
  }

  /** Resumes the notifications of clicks whose answer a reload interrupted. */
  async resumePending(): Promise<void> {
    for (const r of this.provisioner.pending('emr')) {
      const found = await this.provisioner
        .findReserved(r)
        .catch(() => undefined);
      if (found) {
        this.provisioner.confirm(r, found);
        const nid = Notification.emit(
          this.trans.__('Cluster %1 (%2) is starting…', r.name, found),
          'in-progress',
          { autoClose: false }
        );
        this.followCluster(found, r.name, nid);
      }
    }
  }

  async terminateCluster(clusterId: string): Promise<void> {
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
      return;
    }
    const answer = await showDialog({
      title: trans.__('Terminate cluster %1?', name),
      body: trans.__(
        'Terminate "%1" (%2)? Its instances shut down and data on them (HDFS, local disks) is lost. This cannot be undone.',
        name,
        clusterId
      ),
      buttons: [
        Dialog.cancelButton(),
        Dialog.warnButton({ label: trans.__('Terminate') })
      ]
    });
    if (!answer.button.accept) {
      return;
    }
    const nid = Notification.emit(
      trans.__('Terminating cluster %1…', name),
      'in-progress',
      {
        autoClose: false
      }
    );
    try {
      const { TerminateJobFlowsCommand } = await import('@aws-sdk/client-emr');
      const emr = await this.clients.client('emr');
      await emr.send(new TerminateJobFlowsCommand({ JobFlowIds: [clusterId] }));
    } catch (err) {
      notifyError(
        nid,
        trans.__('Cluster %1 was not terminated', name),
        err,
        trans
      );
      return;
    }
    const watch = watchState({
      read: () => this._clusterState(clusterId),
      isDone: s => TERMINAL_CLUSTER_STATES.has(s),
      intervalMs: this.watchIntervalMs
    });
    void this.clusters.expectChange(watch.done).then(
      state =>
        Notification.update({
          id: nid,
          type: 'success',
          message: trans.__('Cluster %1 is %2.', name, state),
          autoClose: 5000
        }),
      err =>
        notifyError(nid, trans.__('Lost track of cluster %1', name), err, trans)
    );
  }

  private async _clusterState(clusterId: string): Promise<string | undefined> {
    const { DescribeClusterCommand } = await import('@aws-sdk/client-emr');
    const emr = await this.clients.client('emr');
    const out = await emr.send(
      new DescribeClusterCommand({ ClusterId: clusterId })
    );
    return out.Cluster?.Status?.State;
  }

  protected async _busy(fn: () => Promise<void>): Promise<void> {
    this._submitting++;
    this._busyChanged.emit();
    try {
      await fn();
    } finally {
      this._submitting--;
      this._busyChanged.emit();
    }
  }

  private _submitting = 0;
  private _busyChanged = new Signal<this, void>(this);
}
