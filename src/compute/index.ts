import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  IAwsClients,
  IAwsSparkMLSidebar,
  ICompute,
  IServerStatus,
  ISparkMLSettings,
  ISparkMLSettingsValues
} from '../tokens';
import { ClusterActions } from './ClusterActions';
import { ClusterListModel } from './ClusterListModel';
import { addComputeCommands } from './commands';
import { ComputeWidget } from './ComputePanel';
import { Provisioner } from './provisioning';
import { SessionActions } from './SessionActions';
import { SessionListModel } from './SessionListModel';

/** Compute section: EMR clusters and Glue interactive sessions. */
export const computePlugin: JupyterFrontEndPlugin<ICompute> = {
  id: 'jupyterlab-aws-spark-ml:compute',
  description:
    'Lists, provisions and terminates EMR clusters and Glue interactive sessions.',
  autoStart: true,
  provides: ICompute,
  requires: [IAwsSparkMLSidebar, IAwsClients, IServerStatus, ISparkMLSettings],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IAwsSparkMLSidebar,
    clients: IAwsClients,
    status: IServerStatus,
    settings: ISparkMLSettings,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ): ICompute => {
    const trans = (translator ?? nullTranslator).load(
      'jupyterlab_aws_spark_ml'
    );
    const clusters = new ClusterListModel(clients);
    const sessions = new SessionListModel(clients);
    // One provisioner: its reservations cover clusters and sessions alike.
    const provisioner = new Provisioner(clients);
    const clusterActions = new ClusterActions(
      clients,
      clusters,
      trans,
      provisioner
    );
    const sessionActions = new SessionActions(
      clients,
      sessions,
      trans,
      provisioner
    );
    const account = () => status.info?.identity?.account ?? '';

    addComputeCommands(app, {
      clusters: clusterActions,
      sessions: sessionActions,
      trans,
      palette,
      account,
      clusterTemplates: () => settings.values.clusterTemplates,
      sessionTemplates: () => settings.values.sessionTemplates
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

    const applySettings = ({ pollingInterval }: ISparkMLSettingsValues) => {
      clusters.setInterval(pollingInterval);
      sessions.setInterval(pollingInterval);
      clusterActions.intervalMs = pollingInterval * 1000;
      sessionActions.intervalMs = pollingInterval * 1000;
    };
    applySettings(settings.values);
    settings.changed.connect((_, values) => applySettings(values));

    void Promise.all([settings.ready, app.restored]).then(() => {
      clusters.setVisible(widget.isVisible);
      sessions.setVisible(widget.isVisible);
    });
    // Start once the server works (at load, or after "Try again" in the header).
    void Promise.all([status.becameUsable, settings.ready, app.restored]).then(
      () => {
        void clusters.start();
        void sessions.start();
        void clusterActions.resumePending();
      }
    );
    // A new region means a fresh list.
    clients.regionChanged.connect(() => {
      clusters.refreshSoon();
      sessions.refreshSoon();
    });
    return { clusters, sessions };
  }
};

export default computePlugin;
