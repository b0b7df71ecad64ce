/**
 * Attach and detach, as a person sees them: a connect cell at the top that
 * runs in the Python 3 kernel, a notification until Spark answers, and the
 * target kept in the notebook's metadata.
 */
import { Notification } from '@jupyterlab/apputils';
import { NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { AttachmentModel } from './AttachmentModel';
import {
  connectCellSource,
  DISCONNECT_CODE,
  IAttachment,
  isConnectCell
} from './connectCell';
import { IConnectionEvent, runQuietly } from '../core/kernelProtocol';
import { ensurePythonKernel } from './kernel';
import { targetText } from './label';
import {
  getNotebookAttachment,
  removeConnectCell,
  setNotebookAttachment,
  writeConnectCell
} from './metadata';
import {
  detailsAction,
  failureText,
  sparkUiAction,
  updateWithFailure
} from './notify';
import { connectResultFromOutputs, IOutputLike } from './result';

export interface IAttachContext {
  trans: TranslationBundle;
  /** The region kernels use when a connect cell names none (the server's). */
  defaultRegion: () => string;
}

/**
 * Writes and runs the connect cell; resolves with the magic's report (or
 * null when the cell could not even be written).
 */
export async function attachNotebook(
  panel: NotebookPanel,
  model: AttachmentModel,
  attachment: IAttachment,
  ctx: IAttachContext
): Promise<IConnectionEvent | null> {
  const { trans } = ctx;
  let source: string;
  try {
    source = connectCellSource(attachment, ctx.defaultRegion());
  } catch (e) {
    Notification.error((e as Error).message, { autoClose: false });
    return null;
  }
  await panel.context.ready;
  const notebook = panel.content;
  const notebookModel = notebook.model!;
  writeConnectCell(notebookModel, source);
  setNotebookAttachment(notebookModel, attachment);
  model.setAttachment(attachment);
  model.setPhase('connecting');

  const what = targetText(attachment, trans);
  const id = Notification.emit(
    trans.__('Attaching this notebook to %1…', what),
    'in-progress',
    { autoClose: false }
  );
  let result: IConnectionEvent | null = null;
  try {
    if (await ensurePythonKernel(panel.sessionContext)) {
      Notification.update({
        id,
        message: trans.__('Started the Python 3 kernel; attaching to %1…', what)
      });
    }
    const cell = notebook.widgets.find(w => isConnectCell(w.model.metadata));
    if (cell) {
      await NotebookActions.runCells(notebook, [cell], panel.sessionContext);
      const outputs = (cell.model.toJSON() as { outputs?: IOutputLike[] })
        .outputs;
      result = connectResultFromOutputs(outputs ?? []);
    }
  } catch (e) {
    result = {
      event: 'failed',
      target: attachment.target,
      reason: (e as Error).message,
      fix: trans.__('check the kernel, then run the connect cell again')
    };
  }
  result = result ?? {
    event: 'failed',
    target: attachment.target,
    reason: trans.__(
      'the connect cell did not finish (interrupted, or the kernel restarted)'
    ),
    fix: trans.__('run the connect cell at the top of the notebook again')
  };
  // The iopub listener has usually applied it already; this covers a cell
  // that failed before the magic could report.
  model.handleEvent(result);
  if (result.event === 'connected') {
    Notification.update({
      id,
      type: 'success',
      autoClose: 8000,
      message:
        attachment.target === 'local'
          ? trans.__(
              'Attached to local Spark: `spark` is ready in this kernel.'
            )
          : trans.__('Attached to %1. Plain cells now run on its Spark.', what),
      actions: sparkUiAction(result.sparkUi, trans)
    });
  } else {
    updateWithFailure(
      id,
      trans.__('Could not attach to %1:', what),
      failureText(result.reason ?? '', result.fix ?? '', trans),
      trans
    );
  }
  return result;
}

/**
 * Runs `%aws_spark disconnect` quietly (no cell), forgets the target, and
 * removes the connect cell if it is still the one we wrote.
 */
export async function detachNotebook(
  panel: NotebookPanel,
  model: AttachmentModel,
  ctx: IAttachContext
): Promise<void> {
  const { trans } = ctx;
  const notebookModel = panel.content.model;
  const attachment = notebookModel
    ? getNotebookAttachment(notebookModel)
    : null;
  const kernel = panel.sessionContext.session?.kernel;
  model.setPhase('detaching');
  let message = trans.__('This notebook is no longer attached to Spark.');
  let failed: string | null = null;
  if (kernel) {
    const { events, error } = await runQuietly(
      panel.sessionContext,
      DISCONNECT_CODE
    );
    const done = events.find(e => e.event === 'disconnected');
    if (done?.message) {
      message = done.message;
    } else if (error && !/NotConnected|needs an attached Spark/.test(error)) {
      failed = error;
    }
  }
  if (notebookModel) {
    setNotebookAttachment(notebookModel, null);
    if (attachment) {
      const expected = safeSource(attachment, ctx.defaultRegion());
      if (expected && !removeConnectCell(notebookModel, expected)) {
        message +=
          ' ' + trans.__('The connect cell was edited, so it is kept.');
      }
    }
  }
  model.setAttachment(null);
  model.setPhase('disconnected');
  if (failed) {
    Notification.warning(
      trans.__('Detached, but the kernel reported: %1', failed),
      { autoClose: false }
    );
  } else {
    Notification.success(message, {
      autoClose: 10000,
      actions: detailsAction(trans.__('Detached from Spark'), message, trans)
    });
  }
}

function safeSource(a: IAttachment, region: string): string | null {
  try {
    return connectCellSource(a, region);
  } catch {
    return null;
  }
}
