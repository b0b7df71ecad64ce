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
import { addTrainingCommands } from './commands';
import { listSageMakerRoles } from './roles';
import { listTableLocations } from './sources';
import { ITrainingSettings, TrainingActions } from './TrainingActions';
import { TrainingJobListModel } from './TrainingJobListModel';
import { TrainingWidget } from './TrainingPanel';

/** Training section: SageMaker training jobs — launch, follow, stop. */
export const trainingPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-aws-spark-ml:training',
  description:
    'Lists, launches, follows (status and logs) and stops SageMaker training jobs.',
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
    const jobs = new TrainingJobListModel(clients);
    let settings: ITrainingSettings = {
      roleArn: '',
      instanceType: '',
      outputPath: ''
    };
    let rolesPromise: Promise<string[]> | null = null;
    const actions = new TrainingActions(
      clients,
      jobs,
      app.serviceManager.contents,
      trans,
      {
        settings: () => settings,
        // Asked once per page load: roles rarely change, and IAM is slow.
        roles: () =>
          (rolesPromise ??= listSageMakerRoles(
            app.serviceManager.serverSettings
          )),
        sources: () => listTableLocations(clients),
        sandbox: () => status.info?.mode === 'sandbox',
        account: () => status.info?.identity?.account ?? ''
      }
    );
    addTrainingCommands(app, actions, trans, palette);
    const widget = new TrainingWidget({
      jobs,
      clients,
      commands: app.commands,
      intervalMs: () => actions.intervalMs,
      trans
    });
    sidebar.addSection({
      id: 'training',
      title: trans.__('Training'),
      widget,
      rank: 300
    });

    const apply = (s: ISettingRegistry.ISettings) => {
      const seconds = (s.composite.pollingInterval as number) ?? 5;
      jobs.setInterval(seconds);
      actions.intervalMs = seconds * 1000;
      settings = {
        roleArn: (s.composite.trainingRoleArn as string) ?? '',
        instanceType: (s.composite.trainingInstanceType as string) ?? '',
        outputPath: (s.composite.trainingOutputPath as string) ?? ''
      };
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
        !jobs.started
      ) {
        void jobs.start();
      }
    };
    void Promise.all([status.ready, loaded, app.restored]).then(() => {
      jobs.setVisible(widget.isVisible);
      startIfUsable();
    });
    status.changed.connect(startIfUsable);
    clients.regionChanged.connect(() => jobs.refreshSoon());
  }
};

export default trainingPlugin;
