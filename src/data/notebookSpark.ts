import type { Table } from '@aws-sdk/client-glue';
import type { JupyterFrontEnd } from '@jupyterlab/application';
import {
  INotebookTracker,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';
import type { KernelMessage } from '@jupyterlab/services';
import {
  IPreviewRows,
  notebookCell,
  parsePreview,
  previewCode
} from './sparkRead';

/** The connect magic's structured line and MIME type (jupyterlab_aws_spark_ml/magics/announce.py). */
const CONNECTION_LINE = 'AWS_SPARK_ML ';
const CONNECTION_MIME = 'application/vnd.aws-spark-ml.connection+json';
export const ATTACH_LOCAL_CELL =
  '%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect local';

export interface IAttachment {
  attached: boolean;
  /** 'local', 'emr' or 'glue' when attached. */
  target?: string;
}

/** Thrown when Preview needs a notebook with Spark attached first. */
export class NotAttachedError extends Error {
  readonly name = 'NotAttachedError';
}

interface IRunOutput {
  text: string;
  connection: Record<string, unknown> | null;
  error: string | null;
}

/**
 * The notebook side of the Data panel: inserts reading cells, and runs the
 * Preview in the notebook's kernel, on whatever Spark it is attached to.
 */
export class NotebookSpark {
  constructor(
    private readonly app: JupyterFrontEnd,
    private readonly tracker: INotebookTracker | null
  ) {}

  get available(): boolean {
    return this.tracker !== null;
  }

  /** The notebook in focus, or a new one with a Python kernel. */
  async notebook(create: boolean): Promise<NotebookPanel | null> {
    const current = this.tracker?.currentWidget ?? null;
    if (current || !create) {
      return current;
    }
    const panel = (await this.app.commands.execute('notebook:create-new', {
      kernelName: 'python3'
    })) as NotebookPanel;
    await panel.context.ready;
    return panel;
  }

  /** Inserts the cell that reads `table` below the active cell and selects it. */
  async openInNotebook(table: Table): Promise<NotebookPanel | null> {
    const panel = await this.notebook(true);
    if (!panel) {
      return null;
    }
    this._insert(panel, notebookCell(table));
    this.app.shell.activateById(panel.id);
    return panel;
  }

  /** Inserts and runs `%aws_spark connect local`; resolves when it has run. */
  async attachLocal(panel: NotebookPanel): Promise<boolean> {
    this._insert(panel, ATTACH_LOCAL_CELL);
    this.app.shell.activateById(panel.id);
    return NotebookActions.run(panel.content, panel.sessionContext);
  }

  /** Asks the kernel what it is attached to (`%aws_spark status`). */
  async attachment(panel: NotebookPanel): Promise<IAttachment> {
    await panel.sessionContext.ready;
    const out = await this._execute(panel, '%aws_spark status');
    const event = out.connection ?? parseConnectionLine(out.text);
    if (
      out.error ||
      !event ||
      event.state === 'disconnected' ||
      event.state === 'stopped'
    ) {
      return { attached: false }; // e.g. the magic is not loaded: nothing attached
    }
    return { attached: true, target: String(event.target ?? '') };
  }

  /** The first `rows` rows of `table`, read by the notebook's attached Spark. */
  async preview(
    panel: NotebookPanel,
    table: Table,
    rows = 20
  ): Promise<IPreviewRows> {
    const code = previewCode(table, rows);
    if (!code) {
      throw new Error('This table has no S3 location in the catalog to read.');
    }
    const attachment = await this.attachment(panel);
    if (!attachment.attached) {
      throw new NotAttachedError('This notebook is not attached to Spark.');
    }
    const out = await this._execute(panel, code);
    const parsed = parsePreview(out.text);
    if (!parsed) {
      throw new Error(
        out.error ?? (out.text.trim() || 'Spark returned no rows.')
      );
    }
    return parsed;
  }

  private _insert(panel: NotebookPanel, source: string): void {
    const notebook = panel.content;
    NotebookActions.insertBelow(notebook);
    const cell = notebook.activeCell;
    if (cell) {
      cell.model.sharedModel.setSource(source);
    }
  }

  private async _execute(
    panel: NotebookPanel,
    code: string
  ): Promise<IRunOutput> {
    const kernel = panel.sessionContext.session?.kernel;
    if (!kernel) {
      throw new Error(
        'The notebook has no running kernel. Start one, then try again.'
      );
    }
    const out: IRunOutput = { text: '', connection: null, error: null };
    const future = kernel.requestExecute({
      code,
      silent: false,
      store_history: false
    });
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      const type = msg.header.msg_type;
      const content = msg.content as any;
      if (type === 'stream') {
        out.text += content.text;
      } else if (type === 'display_data' || type === 'execute_result') {
        if (content.data?.[CONNECTION_MIME]) {
          out.connection = content.data[CONNECTION_MIME];
        } else if (typeof content.data?.['text/plain'] === 'string') {
          out.text += content.data['text/plain'] + '\n';
        }
      } else if (type === 'error') {
        out.error = `${content.ename}: ${content.evalue}`;
      }
    };
    await future.done;
    return out;
  }
}

function parseConnectionLine(text: string): Record<string, unknown> | null {
  for (const line of text.split('\n')) {
    if (line.startsWith(CONNECTION_LINE)) {
      try {
        return JSON.parse(line.slice(CONNECTION_LINE.length));
      } catch {
        return null;
      }
    }
  }
  return null;
}
