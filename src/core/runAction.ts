import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';
import { INotificationAction, notifyError, showDetails } from './notify';
import type { IWatch } from './watchResource';

/** Counts actions whose AWS call is out, so commands can disable a second click. */
export class Busy {
  /** Emitted when `active` may have changed (commands re-check isEnabled). */
  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get active(): boolean {
    return this._count > 0;
  }
  async during<T>(fn: () => Promise<T>): Promise<T> {
    this._count++;
    this._changed.emit();
    try {
      return await fn();
    } finally {
      this._count--;
      this._changed.emit();
    }
  }
  private _count = 0;
  private _changed = new Signal<this, void>(this);
}

/** How an action ended, as the person sees it. */
export interface IOutcome {
  type: 'success' | 'warning' | 'error';
  message: string;
  /** A Details action showing this text (e.g. AWS's reason for a failure). */
  details?: { title: string; text: string };
}

/** Updates the action's notification while it runs. */
export type Progress = (message: string) => void;

export interface IActionOptions<C, F> {
  trans: TranslationBundle;
  /** Asked first (destructive actions); declined, nothing is sent. The body's value, if any, is passed to `call`. */
  confirm?: { title: string; body: string | Widget; label: string };
  /** The in-progress message, e.g. "Terminating cluster c…". */
  progress: string;
  /** An existing notification to reuse, e.g. the failed one a Retry came from. */
  notification?: string;
  /** Counts the call (not the follow), for commands that allow one at a time. */
  busy?: Busy;
  /** The AWS call; `progress` reports the steps of a multi-step call. */
  call: (progress: Progress, confirmed: unknown) => Promise<C>;
  /** What did not happen, for the error notification: "Cluster c was not created". */
  failed: string | ((err: unknown) => string);
  /** Buttons next to Details when the call fails, e.g. Retry (given the notification id). */
  onFailure?: (notification: string) => INotificationAction[];
  /** Follows the call's result to its end state, reporting states with `progress`. */
  follow?: (result: C, progress: Progress) => Promise<F> | IWatch<F>;
  /** Said when following fails: "Lost track of cluster c". */
  lostTrack?: string;
  /** The final notification, from the followed end (or the call's result). */
  outcome: (end: F) => IOutcome;
  /** Undoes what was created when the outcome is an error (e.g. a Failed endpoint). */
  rollback?: (end: F) => Promise<void>;
}

/**
 * One action a person takes on an AWS resource: confirm → progress
 * notification → call → follow → outcome (or rollback). Resolves when the
 * notification says how it ended; `true` if the call was sent and succeeded.
 */
export async function runAction<C, F = C>(
  options: IActionOptions<C, F>
): Promise<boolean> {
  const { trans } = options;
  let confirmed: unknown = undefined;
  if (options.confirm) {
    const answer = await showDialog({
      title: options.confirm.title,
      body: options.confirm.body,
      buttons: [
        Dialog.cancelButton(),
        Dialog.warnButton({ label: options.confirm.label })
      ]
    });
    if (!answer.button.accept) {
      return false;
    }
    confirmed = answer.value ?? undefined;
  }
  const id =
    options.notification ??
    Notification.emit(options.progress, 'in-progress', { autoClose: false });
  const progress: Progress = message =>
    Notification.update({ id, type: 'in-progress', message, autoClose: false });
  if (options.notification) {
    progress(options.progress);
  }

  let result: C;
  try {
    const call = () => options.call(progress, confirmed);
    result = await (options.busy ? options.busy.during(call) : call());
  } catch (err) {
    const { failed } = options;
    const what = typeof failed === 'string' ? failed : failed(err);
    notifyError(id, what, err, trans, options.onFailure?.(id) ?? []);
    return false;
  }

  let end: F;
  try {
    const followed = options.follow?.(result, progress);
    end = followed
      ? await ('done' in followed ? followed.done : followed)
      : (result as unknown as F);
  } catch (err) {
    notifyError(id, options.lostTrack ?? trans.__('Lost track'), err, trans);
    return true;
  }

  const outcome = options.outcome(end);
  if (outcome.type === 'error' && options.rollback) {
    try {
      await options.rollback(end);
    } catch (err) {
      notifyError(
        id,
        `${outcome.message} ${trans.__('Undoing it failed')}`,
        err,
        trans
      );
      return true;
    }
  }
  const { details } = outcome;
  Notification.update({
    id,
    type: outcome.type,
    message: outcome.message,
    autoClose:
      outcome.type === 'error'
        ? false
        : outcome.type === 'success'
          ? 8000
          : 5000,
    actions: details
      ? [
          {
            label: trans.__('Details'),
            callback: () => showDetails(details.title, details.text, trans)
          }
        ]
      : undefined
  });
  return true;
}
