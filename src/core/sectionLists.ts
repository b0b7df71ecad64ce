import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { Widget } from '@lumino/widgets';
import type {
  IAwsClients,
  IServerStatus,
  ISparkMLSettings,
  ISparkMLSettingsValues
} from '../tokens';
import type { ResourceListModel } from './ResourceListModel';

/**
 * Keeps a sidebar section's lists live the same way in every feature: the
 * polling interval follows the settings (lists and the actions that follow a
 * resource), visibility is known once the layout is restored, polling starts
 * when the server is usable (at load, or after "Try again"), and a new region
 * means a fresh list.
 */
export function keepListsLive(options: {
  app: JupyterFrontEnd;
  clients: IAwsClients;
  status: IServerStatus;
  settings: ISparkMLSettings;
  /** The section's widget: lists stand by while it is hidden. */
  widget: Widget;
  lists: ResourceListModel<any>[];
  /** Whatever follows one resource at the settings' pace (ms). */
  actions?: { intervalMs: number }[];
  /** Runs once polling has started, e.g. to settle flows a reload cut off. */
  onStart?: () => void;
}): void {
  const { app, clients, status, settings, widget, lists } = options;
  const apply = ({ pollingInterval }: ISparkMLSettingsValues) => {
    lists.forEach(list => list.setInterval(pollingInterval));
    options.actions?.forEach(a => (a.intervalMs = pollingInterval * 1000));
  };
  apply(settings.values);
  settings.changed.connect((_, values) => apply(values));

  void Promise.all([settings.ready, app.restored]).then(() =>
    lists.forEach(list => list.setVisible(widget.isVisible))
  );
  void Promise.all([status.becameUsable, settings.ready, app.restored]).then(
    () => {
      lists.forEach(list => void list.start());
      options.onStart?.();
    }
  );
  clients.regionChanged.connect(() =>
    lists.forEach(list => list.refreshSoon())
  );
}
