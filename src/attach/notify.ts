import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { showDetails } from '../core/notify';

/** Toasts show 140 characters; a longer message gets a Details action. */
const TOAST_LIMIT = 140;

/** Opens `url` (a Spark UI) in a new tab, never giving it our window. */
export function openInNewTab(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

export function sparkUiAction(
  url: string | null | undefined,
  trans: TranslationBundle
): Notification.IAction[] {
  return url
    ? [{ label: trans.__('Open Spark UI'), callback: () => openInNewTab(url) }]
    : [];
}

/** The magic's reason and fix, exactly as it wrote them. */
export function failureText(
  reason: string,
  fix: string,
  trans: TranslationBundle
): string {
  return fix ? trans.__('%1. Fix: %2', reason.replace(/\.$/, ''), fix) : reason;
}

/** A Details action when `text` is too long for a toast, else none. */
export function detailsAction(
  title: string,
  text: string,
  trans: TranslationBundle,
  shownLength = text.length
): Notification.IAction[] {
  if (shownLength <= TOAST_LIMIT) {
    return [];
  }
  return [
    {
      label: trans.__('Details'),
      callback: event => {
        event.preventDefault();
        showDetails(title, text, trans);
      }
    }
  ];
}

/** An error toast; the whole text stays one click away when it is long. */
export function updateWithFailure(
  id: string,
  title: string,
  detail: string,
  trans: TranslationBundle
): void {
  const message = `${title} ${detail}`;
  Notification.update({
    id,
    type: 'error',
    message,
    autoClose: false,
    actions: detailsAction(title, detail, trans, message.length)
  });
}
