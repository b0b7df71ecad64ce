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
  ISparkMLSettings
} from '../tokens';
import { ClusterActions } from './ClusterActions';
import { ClusterListModel } from './ClusterListModel';
import { addComputeCommands } from './commands';
import { ComputeWidget } from './ComputePanel';
import { Provisioner } from './provisioning';
import { keepListsLive } from '../core/sectionLists';
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

    keepListsLive({
      app,
      clients,
      status,
      settings,
      widget,
      lists: [clusters, sessions],
      actions: [clusterActions, sessionActions],
      // A Provision click a reload cut off: follow the cluster it created.
      onStart: () => void clusterActions.resumePending()
    });
    return { clusters, sessions };
  }
};

export default computePlugin;
