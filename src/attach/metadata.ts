import type { INotebookModel } from '@jupyterlab/notebook';
import {
  CONNECT_CELL_METADATA,
  IAttachment,
  isConnectCell,
  METADATA_KEY,
  SparkTarget
} from './connectCell';

const TARGETS: SparkTarget[] = ['emr', 'glue', 'local'];

/**
 * The attachment in a notebook's `aws_spark_ml` metadata, or null when there
 * is none or it is malformed (a hand-edited notebook must not break opening).
 */
export function readAttachment(ours: unknown): IAttachment | null {
  const a = (ours as Record<string, any> | null | undefined)?.attachment;
  if (
    !a ||
    typeof a !== 'object' ||
    !TARGETS.includes(a.target) ||
    typeof a.id !== 'string' ||
    !a.id
  ) {
    return null;
  }
  return {
    target: a.target,
    id: a.id,
    region: typeof a.region === 'string' ? a.region : ''
  };
}

/**
 * Our metadata object with `attachment` set (or removed when null); other
 * keys someone put there are kept.
 */
export function withAttachment(
  ours: unknown,
  attachment: IAttachment | null
): Record<string, any> {
  const next: Record<string, any> = {
    ...((ours && typeof ours === 'object' ? ours : {}) as object)
  };
  if (attachment) {
    next.attachment = {
      target: attachment.target,
      id: attachment.id,
      region: attachment.region
    };
  } else {
    delete next.attachment;
  }
  return next;
}

export function getNotebookAttachment(
  model: INotebookModel
): IAttachment | null {
  return readAttachment(model.getMetadata(METADATA_KEY));
}

export function setNotebookAttachment(
  model: INotebookModel,
  attachment: IAttachment | null
): void {
  const next = withAttachment(model.getMetadata(METADATA_KEY), attachment);
  if (Object.keys(next).length) {
    model.setMetadata(METADATA_KEY, next);
  } else {
    model.deleteMetadata(METADATA_KEY);
  }
}

/** Indexes of the cells we wrote, top first. */
export function connectCellIndexes(model: INotebookModel): number[] {
  const out: number[] = [];
  model.sharedModel.cells.forEach((cell, index) => {
    if (isConnectCell(cell.getMetadata())) {
      out.push(index);
    }
  });
  return out;
}

/**
 * Puts one connect cell with `source` at the top, replacing any earlier one
 * Returns its index: always 0.
 */
export function writeConnectCell(model: INotebookModel, source: string): 0 {
  const shared = model.sharedModel;
  shared.transact(() => {
    for (const index of connectCellIndexes(model).reverse()) {
      shared.deleteCell(index);
    }
  });
  // Not inside the transaction: ydoc fills a new cell before it joins the document.
  shared.insertCell(0, {
    cell_type: 'code',
    source,
    metadata: JSON.parse(JSON.stringify(CONNECT_CELL_METADATA))
  });
  return 0;
}

/**
 * Removes our connect cell after a detach, but only if nobody edited it
 * (`expected` is the text we would write now). Returns whether it did.
 */
export function removeConnectCell(
  model: INotebookModel,
  expected: string
): boolean {
  const shared = model.sharedModel;
  const indexes = connectCellIndexes(model).filter(
    i => shared.getCell(i).getSource().trim() === expected.trim()
  );
  if (!indexes.length) {
    return false;
  }
  shared.transact(() => {
    for (const index of indexes.reverse()) {
      shared.deleteCell(index);
    }
  });
  return true;
}
