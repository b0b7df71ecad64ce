import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator } from '@jupyterlab/translation';
import { IAwsClients, IAwsSparkMLSidebar, IServerStatus } from '../tokens';
import { AwsSparkMLSidebar } from './Sidebar';

/** The "AWS Spark & ML" left panel that feature plugins add sections to. */
export const sidebarPlugin: JupyterFrontEndPlugin<IAwsSparkMLSidebar> = {
  id: 'jupyterlab-aws-spark-ml:sidebar',
  description: 'The AWS Spark & ML sidebar with its connection header.',
  autoStart: true,
  provides: IAwsSparkMLSidebar,
  requires: [IServerStatus, IAwsClients],
  optional: [ILayoutRestorer, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    status: IServerStatus,
    clients: IAwsClients,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null
  ) => {
    const panel = new AwsSparkMLSidebar({
      status,
      clients,
      translator: translator ?? undefined
    });
    app.shell.add(panel, 'left', { rank: 800 });
    restorer?.add(panel, panel.id);
    return panel;
  }
};
