import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';

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

/**
 * A person's answers to `showDialog`, which the spec mocks itself (jest hoists
 * `jest.mock` to the top of the spec, so the mock cannot live here).
 */
export function scriptDialogs(mockedShowDialog: typeof showDialog) {
  const dialog = mockedShowDialog as jest.MockedFunction<typeof showDialog>;
  return {
    dialog,
    /** The person accepts (or cancels) the next dialog, with this body value. */
    answer: (accept: boolean, value: unknown = null) =>
      dialog.mockResolvedValueOnce({
        button: accept ? Dialog.warnButton() : Dialog.cancelButton(),
        isChecked: null,
        value
      })
  };
}

/**
 * Each test starts with no stored flows and no queued dialog answers, and
 * records its own notifications; the returned recorder reads the current one.
 */
export function notificationsEachTest(
  dialog: jest.MockedFunction<typeof showDialog>
) {
  let current: ReturnType<typeof watchNotifications> | null = null;
  beforeEach(() => {
    localStorage.clear();
    dialog.mockReset();
    current = watchNotifications();
  });
  afterEach(() => current?.dispose());
  const now = () => {
    if (!current) {
      throw new Error('Notifications are recorded inside a test only');
    }
    return current;
  };
  return {
    get seen() {
      return now().seen;
    },
    get all() {
      return now().all;
    },
    last: () => now().last(),
    click: (n: Notification.INotification, label: string) =>
      now().click(n, label)
  };
}
