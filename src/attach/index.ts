import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IAwsClients, IServerStatus, SETTINGS_PLUGIN_ID } from '../tokens';
import { NotebookAttachments } from './attachments';
import { addAttachCommands } from './commands';
import { AttachToolbarItem } from './ToolbarItem';

/** Toolbar item name; placed just before the kernel name. */
const TOOLBAR_ITEM = 'awsSparkAttach';

/** Attach: run a notebook's cells on EMR, a Glue session or local Spark. */
export const attachPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-aws-spark-ml:attach',
  description:
    'Attaches notebooks to Spark on an EMR cluster, a Glue interactive session or local Spark.',
  autoStart: true,
  requires: [INotebookTracker, IAwsClients, IServerStatus],
  optional: [ISettingRegistry, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    clients: IAwsClients,
    status: IServerStatus,
    settingRegistry: ISettingRegistry | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(
      'jupyterlab_aws_spark_ml'
    );
    // Attached clusters change rarely: twice the list's interval.
    let intervalSeconds = 10;
    void settingRegistry
      ?.load(SETTINGS_PLUGIN_ID)
      .then(settings => {
        const apply = () =>
          (intervalSeconds =
            2 * ((settings.composite.pollingInterval as number) ?? 5));
        apply();
        settings.changed.connect(apply);
      })
      .catch(reason =>
        console.error('aws-spark-ml: cannot load settings', reason)
      );

    const attachments = new NotebookAttachments({
      tracker,
      clients,
      status,
      trans,
      intervalSeconds: () => intervalSeconds
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
  }
};

export default attachPlugin;
