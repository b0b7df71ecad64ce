import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { SparkMLSettings } from '../core/settings';
import {
  IAwsClients,
  IServerStatus,
  ISparkMLSettings,
  SETTINGS_PLUGIN_ID
} from '../tokens';
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

/** Loads the settings once; every feature reads them through ISparkMLSettings. */
export const settingsPlugin: JupyterFrontEndPlugin<ISparkMLSettings> = {
  id: 'jupyterlab-aws-spark-ml:settings',
  description: 'Reads the AWS Spark & ML settings for every feature.',
  autoStart: true,
  provides: ISparkMLSettings,
  optional: [ISettingRegistry],
  activate: (_: JupyterFrontEnd, registry: ISettingRegistry | null) =>
    new SparkMLSettings(registry)
};

/** AWS SDK clients whose requests go through the server's signing proxy. */
export const awsPlugin: JupyterFrontEndPlugin<IAwsClients> = {
  // The settings schema (schema/plugin.json) belongs to this id.
  id: SETTINGS_PLUGIN_ID,
  description:
    'AWS SDK v3 clients that reach AWS through the Jupyter server signing proxy.',
  autoStart: true,
  provides: IAwsClients,
  requires: [IServerStatus, ISparkMLSettings],
  activate: (
    app: JupyterFrontEnd,
    status: IServerStatus,
    settings: ISparkMLSettings
  ) => {
    const clients = new AwsClients({
      status,
      serverSettings: app.serviceManager.serverSettings
    });
    const apply = () => clients.setConfiguredRegion(settings.values.region);
    apply();
    settings.changed.connect(apply);
    return clients;
  }
};
