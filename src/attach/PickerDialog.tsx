import type { ClusterSummary } from '@aws-sdk/client-emr';
import type { Session } from '@aws-sdk/client-glue';
import { Dialog, ReactWidget, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import React, { useEffect, useState } from 'react';
import type { IAwsClients, ICompute } from '../tokens';
import { ErrorPanel } from '../ui/ErrorPanel';
import { useSignalValue } from '../ui/hooks';
import { StatusBadge } from '../ui/StatusBadge';
import type { IAttachment } from './connectCell';
import { targetText } from './label';

/** Where Spark cells can run right now: EMR WAITING/RUNNING, Glue READY. */
export interface ITargets {
  clusters: ClusterSummary[];
  sessions: Session[];
}

export function attachableTargets(compute: ICompute): ITargets {
  return {
    clusters: compute.clusters.items.filter(c =>
      ['WAITING', 'RUNNING'].includes(c.Status?.State ?? '')
    ),
    sessions: compute.sessions.items.filter(s => s.Status === 'READY')
  };
}

/**
 * The Compute lists, read fresh once when the picker opens (they wait in
 * standby while the Compute section is closed), then followed live.
 */
function useTargets(compute: ICompute | null) {
  useEffect(() => {
    // A failure shows as the list's error.
    void compute?.clusters.refresh().catch(() => undefined);
    void compute?.sessions.refresh().catch(() => undefined);
  }, [compute]);
  const clusters = useSignalValue(
    compute?.clusters.changed ?? NEVER,
    () => compute?.clusters.loaded
  );
  const sessions = useSignalValue(
    compute?.sessions.changed ?? NEVER,
    () => compute?.sessions.loaded
  );
  return {
    targets:
      compute && clusters && sessions ? attachableTargets(compute) : null,
    error: compute?.clusters.error ?? compute?.sessions.error ?? null
  };
}

const NEVER = new Signal<unknown, void>({});

interface IOption {
  attachment: IAttachment;
  title: string;
  detail: string;
  state?: string;
}

function TargetOption(props: {
  option: IOption;
  checked: boolean;
  onSelect: () => void;
}): JSX.Element {
  const { attachment, title, detail, state } = props.option;
  return (
    <label className="jp-AwsSparkML-attachOption">
      <input
        type="radio"
        name="aws-spark-ml-attach-target"
        value={`${attachment.target}:${attachment.id}`}
        checked={props.checked}
        onChange={props.onSelect}
      />
      <span className="jp-AwsSparkML-attachOption-text">
        <span className="jp-AwsSparkML-attachOption-title">{title}</span>
        <span className="jp-AwsSparkML-attachOption-detail">{detail}</span>
      </span>
      {state && <StatusBadge state={state} />}
    </label>
  );
}

/** The picker's body: Compute's attachable clusters and sessions, and local Spark. */
export function Picker(props: {
  compute: ICompute | null;
  region: string;
  current: IAttachment | null;
  trans: TranslationBundle;
  onSelect: (a: IAttachment) => void;
}): JSX.Element {
  const { trans, region } = props;
  const local: IOption = {
    attachment: { target: 'local', id: 'local', region },
    title: trans.__('Local Spark'),
    detail: trans.__('Spark in this notebook’s kernel, on the Jupyter server')
  };
  const { targets, error } = useTargets(props.compute);
  const [selected, setSelected] = useState<IAttachment>(
    props.current ?? local.attachment
  );
  const select = (a: IAttachment) => {
    setSelected(a);
    props.onSelect(a);
  };
  useEffect(() => props.onSelect(selected), []);

  const clusters: IOption[] = (targets?.clusters ?? []).map(c => ({
    attachment: { target: 'emr', id: c.Id ?? '', region },
    title: c.Name ?? c.Id ?? '',
    detail: c.Id ?? '',
    state: c.Status?.State
  }));
  const sessions: IOption[] = (targets?.sessions ?? []).map(s => ({
    attachment: { target: 'glue', id: s.Id ?? '', region },
    title: s.Id ?? '',
    detail: trans.__(
      'Glue %1 · %2 × %3',
      s.GlueVersion ?? '?',
      s.NumberOfWorkers ?? '?',
      s.WorkerType ?? '?'
    ),
    state: s.Status
  }));
  const group = (title: string, options: IOption[], empty: string) => (
    <fieldset className="jp-AwsSparkML-attachGroup">
      <legend>{title}</legend>
      {!targets && !error && (
        <div className="jp-AwsSparkML-attachEmpty">{trans.__('Loading…')}</div>
      )}
      {targets && !options.length && (
        <div className="jp-AwsSparkML-attachEmpty">{empty}</div>
      )}
      {options.map(o => (
        <TargetOption
          key={o.attachment.id}
          option={o}
          checked={
            selected.target === o.attachment.target &&
            selected.id === o.attachment.id
          }
          onSelect={() => select(o.attachment)}
        />
      ))}
    </fieldset>
  );
  return (
    <div className="jp-AwsSparkML-attachPicker">
      {props.current && (
        <p className="jp-AwsSparkML-attachCurrent">
          {trans.__('Attached to %1.', targetText(props.current, trans))}
        </p>
      )}
      {error && <ErrorPanel error={error} />}
      {props.compute &&
        group(
          trans.__('EMR clusters in %1', region),
          clusters,
          trans.__(
            'No WAITING or RUNNING cluster. Provision one in the Compute panel.'
          )
        )}
      {props.compute &&
        group(
          trans.__('Glue interactive sessions in %1', region),
          sessions,
          trans.__('No READY session. Create one in the Compute panel.')
        )}
      <fieldset className="jp-AwsSparkML-attachGroup">
        <legend>{trans.__('On this machine')}</legend>
        <TargetOption
          option={local}
          checked={selected.target === 'local'}
          onSelect={() => select(local.attachment)}
        />
      </fieldset>
    </div>
  );
}

class PickerBody
  extends ReactWidget
  implements Dialog.IBodyWidget<IAttachment | null>
{
  constructor(
    private readonly props: Omit<Parameters<typeof Picker>[0], 'onSelect'>
  ) {
    super();
    this.addClass('jp-AwsSparkML-attachPickerBody');
  }
  getValue(): IAttachment | null {
    return this._value;
  }
  render(): JSX.Element {
    return <Picker {...this.props} onSelect={a => (this._value = a)} />;
  }
  private _value: IAttachment | null = null;
}

/** What the person chose in the picker. */
export type PickerChoice =
  { action: 'attach'; attachment: IAttachment } | { action: 'detach' } | null;

/** Shows the attach picker; Detach is offered when already attached. */
export async function pickTarget(options: {
  clients: IAwsClients;
  /** The Compute section's lists; without it only local Spark is offered. */
  compute: ICompute | null;
  current: IAttachment | null;
  trans: TranslationBundle;
}): Promise<PickerChoice> {
  const { trans, clients, current } = options;
  await clients.ready;
  const body = new PickerBody({
    compute: options.compute,
    region: clients.region,
    current,
    trans
  });
  const buttons = [Dialog.cancelButton({ label: trans.__('Cancel') })];
  if (current) {
    buttons.push(
      Dialog.warnButton({ label: trans.__('Detach'), actions: ['detach'] })
    );
  }
  buttons.push(Dialog.okButton({ label: trans.__('Attach') }));
  const result = await showDialog({
    title: trans.__('Attach Notebook to Spark'),
    body,
    buttons
  });
  if (result.button.actions.includes('detach')) {
    return { action: 'detach' };
  }
  if (!result.button.accept || !result.value) {
    return null;
  }
  return { action: 'attach', attachment: result.value };
}
