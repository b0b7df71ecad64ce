import { Notification } from '@jupyterlab/apputils';
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import type {
  IAttachments,
  IAwsClients,
  ICompute,
  IServerStatus
} from '../tokens';
import { attachNotebook, detachNotebook, IAttachContext } from './attachFlow';
import { AttachmentModel } from './AttachmentModel';
import { IAttachment, STATUS_CODE } from './connectCell';
import {
  attachedTarget,
  eventFromIOPub,
  runQuietly
} from '../core/kernelProtocol';
import { PYTHON_KERNEL } from './kernel';
import { targetText } from './label';
import { getNotebookAttachment, setNotebookAttachment } from './metadata';
import { pickTarget } from './PickerDialog';
import type { IConnectionEvent } from '../core/kernelProtocol';

/** How long opening a notebook waits for its kernel to say what it is attached to. */
const STATUS_CHECK_MS = 8000;

/** The AWS state of an attached cluster or session, as AWS names it. */
export async function readTargetState(
  clients: IAwsClients,
  a: IAttachment
): Promise<string> {
  const region = a.region || undefined;
  if (a.target === 'emr') {
    const { DescribeClusterCommand } = await import('../aws/sdk/emr');
    const emr = await clients.client('emr', region);
    const out = await emr.send(new DescribeClusterCommand({ ClusterId: a.id }));
    return out.Cluster?.Status?.State ?? 'UNKNOWN';
  }
  const { GetSessionCommand } = await import('../aws/sdk/glue');
  const glue = await clients.client('glue', region);
  const out = await glue.send(new GetSessionCommand({ Id: a.id }));
  return out.Session?.Status ?? 'UNKNOWN';
}

const same = (a: IAttachment | null, b: IAttachment | null) =>
  a?.target === b?.target && a?.id === b?.id;

/** Every open notebook's attachment, and what a person can do with it. */
export class NotebookAttachments implements IAttachments {
  constructor(private readonly o: NotebookAttachments.IOptions) {
    this._ctx = {
      trans: o.trans,
      defaultRegion: () => o.status.info?.region ?? o.clients.region
    };
    o.tracker.widgetAdded.connect((_, panel) => this._track(panel));
    o.tracker.forEach(panel => this._track(panel));
  }

  /** Any notebook's attachment changed (for command states). */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  modelFor(panel: NotebookPanel): AttachmentModel {
    return this._models.get(panel) ?? this._track(panel);
  }

  /** The picker for `panel`, then attach or detach as chosen. */
  async choose(panel: NotebookPanel): Promise<void> {
    const model = this.modelFor(panel);
    const choice = await pickTarget({
      clients: this.o.clients,
      compute: this.o.compute,
      current: model.attachment,
      trans: this.o.trans
    });
    if (choice?.action === 'attach') {
      await this.attach(panel, choice.attachment);
    } else if (choice?.action === 'detach') {
      await this.detach(panel);
    }
  }

  /** What `panel`'s kernel says it is attached to (a connect typed by hand counts too). */
  async current(panel: NotebookPanel): Promise<IAttachment | null> {
    await panel.sessionContext.ready;
    if (panel.sessionContext.session?.kernel?.name !== PYTHON_KERNEL) {
      return null; // the magic only runs in the Python kernel
    }
    const { events } = await runQuietly(panel.sessionContext, STATUS_CODE);
    const now = attachedTarget(events.find(e => e.event === 'status'));
    if (!now) {
      return null;
    }
    const known = this.modelFor(panel).attachment;
    const region = same(known, { ...now, region: '' })
      ? known!.region
      : this._ctx.defaultRegion();
    return { ...now, region };
  }

  attach(
    panel: NotebookPanel,
    attachment: IAttachment
  ): Promise<IConnectionEvent | null> {
    return attachNotebook(panel, this.modelFor(panel), attachment, this._ctx);
  }

  detach(panel: NotebookPanel): Promise<void> {
    return detachNotebook(panel, this.modelFor(panel), this._ctx);
  }

  private _track(panel: NotebookPanel): AttachmentModel {
    const existing = this._models.get(panel);
    if (existing) {
      return existing;
    }
    const model = new AttachmentModel({
      readState: a => readTargetState(this.o.clients, a),
      intervalSeconds: this.o.intervalSeconds?.()
    });
    this._models.set(panel, model);
    model.changed.connect(() => this._changed.emit());
    const session = panel.sessionContext;
    session.iopubMessage.connect((_, msg) => {
      const event = eventFromIOPub(msg);
      if (event) {
        this._onEvent(panel, model, event);
      }
    });
    // A new or restarted kernel has no Spark connection any more.
    session.kernelChanged.connect(() => model.kernelLost());
    session.statusChanged.connect((_, status) => {
      if (['restarting', 'autorestarting', 'dead'].includes(status)) {
        model.kernelLost();
      }
    });
    panel.disposed.connect(() => {
      this._models.delete(panel);
      model.dispose();
      this._changed.emit();
    });
    void this._checkOnOpen(panel, model);
    return model;
  }

  /** A connect in any cell (even typed by hand) updates the metadata too. */
  private _onEvent(
    panel: NotebookPanel,
    model: AttachmentModel,
    e: IConnectionEvent
  ): void {
    if (e.event === 'connected' && e.target && e.id) {
      const a: IAttachment = {
        target: e.target,
        id: e.id,
        region: e.region ?? this._ctx.defaultRegion()
      };
      if (!same(model.attachment, a)) {
        if (panel.content.model) {
          setNotebookAttachment(panel.content.model, a);
        }
        model.setAttachment(a);
      }
    }
    model.handleEvent(e);
  }

  /** Reopened notebook: is its kernel still attached? If not, offer to re-attach. */
  private async _checkOnOpen(
    panel: NotebookPanel,
    model: AttachmentModel
  ): Promise<void> {
    await panel.context.ready;
    const attachment = panel.content.model
      ? getNotebookAttachment(panel.content.model)
      : null;
    if (!attachment || panel.isDisposed) {
      return;
    }
    model.setAttachment(attachment);
    await panel.sessionContext.ready;
    const now = await Promise.race([
      this.current(panel),
      new Promise<null>(r => setTimeout(() => r(null), STATUS_CHECK_MS))
    ]);
    if (now?.target === attachment.target && now.id === attachment.id) {
      return; // still attached (e.g. the page was reloaded)
    }
    if (panel.isDisposed || model.phase === 'connecting') {
      return;
    }
    const { trans } = this.o;
    Notification.info(
      trans.__(
        '%1 was attached to %2. Re-attach it?',
        panel.context.localPath,
        targetText(attachment, trans)
      ),
      {
        autoClose: 20000,
        actions: [
          {
            label: trans.__('Re-attach'),
            displayType: 'accent',
            callback: () => void this.attach(panel, attachment)
          }
        ]
      }
    );
  }

  private _ctx: IAttachContext;
  private _models = new Map<NotebookPanel, AttachmentModel>();
  private _changed = new Signal<this, void>(this);
}

export namespace NotebookAttachments {
  export interface IOptions {
    tracker: INotebookTracker;
    clients: IAwsClients;
    /** The Compute lists the picker offers; null without the Compute section. */
    compute: ICompute | null;
    status: IServerStatus;
    trans: TranslationBundle;
    /** Seconds between state checks of an attached cluster or session. */
    intervalSeconds?: () => number;
  }
}
