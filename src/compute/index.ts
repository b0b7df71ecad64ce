import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  IAwsClients,
  IAwsSparkMLSidebar,
  IServerStatus,
  SETTINGS_PLUGIN_ID
} from '../tokens';
import { ClusterListModel } from './ClusterListModel';
import { addComputeCommands } from './commands';
import { ComputeActions } from './ComputeActions';
import { ComputeWidget } from './ComputePanel';
import type { IClusterTemplate, ISessionTemplate } from './requests';
import { SessionListModel } from './SessionListModel';

/** Compute section: EMR clusters and Glue interactive sessions. */
export const computePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-aws-spark-ml:compute',
  description:
    'Lists, provisions and terminates EMR clusters and Glue interactive sessions.',
  autoStart: true,
  requires: [IAwsSparkMLSidebar, IAwsClients, IServerStatus],
  optional: [ISettingRegistry, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IAwsSparkMLSidebar,
    clients: IAwsClients,
    status: IServerStatus,
    settingRegistry: ISettingRegistry | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(
      'jupyterlab_aws_spark_ml'
    );
    const clusters = new ClusterListModel(clients);
    const sessions = new SessionListModel(clients);
    const actions = new ComputeActions(clients, clusters, sessions, trans);
    let clusterTemplates: IClusterTemplate[] = [];
    let sessionTemplates: ISessionTemplate[] = [];
    const account = () => status.info?.identity?.account ?? '';

    addComputeCommands(app, {
      actions,
      trans,
      palette,
      account,
      clusterTemplates: () => clusterTemplates,
      sessionTemplates: () => sessionTemplates
    });
    const widget = new ComputeWidget({
      clusters,
      sessions,
      commands: app.commands,
      account,
      trans
    });
    sidebar.addSection({
      id: 'compute',
      title: trans.__('Compute'),
      widget,
      rank: 100
    });

    const applySettings = (settings: ISettingRegistry.ISettings) => {
      const seconds = (settings.composite.pollingInterval as number) ?? 5;
      clusters.setInterval(seconds);
      sessions.setInterval(seconds);
      actions.intervalMs = seconds * 1000;
      clusterTemplates = (settings.composite.clusterTemplates as any) ?? [];
      sessionTemplates = (settings.composite.sessionTemplates as any) ?? [];
    };
    const settingsLoaded = settingRegistry
      ? settingRegistry
          .load(SETTINGS_PLUGIN_ID)
          .then(settings => {
            applySettings(settings);
            settings.changed.connect(applySettings);
          })
          .catch(reason =>
            console.error('aws-spark-ml: cannot load settings', reason)
          )
      : Promise.resolve();

    // Start only when the server works; a new region means a fresh list.
    void Promise.all([status.ready, settingsLoaded, app.restored]).then(() => {
      clusters.setVisible(widget.isVisible);
      sessions.setVisible(widget.isVisible);
      if (!status.problem || status.problem.kind === 'version') {
        void clusters.start();
        void sessions.start();
        void actions.resumePending();
      }
    });
    clients.regionChanged.connect(() => {
      clusters.refreshSoon();
      sessions.refreshSoon();
    });
    // E.g. credentials configured, then "Try again" in the header.
    status.changed.connect(() => {
      if (!status.problem && !clusters.started) {
        void clusters.start();
        void sessions.start();
      }
    });
  }
};

export default computePlugin;
