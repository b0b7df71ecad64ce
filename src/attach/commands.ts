import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import { SharedCommandIDs } from '../tokens';
import type { NotebookAttachments } from './attachments';
import type { IAttachment, SparkTarget } from './connectCell';
import { getNotebookAttachment } from './metadata';
import { openInNewTab } from './notify';

export namespace CommandIDs {
  /** Opens the attach picker for the current notebook. */
  export const attach = 'aws-spark-ml:attach-notebook';
  /** Args `{ kind: 'emr' | 'glue' | 'local', id }`: attaches the current (or a new) notebook. */
  export const attachCluster = SharedCommandIDs.attachCluster;
  export const reattach = 'aws-spark-ml:reattach-notebook';
  export const detach = 'aws-spark-ml:detach-notebook';
  export const openSparkUi = 'aws-spark-ml:open-spark-ui';
}

export interface IAttachCommandOptions {
  attachments: NotebookAttachments;
  tracker: INotebookTracker;
  trans: TranslationBundle;
  palette: ICommandPalette | null;
  /** Region the Compute panel lists (where ids from its rows live). */
  region: () => string;
}

const noArgs = { args: { type: 'object' as const, properties: {} } };

export function addAttachCommands(
  app: JupyterFrontEnd,
  o: IAttachCommandOptions
): void {
  const { commands } = app;
  const { attachments, tracker, trans } = o;
  const current = () => tracker.currentWidget;
  const modelOf = (panel: NotebookPanel | null) =>
    panel ? attachments.modelFor(panel) : null;
  /** The current notebook, or a new one on the Python 3 kernel. */
  const notebook = async (): Promise<NotebookPanel> =>
    current() ??
    ((await commands.execute('notebook:create-new', {
      kernelName: 'python3'
    })) as NotebookPanel);

  commands.addCommand(CommandIDs.attach, {
    label: trans.__('Attach Notebook to Spark…'),
    caption: trans.__(
      'Pick an EMR cluster, a Glue session or local Spark for this notebook'
    ),
    describedBy: noArgs,
    execute: async () => attachments.choose(await notebook())
  });

  commands.addCommand(CommandIDs.attachCluster, {
    label: trans.__('Attach to Notebook'),
    caption: trans.__(
      'Attach the current notebook (or a new one) to this cluster or session'
    ),
    isEnabled: args => !!args.id || args.kind === 'local',
    describedBy: {
      args: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['emr', 'glue', 'local'] },
          id: {
            type: 'string',
            description: trans.__('EMR cluster id or Glue session id')
          },
          region: { type: 'string' }
        },
        required: ['kind']
      }
    },
    execute: async args => {
      const kind = args.kind as SparkTarget;
      const attachment: IAttachment = {
        target: kind,
        id: kind === 'local' ? 'local' : String(args.id ?? ''),
        region: (args.region as string) || o.region()
      };
      const panel = await notebook();
      app.shell.activateById(panel.id);
      await attachments.attach(panel, attachment);
    }
  });

  commands.addCommand(CommandIDs.reattach, {
    label: trans.__('Re-attach Notebook to Spark'),
    caption: trans.__(
      'Run the connect cell again for the target in the notebook metadata'
    ),
    isEnabled: () => {
      const panel = current();
      return (
        !!panel?.content.model && !!getNotebookAttachment(panel.content.model)
      );
    },
    describedBy: noArgs,
    execute: async () => {
      const panel = current();
      const a =
        panel?.content.model && getNotebookAttachment(panel.content.model);
      if (panel && a) {
        await attachments.attach(panel, a);
      }
    }
  });

  commands.addCommand(CommandIDs.detach, {
    label: trans.__('Detach Notebook from Spark'),
    caption: trans.__(
      'Close the Spark session of this notebook (no cell is added) and forget the target'
    ),
    isEnabled: () => {
      const model = modelOf(current());
      return !!model?.attachment && model.phase !== 'connecting';
    },
    describedBy: noArgs,
    execute: async () => {
      const panel = current();
      if (panel) {
        await attachments.detach(panel);
      }
    }
  });

  commands.addCommand(CommandIDs.openSparkUi, {
    label: trans.__('Open Spark UI'),
    caption: trans.__('Open the Spark UI of the attached Spark in a new tab'),
    isEnabled: () => !!modelOf(current())?.sparkUi,
    describedBy: noArgs,
    execute: () => {
      const url = modelOf(current())?.sparkUi;
      if (url) {
        openInNewTab(url);
      }
    }
  });

  const refresh = () => {
    for (const id of [
      CommandIDs.reattach,
      CommandIDs.detach,
      CommandIDs.openSparkUi
    ]) {
      commands.notifyCommandChanged(id);
    }
  };
  attachments.changed.connect(refresh);
  tracker.currentChanged.connect(refresh);

  const category = trans.__('AWS Spark & ML');
  for (const command of [
    CommandIDs.attach,
    CommandIDs.reattach,
    CommandIDs.detach,
    CommandIDs.openSparkUi
  ]) {
    o.palette?.addItem({ command, category });
  }
}
