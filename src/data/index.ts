import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  IAttachments,
  IAwsClients,
  IAwsSparkMLSidebar,
  IServerStatus
} from '../tokens';
import { CatalogTreeModel } from './CatalogTreeModel';
import { DataWidget } from './DataPanel';
import { GovernanceModel } from './GovernanceModel';
import { NotebookSpark } from './notebookSpark';
import { lakeFormationPrincipal } from './principals';

/** Data section: Glue Data Catalog browser with Lake Formation access, preview and open-in-notebook. */
export const dataPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-aws-spark-ml:data',
  description:
    'Browses the Glue Data Catalog, explains Lake Formation access, and reads tables with the attached Spark.',
  autoStart: true,
  requires: [IAwsSparkMLSidebar, IAwsClients, IServerStatus],
  optional: [INotebookTracker, IAttachments, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IAwsSparkMLSidebar,
    clients: IAwsClients,
    status: IServerStatus,
    tracker: INotebookTracker | null,
    attachments: IAttachments | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(
      'jupyterlab_aws_spark_ml'
    );
    const account = () => status.info?.identity?.account ?? '';
    const tree = new CatalogTreeModel(clients, account);
    const governance = new GovernanceModel(clients);
    const widget = new DataWidget({
      tree,
      governance,
      notebooks: new NotebookSpark({ app, tracker, attachments }),
      caller: () => lakeFormationPrincipal(status.info?.identity?.arn ?? ''),
      trans
    });
    sidebar.addSection({
      id: 'data',
      title: trans.__('Data'),
      widget,
      rank: 200
    });

    void Promise.all([status.becameUsable, app.restored]).then(
      () => void tree.start()
    );
    clients.regionChanged.connect(() => void tree.start());
  }
};

export default dataPlugin;
