import type { Session } from '@aws-sdk/client-glue';
import type { TranslationBundle } from '@jupyterlab/translation';
import { changingFrequency } from '../core/frequency';
import { Busy, IOutcome, Progress, runAction } from '../core/runAction';
import { watchResource } from '../core/watchResource';
import type { IAwsClients } from '../tokens';
import { Provisioner } from './provisioning';
import type { ISessionRequest } from './requests';
import type { SessionListModel } from './SessionListModel';
import { TERMINAL_SESSION_STATES } from './states';

const isFailed = (s: string) => s === 'FAILED' || s === 'TIMEOUT';

/**
 * What a person does to Glue interactive sessions: create, stop, delete —
 * each confirmed when destructive and followed to its end state.
 */
export class SessionActions {
  constructor(
    readonly clients: IAwsClients,
    readonly sessions: SessionListModel,
    readonly trans: TranslationBundle,
    readonly provisioner = new Provisioner(clients)
  ) {}

  /** Creating calls out (the command allows one at a time). */
  readonly busy = new Busy();
  /** The settings' polling interval. */
  intervalMs = 5000;

  createSession(request: ISessionRequest): Promise<boolean> {
    const { trans } = this;
    const { id } = request;
    return runAction({
      trans,
      progress: trans.__('Creating Glue session %1…', id),
      busy: this.busy,
      call: async () => (await this.provisioner.createSession(request)).id,
      failed: trans.__('Glue session %1 was not created', id),
      follow: (sessionId, progress) =>
        this._follow(
          sessionId,
          s => s === 'READY' || TERMINAL_SESSION_STATES.has(s),
          progress
        ),
      lostTrack: trans.__('Lost track of Glue session %1', id),
      outcome: s => this._ended(id, s)
    });
  }

  stopSession(id: string): Promise<boolean> {
    const { trans } = this;
    return runAction({
      trans,
      confirm: {
        title: trans.__('Stop Glue session %1?', id),
        body: trans.__(
          'Stop "%1"? Running statements are cancelled; a stopped session cannot be restarted.',
          id
        ),
        label: trans.__('Stop')
      },
      progress: trans.__('Stopping Glue session %1…', id),
      call: () => this._send('stop', id),
      failed: trans.__('Glue session %1 was not stopped', id),
      follow: (_, progress) =>
        this._follow(id, s => TERMINAL_SESSION_STATES.has(s), progress),
      lostTrack: trans.__('Lost track of Glue session %1', id),
      outcome: s => this._ended(id, s)
    });
  }

  deleteSession(id: string): Promise<boolean> {
    const { trans } = this;
    return runAction({
      trans,
      confirm: {
        title: trans.__('Delete Glue session %1?', id),
        body: trans.__(
          'Delete "%1"? It disappears from the list; this cannot be undone.',
          id
        ),
        label: trans.__('Delete')
      },
      progress: trans.__('Deleting Glue session %1…', id),
      call: async () => {
        await this._send('delete', id);
        this.sessions.refreshSoon();
      },
      failed: trans.__('Glue session %1 was not deleted', id),
      outcome: () => ({
        type: 'success',
        message: trans.__('Glue session %1 deleted.', id)
      })
    });
  }

  private async _send(command: 'stop' | 'delete', id: string): Promise<void> {
    const { StopSessionCommand, DeleteSessionCommand } =
      await import('../aws/sdk/glue');
    const glue = await this.clients.client('glue');
    await glue.send(
      command === 'stop'
        ? new StopSessionCommand({ Id: id })
        : new DeleteSessionCommand({ Id: id })
    );
  }

  private _ended(id: string, session: Session): IOutcome {
    const { trans } = this;
    const state = session.Status ?? '';
    const message = trans.__('Glue session %1 is %2.', id, state);
    if (!isFailed(state)) {
      return { type: 'success', message };
    }
    const reason = session.ErrorMessage;
    return {
      type: 'error',
      message,
      details: reason
        ? { title: trans.__('Glue session %1', id), text: reason }
        : undefined
    };
  }

  /** Reads the session until `isDone(state)`; the list polls fast meanwhile. */
  private _follow(
    id: string,
    isDone: (state: string) => boolean,
    progress: Progress
  ): Promise<Session> {
    const watch = watchResource<Session>({
      read: async () => {
        const { GetSessionCommand } = await import('../aws/sdk/glue');
        const glue = await this.clients.client('glue');
        return (
          (await glue.send(new GetSessionCommand({ Id: id }))).Session ?? {}
        );
      },
      state: s => s.Status ?? '',
      // An empty read (no state yet) is not done, and not reported.
      isDone: s => !!s && isDone(s),
      // The done state is said by the outcome.
      onState: s =>
        s &&
        !isDone(s) &&
        progress(this.trans.__('Glue session %1 is %2…', id, s)),
      intervalMs: changingFrequency(this.intervalMs).interval,
      name: `aws-spark-ml:follow-session:${id}`
    });
    return this.sessions.expectChange(watch.done);
  }
}
