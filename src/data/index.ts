import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IAwsClients, IAwsSparkMLSidebar, IServerStatus } from '../tokens';
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
  optional: [INotebookTracker, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IAwsSparkMLSidebar,
    clients: IAwsClients,
    status: IServerStatus,
    tracker: INotebookTracker | null,
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
      notebooks: new NotebookSpark(app, tracker),
      caller: () => lakeFormationPrincipal(status.info?.identity?.arn ?? ''),
      trans
    });
    sidebar.addSection({
      id: 'data',
      title: trans.__('Data'),
      widget,
      rank: 200
    });

    let started = false;
    const start = () => {
      if (
        !started &&
        status.info &&
        (!status.problem || status.problem.kind === 'version')
      ) {
        started = true;
        void tree.start();
      }
    };
    void Promise.all([status.ready, app.restored]).then(start);
    status.changed.connect(start);
    clients.regionChanged.connect(() => void tree.start());
  }
};

export default dataPlugin;
