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
    const endpoints = new EndpointListModel(clients);
    let instanceType = '';
    const actions = new EndpointActions(
      clients,
      endpoints,
      trans,
      () => instanceType
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

    const apply = (s: ISettingRegistry.ISettings) => {
      const seconds = (s.composite.pollingInterval as number) ?? 5;
      endpoints.setInterval(seconds);
      actions.intervalMs = seconds * 1000;
      instanceType = (s.composite.endpointInstanceType as string) ?? '';
    };
    const loaded = settingRegistry
      ? settingRegistry
          .load(SETTINGS_PLUGIN_ID)
          .then(s => {
            apply(s);
            s.changed.connect(apply);
          })
          .catch(reason =>
            console.error('aws-spark-ml: cannot load settings', reason)
          )
      : Promise.resolve();
    const startIfUsable = () => {
      if (
        (!status.problem || status.problem.kind === 'version') &&
        !endpoints.started
      ) {
        void endpoints.start();
      }
    };
    void Promise.all([status.ready, loaded, app.restored]).then(() => {
      endpoints.setVisible(widget.isVisible);
      startIfUsable();
      if (!status.problem || status.problem.kind === 'version') {
        // A deploy this browser left half-done (reload, closed tab) is rolled back.
        void cleanUpInterruptedDeploys(clients, trans, () =>
          endpoints.refreshSoon()
        );
      }
    });
    status.changed.connect(startIfUsable);
    clients.regionChanged.connect(() => endpoints.refreshSoon());
  }
};

export default endpointsPlugin;
