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
  ISparkMLSettings,
  ISparkMLSettingsValues
} from '../tokens';
import { addEndpointCommands } from './commands';
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

    const apply = ({ pollingInterval }: ISparkMLSettingsValues) => {
      endpoints.setInterval(pollingInterval);
      actions.intervalMs = pollingInterval * 1000;
    };
    apply(settings.values);
    settings.changed.connect((_, values) => apply(values));

    void Promise.all([settings.ready, app.restored]).then(() =>
      endpoints.setVisible(widget.isVisible)
    );
    void Promise.all([status.becameUsable, settings.ready, app.restored]).then(
      () => {
        void endpoints.start();
        // A deploy this browser left half-done (reload, closed tab) is rolled back.
        void cleanUpInterruptedDeploys(clients, trans, () =>
          endpoints.refreshSoon()
        );
      }
    );
    clients.regionChanged.connect(() => endpoints.refreshSoon());
  }
};

export default endpointsPlugin;
