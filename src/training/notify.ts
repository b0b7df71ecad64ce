import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { describeAwsError } from '../aws/errors';

/** Turns progress notification `id` into an error with Details (and extra actions). */
export function notifyError(
  id: string,
  what: string,
  err: unknown,
  trans: TranslationBundle,
  actions: { label: string; callback: () => void }[] = []
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
        callback: () =>
          void showDialog({
            title: d.title,
            body: `${d.message}\n\n${d.fix}`,
            buttons: [Dialog.okButton({ label: trans.__('Close') })]
          })
      }
    ]
  });
}
