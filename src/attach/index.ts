import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  IAttachments,
  IAwsClients,
  ICompute,
  IServerStatus,
  ISparkMLSettings
} from '../tokens';
import { NotebookAttachments } from './attachments';
import { addAttachCommands } from './commands';
import { AttachToolbarItem } from './ToolbarItem';

/** Toolbar item name; placed just before the kernel name. */
const TOOLBAR_ITEM = 'awsSparkAttach';

/** Attach: run a notebook's cells on EMR, a Glue session or local Spark. */
export const attachPlugin: JupyterFrontEndPlugin<IAttachments> = {
  id: 'jupyterlab-aws-spark-ml:attach',
  description:
    'Attaches notebooks to Spark on an EMR cluster, a Glue interactive session or local Spark.',
  autoStart: true,
  provides: IAttachments,
  requires: [INotebookTracker, IAwsClients, IServerStatus, ISparkMLSettings],
  optional: [ICompute, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    clients: IAwsClients,
    status: IServerStatus,
    settings: ISparkMLSettings,
    compute: ICompute | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ): IAttachments => {
    const trans = (translator ?? nullTranslator).load(
      'jupyterlab_aws_spark_ml'
    );
    const attachments = new NotebookAttachments({
      tracker,
      clients,
      compute,
      status,
      trans,
      // Attached clusters change rarely: twice the list's interval.
      intervalSeconds: () => 2 * settings.values.pollingInterval
    });
    addAttachCommands(app, {
      attachments,
      tracker,
      trans,
      palette,
      region: () => clients.region
    });

    const addToolbarItem = (panel: NotebookPanel) => {
      const item = new AttachToolbarItem(
        attachments.modelFor(panel),
        trans,
        () => void attachments.choose(panel)
      );
      if (!panel.toolbar.insertBefore('kernelName', TOOLBAR_ITEM, item)) {
        panel.toolbar.addItem(TOOLBAR_ITEM, item);
      }
    };
    tracker.forEach(addToolbarItem);
    tracker.widgetAdded.connect((_, panel) => addToolbarItem(panel));
    return attachments;
  }
};

export default attachPlugin;
