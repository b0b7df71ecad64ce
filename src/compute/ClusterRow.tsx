import type { ClusterSummary } from '@aws-sdk/client-emr';
import type { CommandRegistry } from '@lumino/commands';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretRightIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';
import { describeAwsError } from '../aws/errors';
import { SharedCommandIDs } from '../tokens';
import { CopyButton, ErrorPanel, IErrorExplanation, StatusBadge } from '../ui';
import { ClusterListModel, IClusterDetails } from './ClusterListModel';
import { CommandIDs } from './commands';

interface IRowProps {
  cluster: ClusterSummary;
  expanded: boolean;
  onToggle: () => void;
  model: ClusterListModel;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

export function ClusterRow(props: IRowProps): JSX.Element {
  const { cluster, expanded, trans } = props;
  const id = cluster.Id ?? '';
  const Caret = expanded ? caretDownIcon : caretRightIcon;
  return (
    <div className="jp-AwsSparkML-clusterRow" data-cluster-id={id}>
      <button
        type="button"
        className="jp-AwsSparkML-rowHeader"
        aria-expanded={expanded}
        aria-label={trans.__(
          '%1, %2, %3',
          cluster.Name ?? id,
          cluster.Status?.State ?? '',
          id
        )}
        onClick={props.onToggle}
      >
        <Caret.react tag="span" elementSize="small" />
        <span className="jp-AwsSparkML-rowName">{cluster.Name}</span>
        <StatusBadge
          state={cluster.Status?.State}
          title={cluster.Status?.StateChangeReason?.Message}
        />
      </button>
      {expanded && <ClusterDetails {...props} />}
    </div>
  );
}

function ClusterDetails(props: IRowProps): JSX.Element {
  const { cluster, model, commands, trans } = props;
  const id = cluster.Id ?? '';
  const state = cluster.Status?.State ?? '';
  const [details, setDetails] = useState<IClusterDetails | null>(
    model.cachedDetails(id) ?? null
  );
  const [error, setError] = useState<IErrorExplanation | null>(null);

  // One DescribeCluster when opened, again only when the state moves on.
  useEffect(() => {
    let live = true;
    model.details(id).then(
      d => live && setDetails(d),
      e => live && setError(describeAwsError(e, trans.__.bind(trans)))
    );
    return () => {
      live = false;
    };
  }, [id, state]);

  const c = details?.cluster;
  const time = (d?: Date) => (d ? d.toLocaleString() : '—');
  const idle = details?.idleTimeoutSeconds;
  const apps = c?.Applications?.map(a =>
    `${a.Name} ${a.Version ?? ''}`.trim()
  ).join(', ');
  const dns = c?.MasterPublicDnsName;
  const sparkUi =
    dns &&
    (state === 'WAITING' || state === 'RUNNING') &&
    c?.Applications?.some(a => a.Name === 'Spark')
      ? `http://${dns}:18080/`
      : null;
  const canAttach =
    commands.hasCommand(SharedCommandIDs.attachCluster) &&
    (state === 'WAITING' || state === 'RUNNING');

  return (
    <div
      className="jp-AwsSparkML-details"
      aria-label={trans.__('Details of %1', cluster.Name ?? id)}
    >
      <dl>
        <dt>{trans.__('Cluster id')}</dt>
        <dd>
          <code>{id}</code>{' '}
          <CopyButton value={id} label={trans.__('Copy cluster id')} />
        </dd>
        {cluster.Status?.StateChangeReason?.Message && (
          <>
            <dt>{trans.__('Reason')}</dt>
            <dd>{cluster.Status.StateChangeReason.Message}</dd>
          </>
        )}
        <dt>{trans.__('Created')}</dt>
        <dd>{time(cluster.Status?.Timeline?.CreationDateTime)}</dd>
        <dt>{trans.__('Ready')}</dt>
        <dd>{time(c?.Status?.Timeline?.ReadyDateTime)}</dd>
        {c && (
          <>
            <dt>{trans.__('Release')}</dt>
            <dd>{c.ReleaseLabel}</dd>
            <dt>{trans.__('Applications')}</dt>
            <dd>{apps || '—'}</dd>
            <dt>{trans.__('Instances')}</dt>
            <dd>
              {details.instanceGroups.map(g => (
                <div key={g.Id}>
                  {trans.__(
                    '%1: %2 × %3 (%4)',
                    g.InstanceGroupType ?? g.Name ?? '',
                    g.RunningInstanceCount ?? 0,
                    g.InstanceType ?? '',
                    g.Status?.State ?? ''
                  )}
                </div>
              ))}
              {details.instanceFleets.map(f => (
                <div key={f.Id}>
                  {trans.__(
                    '%1 fleet: %2 on-demand + %3 spot units (%4)',
                    f.InstanceFleetType ?? '',
                    f.ProvisionedOnDemandCapacity ?? 0,
                    f.ProvisionedSpotCapacity ?? 0,
                    f.Status?.State ?? ''
                  )}
                </div>
              ))}
            </dd>
            <dt>{trans.__('Primary node')}</dt>
            <dd>{dns ?? '—'}</dd>
            <dt>{trans.__('Auto-termination')}</dt>
            <dd>
              {idle === undefined
                ? trans.__('unknown')
                : idle === null
                  ? trans.__('off — the cluster runs until terminated')
                  : trans.__('after %1 min idle', Math.round(idle / 60))}
            </dd>
            <dt>{trans.__('Termination protection')}</dt>
            <dd>{c.TerminationProtected ? trans.__('on') : trans.__('off')}</dd>
            <dt>{trans.__('Tags')}</dt>
            <dd>
              {(c.Tags ?? [])
                .map(t => `${t.Key}=${t.Value ?? ''}`)
                .join(', ') || '—'}
            </dd>
          </>
        )}
      </dl>
      {error && <ErrorPanel error={error} />}
      <div className="jp-AwsSparkML-actions">
        {sparkUi && (
          <a href={sparkUi} target="_blank" rel="noopener noreferrer">
            {trans.__('Spark UI')}
          </a>
        )}
        {canAttach && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            onClick={() =>
              void commands.execute(SharedCommandIDs.attachCluster, {
                kind: 'emr',
                id
              })
            }
          >
            {trans.__('Attach to notebook')}
          </button>
        )}
        {!ClusterListModel.isTerminal(state) && state !== 'TERMINATING' && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-warn"
            onClick={() =>
              void commands.execute(CommandIDs.terminateCluster, { id })
            }
          >
            {trans.__('Terminate')}
          </button>
        )}
      </div>
    </div>
  );
}
