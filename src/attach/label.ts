import type { TranslationBundle } from '@jupyterlab/translation';
import { StatusTone, statusTone } from '../ui/StatusBadge';
import type { IAttachment, SparkTarget } from './connectCell';

/**
 * Where the notebook's attachment stands, from the kernel's point of view.
 * `disconnected`: the notebook names a target but its kernel has no
 * connection (new kernel, restart, or `%aws_spark disconnect`).
 */
export type AttachPhase =
  'disconnected' | 'connecting' | 'connected' | 'failed' | 'detaching';

/** What the toolbar item shows. */
export interface IAttachView {
  attachment: IAttachment | null;
  phase: AttachPhase;
  /** The cluster's or session's state as AWS names it (WAITING, READY …). */
  remoteState: string | null;
}

/** Ids are long: `j-1ABCDEFGHIJK` → `j-1ABC…`. */
export function shortId(target: SparkTarget, id: string): string {
  if (target === 'local') {
    return 'local';
  }
  const keep = target === 'emr' ? 6 : 16;
  return id.length > keep + 2 ? `${id.slice(0, keep)}…` : id;
}

/** The state part of the label: AWS's own words when connected. */
export function stateText(view: IAttachView, trans: TranslationBundle): string {
  switch (view.phase) {
    case 'connecting':
      return trans.__('connecting…');
    case 'detaching':
      return trans.__('detaching…');
    case 'failed':
      return trans.__('failed');
    case 'disconnected':
      return trans.__('not connected');
    case 'connected':
      if (view.attachment?.target === 'local') {
        return trans.__('ready');
      }
      return view.remoteState ?? trans.__('connected');
  }
}

/** `Spark: j-1ABC… · WAITING`, `Spark: local · ready`, `Spark: none`. */
export function toolbarLabel(
  view: IAttachView,
  trans: TranslationBundle
): string {
  const a = view.attachment;
  if (!a) {
    return trans.__('Spark: none');
  }
  return trans.__(
    'Spark: %1 · %2',
    shortId(a.target, a.id),
    stateText(view, trans)
  );
}

/** What kind of thing it is, in words, for tooltips and notifications. */
export function targetText(a: IAttachment, trans: TranslationBundle): string {
  switch (a.target) {
    case 'emr':
      return trans.__('EMR cluster %1', a.id);
    case 'glue':
      return trans.__('Glue session %1', a.id);
    case 'local':
      return trans.__('local Spark');
  }
}

/** The colour of the dot before the label. */
export function labelTone(view: IAttachView): StatusTone {
  switch (view.phase) {
    case 'connecting':
    case 'detaching':
      return 'busy';
    case 'failed':
      return 'error';
    case 'disconnected':
      return view.attachment ? 'idle' : 'unknown';
    case 'connected':
      return view.remoteState ? statusTone(view.remoteState) : 'ok';
  }
}
