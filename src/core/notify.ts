import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { describeAwsError } from '../aws/errors';

/** A button on a notification, e.g. Retry. */
export interface INotificationAction {
  label: string;
  callback: () => void;
}

/** Shows what went wrong and the fix in a dialog (the Details action). */
export function showDetails(
  title: string,
  text: string,
  trans: TranslationBundle
): void {
  void showDialog({
    title,
    body: text,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}

/**
 * Turns progress notification `id` into an error saying what failed and
 * why, with a Details action for the fix (after any `actions`, e.g. Retry).
 */
export function notifyError(
  id: string,
  what: string,
  err: unknown,
  trans: TranslationBundle,
  actions: INotificationAction[] = []
): void {
  const d = describeAwsError(err, trans.__.bind(trans));
  Notification.update({
    id,
    type: 'error',
    message: `${what}: ${d.title}`,
    autoClose: false,
    actions: [
      ...actions,
      {
        label: trans.__('Details'),
        callback: () => showDetails(d.title, `${d.message}\n\n${d.fix}`, trans)
      }
    ]
  });
}
