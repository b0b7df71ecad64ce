import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { ClusterActions } from './ClusterActions';
import { notifyError } from './notify';
import { ISessionRequest } from './requests';
import { TERMINAL_SESSION_STATES } from './states';
import { watchState } from './watch';

/**
 * Everything the Compute section does: the cluster actions, plus Glue
 * sessions — create, stop, delete — followed to their end state.
 */
export class ComputeActions extends ClusterActions {
  async createSession(request: ISessionRequest): Promise<void> {
    const { trans } = this;
    const nid = Notification.emit(
      trans.__('Creating Glue session %1…', request.id),
      'in-progress',
      {
        autoClose: false
      }
    );
    await this._busy(async () => {
      try {
        const result = await this.provisioner.createSession(request);
        this._followSession(
          result.id,
          nid,
          s => s === 'READY' || TERMINAL_SESSION_STATES.has(s)
        );
      } catch (err) {
        notifyError(
          nid,
          trans.__('Glue session %1 was not created', request.id),
          err,
          trans
        );
      }
    });
  }

  async stopSession(id: string): Promise<void> {
    const { trans } = this;
    const answer = await showDialog({
      title: trans.__('Stop Glue session %1?', id),
      body: trans.__(
        'Stop "%1"? Running statements are cancelled; a stopped session cannot be restarted.',
        id
      ),
      buttons: [
        Dialog.cancelButton(),
        Dialog.warnButton({ label: trans.__('Stop') })
      ]
    });
    if (!answer.button.accept) {
      return;
    }
    const nid = Notification.emit(
      trans.__('Stopping Glue session %1…', id),
      'in-progress',
      {
        autoClose: false
      }
    );
    try {
      const { StopSessionCommand } = await import('@aws-sdk/client-glue');
      const glue = await this.clients.client('glue');
      await glue.send(new StopSessionCommand({ Id: id }));
    } catch (err) {
      notifyError(
        nid,
        trans.__('Glue session %1 was not stopped', id),
        err,
        trans
      );
      return;
    }
    this._followSession(id, nid, s => TERMINAL_SESSION_STATES.has(s));
  }

  async deleteSession(id: string): Promise<void> {
    const { trans } = this;
    const answer = await showDialog({
      title: trans.__('Delete Glue session %1?', id),
      body: trans.__(
        'Delete "%1"? It disappears from the list; this cannot be undone.',
        id
      ),
      buttons: [
        Dialog.cancelButton(),
        Dialog.warnButton({ label: trans.__('Delete') })
      ]
    });
    if (!answer.button.accept) {
      return;
    }
    const nid = Notification.emit(
      trans.__('Deleting Glue session %1…', id),
      'in-progress',
      {
        autoClose: false
      }
    );
    try {
      const { DeleteSessionCommand } = await import('@aws-sdk/client-glue');
      const glue = await this.clients.client('glue');
      await glue.send(new DeleteSessionCommand({ Id: id }));
      Notification.update({
        id: nid,
        type: 'success',
        message: trans.__('Glue session %1 deleted.', id),
        autoClose: 5000
      });
      this.sessions.refreshSoon();
    } catch (err) {
      notifyError(
        nid,
        trans.__('Glue session %1 was not deleted', id),
        err,
        trans
      );
    }
  }

  private _followSession(
    id: string,
    nid: string,
    isDone: (s: string) => boolean
  ): void {
    const { trans } = this;
    const watch = watchState({
      read: async () => {
        const { GetSessionCommand } = await import('@aws-sdk/client-glue');
        const glue = await this.clients.client('glue');
        return (await glue.send(new GetSessionCommand({ Id: id }))).Session
          ?.Status;
      },
      isDone,
      onState: s =>
        Notification.update({
          id: nid,
          type: 'in-progress',
          message: trans.__('Glue session %1 is %2…', id, s),
          autoClose: false
        }),
      intervalMs: this.watchIntervalMs
    });
    void this.sessions.expectChange(watch.done).then(
      state =>
        Notification.update({
          id: nid,
          type: state === 'FAILED' || state === 'TIMEOUT' ? 'error' : 'success',
          message: trans.__('Glue session %1 is %2.', id, state),
          autoClose: state === 'FAILED' ? false : 5000
        }),
      err =>
        notifyError(
          nid,
          trans.__('Lost track of Glue session %1', id),
          err,
          trans
        )
    );
  }
}
