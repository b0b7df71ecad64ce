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
import { keepListsLive } from '../core/sectionLists';
import { addTrainingCommands } from './commands';
import { resumeLaunches } from './launch';
import { listSageMakerRoles } from './roles';
import { listTableLocations } from './sources';
import { TrainingActions } from './TrainingActions';
import { TrainingJobListModel } from './TrainingJobListModel';
import { TrainingWidget } from './TrainingPanel';

/** Training section: SageMaker training jobs — launch, follow, stop. */
export const trainingPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-aws-spark-ml:training',
  description:
    'Lists, launches, follows (status and logs) and stops SageMaker training jobs.',
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
    const jobs = new TrainingJobListModel(clients);
    let rolesPromise: Promise<string[]> | null = null;
    const actions = new TrainingActions(
      clients,
      jobs,
      app.serviceManager.contents,
      trans,
      {
        settings: () => ({
          roleArn: settings.values.trainingRoleArn,
          instanceType: settings.values.trainingInstanceType,
          outputPath: settings.values.trainingOutputPath
        }),
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

    keepListsLive({
      app,
      clients,
      status,
      settings,
      widget,
      lists: [jobs],
      actions: [actions],
      // A launch a reload cut off: its tagged job, if any, joins the list.
      onStart: () =>
        void resumeLaunches(clients)
          .then(resumed => resumed.length && jobs.refreshSoon())
          .catch(() => undefined)
    });
  }
};

export default trainingPlugin;
