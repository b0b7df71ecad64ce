import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  IAwsClients,
  IAwsSparkMLSidebar,
  IServerStatus,
  ISparkMLSettings
} from '../tokens';
import { addEndpointCommands } from './commands';
import { keepListsLive } from '../core/sectionLists';
import { EndpointActions } from './EndpointActions';
import { EndpointListModel } from './EndpointListModel';
import { EndpointsWidget } from './EndpointsPanel';
import { cleanUpInterruptedDeploys } from './interruptedDeploys';

/** Endpoints section: deploy a trained model, see what serves and what it costs, test, delete. */
export const endpointsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-aws-spark-ml:endpoints',
  description:
    'Deploys training jobs to SageMaker endpoints; lists, tests and deletes endpoints.',
  autoStart: true,
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
  ) => {
    const trans = (translator ?? nullTranslator).load(
      'jupyterlab_aws_spark_ml'
    );
    const endpoints = new EndpointListModel(clients);
    const actions = new EndpointActions(
      clients,
      endpoints,
      trans,
      () => settings.values.endpointInstanceType
    );
    addEndpointCommands(app, actions, trans, palette);
    const widget = new EndpointsWidget({
      endpoints,
      clients,
      commands: app.commands,
      trans
    });
    sidebar.addSection({
      id: 'endpoints',
      title: trans.__('Endpoints'),
      widget,
      rank: 400
    });

    keepListsLive({
      app,
      clients,
      status,
      settings,
      widget,
      lists: [endpoints],
      actions: [actions],
      // A deploy this browser left half-done (reload, closed tab) is rolled back.
      onStart: () =>
        void cleanUpInterruptedDeploys(clients, trans, () =>
          endpoints.refreshSoon()
        )
    });
  }
};

export default endpointsPlugin;
