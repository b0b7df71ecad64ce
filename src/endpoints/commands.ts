import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { SharedCommandIDs } from '../tokens';
import type { EndpointActions } from './EndpointActions';

export namespace CommandIDs {
  /** Implemented here, shown by the Training section: see SharedCommandIDs. */
  export const deploy = SharedCommandIDs.deployTrainingJob;
  export const deleteEndpoint = 'aws-spark-ml:delete-endpoint';
  export const refresh = 'aws-spark-ml:refresh-endpoints';
}

const nameArg = (description: string) => ({
  args: {
    type: 'object' as const,
    properties: { name: { type: 'string' as const, description } }
  }
});

export function addEndpointCommands(
  app: JupyterFrontEnd,
  actions: EndpointActions,
  trans: TranslationBundle,
  palette: ICommandPalette | null
): void {
  const { commands } = app;
  const hit = (
    args: ReadonlyPartialJSONObject,
    attr: 'trainingJob' | 'endpoint'
  ) =>
    (args.name as string) ||
    (app.contextMenuHitTest(n => !!n.dataset?.[attr])?.dataset[attr] ?? '');

  commands.addCommand(CommandIDs.deploy, {
    label: trans.__('Deploy to Endpoint…'),
    caption: trans.__(
      'Create a model, endpoint configuration and endpoint from a Completed training job'
    ),
    isEnabled: args => {
      const name = hit(args, 'trainingJob');
      return !!name && !actions.deploying.has(name);
    },
    describedBy: nameArg(trans.__('Name of a Completed training job')),
    execute: args => actions.deploy(hit(args, 'trainingJob'))
  });
  commands.addCommand(CommandIDs.deleteEndpoint, {
    label: trans.__('Delete Endpoint…'),
    caption: trans.__(
      'Delete the endpoint, and optionally its configuration and model (asks first)'
    ),
    isEnabled: args => !!hit(args, 'endpoint'),
    describedBy: nameArg(trans.__('Endpoint name')),
    execute: args => actions.delete(hit(args, 'endpoint'))
  });
  commands.addCommand(CommandIDs.refresh, {
    label: trans.__('Refresh Endpoints'),
    caption: trans.__('Ask SageMaker again now'),
    icon: args => (args.toolbar ? refreshIcon : undefined),
    describedBy: { args: { type: 'object', properties: {} } },
    execute: () => actions.endpoints.refreshSoon()
  });

  const category = trans.__('AWS Spark & ML');
  for (const command of [CommandIDs.deploy, CommandIDs.refresh]) {
    palette?.addItem({ command, category });
  }
  app.contextMenu.addItem({
    command: CommandIDs.deploy,
    selector: '.jp-AwsSparkML-jobRow',
    rank: 0
  });
  app.contextMenu.addItem({
    command: CommandIDs.deleteEndpoint,
    selector: '.jp-AwsSparkML-endpointRow',
    rank: 1
  });
}
