import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import type { IAttachment } from './connectCell';
import type { AttachPhase, IAttachView } from './label';
import { attachedTarget, IConnectionEvent } from '../core/kernelProtocol';

/** AWS states after which a cluster or session never comes back. */
const TERMINAL = new Set([
  'TERMINATED',
  'TERMINATED_WITH_ERRORS',
  'STOPPED',
  'FAILED',
  'TIMEOUT'
]);

/** Reads the AWS state of an attached cluster or session. */
export type StateReader = (attachment: IAttachment) => Promise<string>;

/**
 * One notebook's attachment: what its metadata names, what its kernel
 * reported last, and the live AWS state of the target (polled while it
 * matters, with backoff, paused when the browser tab is hidden).
 */
export class AttachmentModel implements IAttachView {
  constructor(options: AttachmentModel.IOptions) {
    this._readState = options.readState;
    this._poll = new Poll({
      auto: false,
      factory: () => this._refreshState(),
      frequency: {
        interval: (options.intervalSeconds ?? 10) * 1000,
        backoff: true,
        max: 120_000
      },
      standby: 'when-hidden',
      name: 'aws-spark-ml:attachment'
    });
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get attachment(): IAttachment | null {
    return this._attachment;
  }
  get phase(): AttachPhase {
    return this._phase;
  }
  get remoteState(): string | null {
    return this._remoteState;
  }
  get sparkUi(): string | null {
    return this._sparkUi;
  }
  /** The last failure the magic reported, as it wrote it. */
  get failure(): { reason: string; fix: string } | null {
    return this._failure;
  }
  get poll(): Poll {
    return this._poll;
  }

  /** The target the notebook names (from metadata or a new attach). */
  setAttachment(attachment: IAttachment | null): void {
    const same =
      attachment?.target === this._attachment?.target &&
      attachment?.id === this._attachment?.id;
    this._attachment = attachment;
    if (!same) {
      this._remoteState = null;
      this._sparkUi = null;
      this._failure = null;
      if (this._phase !== 'connecting') {
        this._phase = 'disconnected';
      }
    }
    this._update();
  }

  setPhase(phase: AttachPhase): void {
    this._phase = phase;
    if (phase === 'connecting') {
      this._failure = null;
    }
    this._update();
  }

  /** The kernel restarted or changed: whatever it was attached to is gone. */
  kernelLost(): void {
    if (this._phase !== 'connecting') {
      this._phase = 'disconnected';
      this._sparkUi = null;
      this._update();
    }
  }

  /** Applies a report from the magic (any cell, or a quiet status/detach). */
  handleEvent(e: IConnectionEvent): void {
    switch (e.event) {
      case 'connected':
        this._phase = 'connected';
        this._sparkUi = e.sparkUi ?? null;
        this._failure = null;
        break;
      case 'failed':
        this._phase = 'failed';
        this._failure = { reason: e.reason ?? '', fix: e.fix ?? '' };
        break;
      case 'disconnected':
        this._phase = 'disconnected';
        this._sparkUi = null;
        break;
      case 'status':
        if (attachedTarget(e)) {
          this._phase = 'connected';
          this._sparkUi = e.sparkUi ?? this._sparkUi;
        } else {
          this._phase = 'disconnected';
          this._sparkUi = null;
        }
        break;
    }
    this._update();
  }

  dispose(): void {
    this._poll.dispose();
    Signal.clearData(this);
  }

  /** Poll only while a remote target is (being) used and can still change. */
  private _update(): void {
    const a = this._attachment;
    const wanted =
      !!a &&
      a.target !== 'local' &&
      (this._phase === 'connected' || this._phase === 'connecting') &&
      !TERMINAL.has(this._remoteState ?? '');
    if (wanted && !this._polling) {
      this._polling = true;
      void this._poll.start();
    } else if (!wanted && this._polling) {
      this._polling = false;
      void this._poll.stop();
    }
    this._changed.emit();
  }

  private async _refreshState(): Promise<void> {
    const a = this._attachment;
    if (!a || a.target === 'local') {
      return;
    }
    const state = await this._readState(a);
    if (a === this._attachment && state !== this._remoteState) {
      this._remoteState = state;
      this._update();
    }
  }

  private _attachment: IAttachment | null = null;
  private _phase: AttachPhase = 'disconnected';
  private _remoteState: string | null = null;
  private _sparkUi: string | null = null;
  private _failure: { reason: string; fix: string } | null = null;
  private _polling = false;
  private _readState: StateReader;
  private _poll: Poll;
  private _changed = new Signal<this, void>(this);
}

export namespace AttachmentModel {
  export interface IOptions {
    readState: StateReader;
    intervalSeconds?: number;
  }
}
