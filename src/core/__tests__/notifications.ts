import { Notification } from '@jupyterlab/apputils';

/**
 * Records what the person sees in the notification centre: every message a
 * notification showed, in order, and its last state.
 */
export function watchNotifications() {
  const seen: { id: string; type: string; message: string }[] = [];
  const record = (_: unknown, change: Notification.IChange) => {
    if (change.type !== 'removed') {
      const n = change.notification;
      seen.push({ id: n.id, type: n.type, message: n.message });
    }
  };
  Notification.manager.changed.connect(record);
  return {
    seen,
    /** The current notifications (latest state of each). */
    get all(): Notification.INotification[] {
      return Notification.manager.notifications;
    },
    last(): Notification.INotification {
      const all = Notification.manager.notifications;
      // The manager keeps the newest first.
      return all[0];
    },
    /** Runs the action button with this label on notification `n`. */
    click(n: Notification.INotification, label: string): void {
      const action = n.options.actions?.find(a => a.label === label);
      if (!action) {
        throw new Error(`No ${label} on "${n.message}"`);
      }
      action.callback(new MouseEvent('click'));
    },
    dispose(): void {
      Notification.manager.changed.disconnect(record);
      Notification.manager.dismiss();
    }
  };
}
