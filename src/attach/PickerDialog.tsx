import type { ClusterSummary } from '@aws-sdk/client-emr';
import type { Session } from '@aws-sdk/client-glue';
import { Dialog, ReactWidget, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';
import { describeAwsError, IAwsErrorDescription } from '../aws/errors';
import { listAllClusters } from '../compute/ClusterListModel';
import { listAllSessions } from '../compute/SessionListModel';
import type { IAwsClients } from '../tokens';
import { ErrorPanel } from '../ui/ErrorPanel';
import { StatusBadge } from '../ui/StatusBadge';
import type { IAttachment } from './connectCell';
import { targetText } from './label';

/** Where Spark cells can run right now: EMR WAITING/RUNNING, Glue READY. */
export interface ITargets {
  clusters: ClusterSummary[];
  sessions: Session[];
}

export async function listAttachableTargets(
  clients: IAwsClients
): Promise<ITargets> {
  const [clusters, sessions] = await Promise.all([
    listAllClusters(clients, 'active'),
    listAllSessions(clients)
  ]);
  return {
    clusters: clusters.filter(c =>
      ['WAITING', 'RUNNING'].includes(c.Status?.State ?? '')
    ),
    sessions: sessions.filter(s => s.Status === 'READY')
  };
}

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

function Picker(props: {
  load: () => Promise<ITargets>;
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
  const [targets, setTargets] = useState<ITargets | null>(null);
  const [error, setError] = useState<IAwsErrorDescription | null>(null);
  const [selected, setSelected] = useState<IAttachment>(
    props.current ?? local.attachment
  );
  useEffect(() => {
    props.load().then(setTargets, e => setError(describeAwsError(e)));
  }, []);
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
      {group(
        trans.__('EMR clusters in %1', region),
        clusters,
        trans.__(
          'No WAITING or RUNNING cluster. Provision one in the Compute panel.'
        )
      )}
      {group(
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
  current: IAttachment | null;
  trans: TranslationBundle;
}): Promise<PickerChoice> {
  const { trans, clients, current } = options;
  await clients.ready;
  const body = new PickerBody({
    load: () => listAttachableTargets(clients),
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
