import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { describeAwsError } from '../aws/errors';

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

/** Turns a progress notification into an error one with a Details action. */
export function notifyError(
  id: string,
  what: string,
  err: unknown,
  trans: TranslationBundle
): void {
  const d = describeAwsError(err, trans.__.bind(trans));
  Notification.update({
    id,
    type: 'error',
    message: `${what}: ${d.title}`,
    autoClose: false,
    actions: [
      {
        label: trans.__('Details'),
        callback: () => showDetails(d.title, `${d.message}\n\n${d.fix}`, trans)
      }
    ]
  });
}
