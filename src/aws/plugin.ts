import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IAwsClients, IServerStatus, SETTINGS_PLUGIN_ID } from '../tokens';
import { AwsClients } from './clients';
import { ServerStatusModel } from './status';

/** Asks the server extension for its version, mode, region and identity. */
export const statusPlugin: JupyterFrontEndPlugin<IServerStatus> = {
  id: 'jupyterlab-aws-spark-ml:status',
  description:
    'Reads the status of the jupyterlab_aws_spark_ml server extension.',
  autoStart: true,
  provides: IServerStatus,
  optional: [ITranslator],
  activate: (app: JupyterFrontEnd, translator: ITranslator | null) => {
    const trans = (translator ?? nullTranslator).load(
      'jupyterlab_aws_spark_ml'
    );
    const status = new ServerStatusModel(
      app.serviceManager.serverSettings,
      trans.__.bind(trans)
    );
    void status.refresh();
    return status;
  }
};

/** AWS SDK clients whose requests go through the server's signing proxy. */
export const awsPlugin: JupyterFrontEndPlugin<IAwsClients> = {
  id: SETTINGS_PLUGIN_ID,
  description:
    'AWS SDK v3 clients that reach AWS through the Jupyter server signing proxy.',
  autoStart: true,
  provides: IAwsClients,
  requires: [IServerStatus],
  optional: [ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    status: IServerStatus,
    settingRegistry: ISettingRegistry | null
  ) => {
    const clients = new AwsClients({
      status,
      serverSettings: app.serviceManager.serverSettings
    });
    if (settingRegistry) {
      void settingRegistry
        .load(SETTINGS_PLUGIN_ID)
        .then(settings => {
          const apply = () =>
            clients.setConfiguredRegion(
              (settings.composite.region as string) ?? ''
            );
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error('aws-spark-ml: cannot load settings', reason);
        });
    }
    return clients;
  }
};
