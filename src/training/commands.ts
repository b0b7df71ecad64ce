import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, refreshIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { isTerminalJob } from './states';
import type { TrainingActions } from './TrainingActions';

export namespace CommandIDs {
  export const launch = 'aws-spark-ml:launch-training-job';
  export const stop = 'aws-spark-ml:stop-training-job';
  export const refresh = 'aws-spark-ml:refresh-training-jobs';
}

const nameArg = (description: string) => ({
  args: {
    type: 'object' as const,
    properties: { name: { type: 'string' as const, description } }
  }
});

export function addTrainingCommands(
  app: JupyterFrontEnd,
  actions: TrainingActions,
  trans: TranslationBundle,
  palette: ICommandPalette | null
): void {
  const { commands } = app;
  /** From the args, or the row under the context menu. */
  const target = (args: ReadonlyPartialJSONObject) =>
    (args.name as string) ||
    (app.contextMenuHitTest(n => !!n.dataset?.trainingJob)?.dataset
      .trainingJob ??
      '');

  commands.addCommand(CommandIDs.launch, {
    label: trans.__('Launch Training Job…'),
    caption: trans.__(
      'Train with built-in XGBoost or your own script on SageMaker'
    ),
    icon: args => (args.toolbar ? addIcon : undefined),
    isEnabled: () => !actions.busy.active,
    describedBy: { args: { type: 'object', properties: {} } },
    execute: async () => {
      const request = await actions.askLaunchRequest();
      if (request) {
        await actions.launch(request);
      }
    }
  });
  commands.addCommand(CommandIDs.stop, {
    label: trans.__('Stop Training Job…'),
    caption: trans.__('Stop the running training job (asks first)'),
    isEnabled: args => {
      const name = target(args);
      const status = actions.jobs.status(name);
      return !!name && !isTerminalJob(status) && status !== 'Stopping';
    },
    describedBy: nameArg(trans.__('Training job name')),
    execute: args => actions.stop(target(args))
  });
  commands.addCommand(CommandIDs.refresh, {
    label: trans.__('Refresh Training Jobs'),
    caption: trans.__('Ask SageMaker again now'),
    icon: args => (args.toolbar ? refreshIcon : undefined),
    describedBy: { args: { type: 'object', properties: {} } },
    execute: () => actions.jobs.refreshSoon()
  });
  actions.busy.changed.connect(() =>
    commands.notifyCommandChanged(CommandIDs.launch)
  );
  actions.jobs.changed.connect(() =>
    commands.notifyCommandChanged(CommandIDs.stop)
  );

  const category = trans.__('AWS Spark & ML');
  for (const command of [CommandIDs.launch, CommandIDs.refresh]) {
    palette?.addItem({ command, category });
  }
  app.contextMenu.addItem({
    command: CommandIDs.stop,
    selector: '.jp-AwsSparkML-jobRow',
    rank: 1
  });
}
