import type { Table } from '@aws-sdk/client-glue';
import type { JupyterFrontEnd } from '@jupyterlab/application';
import {
  INotebookTracker,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';
import { runQuietly } from '../core/kernelProtocol';
import type { IAttachments } from '../tokens';
import {
  IPreviewRows,
  notebookCell,
  parsePreview,
  previewCode
} from './sparkRead';

/** Thrown when Preview needs a notebook with Spark attached first. */
export class NotAttachedError extends Error {
  readonly name = 'NotAttachedError';
}

/**
 * The notebook side of the Data panel: inserts reading cells, and runs the
 * Preview in the notebook's kernel, on whatever Spark it is attached to
 * (the attach feature says which, and attaches local Spark when asked).
 */
export class NotebookSpark {
  constructor(private readonly o: NotebookSpark.IOptions) {}

  /** The notebook in focus, or a new one with a Python kernel. */
  async notebook(create: boolean): Promise<NotebookPanel | null> {
    const current = this.o.tracker?.currentWidget ?? null;
    if (current || !create) {
      return current;
    }
    const panel = (await this.o.app.commands.execute('notebook:create-new', {
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
    const notebook = panel.content;
    NotebookActions.insertBelow(notebook);
    notebook.activeCell?.model.sharedModel.setSource(notebookCell(table));
    this.o.app.shell.activateById(panel.id);
    return panel;
  }

  /** Attaches `panel` to local Spark as the toolbar would; true when Spark answered. */
  async attachLocal(panel: NotebookPanel): Promise<boolean> {
    this.o.app.shell.activateById(panel.id);
    const report = await this._attachments().attach(panel, {
      target: 'local',
      id: 'local',
      region: ''
    });
    return report?.event === 'connected';
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
    if (!(await this._attachments().current(panel))) {
      throw new NotAttachedError('This notebook is not attached to Spark.');
    }
    const out = await runQuietly(panel.sessionContext, code);
    const parsed = parsePreview(out.text);
    if (!parsed) {
      throw new Error(
        out.error ?? (out.text.trim() || 'Spark returned no rows.')
      );
    }
    return parsed;
  }

  private _attachments(): IAttachments {
    if (!this.o.attachments) {
      throw new Error(
        'Preview needs the attach feature (jupyterlab-aws-spark-ml:attach), which is disabled.'
      );
    }
    return this.o.attachments;
  }
}

export namespace NotebookSpark {
  export interface IOptions {
    app: JupyterFrontEnd;
    tracker: INotebookTracker | null;
    /** Which Spark a notebook is attached to; null when attach is disabled. */
    attachments: IAttachments | null;
  }
}
