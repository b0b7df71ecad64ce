import type { ClusterSummary } from '@aws-sdk/client-emr';
import type { Session } from '@aws-sdk/client-glue';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import React, { useState } from 'react';
import type { SortKey, StateGroup } from '../core/ResourceListModel';
import { ResourceList, useSignalValue } from '../ui';
import { ListRefreshStatus } from '../ui/ListRefreshStatus';
import { ClusterListModel } from './ClusterListModel';
import { ClusterRow } from './ClusterRow';
import { CommandIDs } from './commands';
import { SessionListModel } from './SessionListModel';
import { SessionRow } from './SessionRow';

export interface IComputePanelProps {
  clusters: ClusterListModel;
  sessions: SessionListModel;
  commands: CommandRegistry;
  account: () => string;
  trans: TranslationBundle;
}

/** The Compute section: EMR clusters and Glue sessions, live. */
export function ComputePanel(props: IComputePanelProps): JSX.Element {
  const { clusters, sessions, commands, trans } = props;
  useSignalValue(clusters.changed, () => clusters.visible);
  useSignalValue(sessions.changed, () => sessions.visible);
  useSignalValue(commands.commandChanged, () => null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (key: string) => {
    const next = new Set(open);
    next.has(key) ? next.delete(key) : next.add(key);
    setOpen(next);
  };
  const setGroup = (g: StateGroup) => {
    clusters.group = g;
    sessions.group = g;
  };
  const setSearch = (text: string) => {
    clusters.search = text;
    sessions.search = text;
  };
  const setSort = (s: SortKey) => {
    clusters.sort = s;
    sessions.sort = s;
  };

  return (
    <div className="jp-AwsSparkML-compute">
      <div className="jp-AwsSparkML-compute-actions">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={!commands.isEnabled(CommandIDs.provisionCluster)}
          onClick={() => void commands.execute(CommandIDs.provisionCluster)}
        >
          {trans.__('Provision cluster')}
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          disabled={!commands.isEnabled(CommandIDs.createSession)}
          onClick={() => void commands.execute(CommandIDs.createSession)}
        >
          {trans.__('Create Glue session')}
        </button>
      </div>
      <div className="jp-AwsSparkML-compute-filters">
        <input
          type="search"
          className="jp-mod-styled"
          aria-label={trans.__('Search clusters and sessions by name or id')}
          placeholder={trans.__('Search name or id')}
          value={clusters.search}
          onChange={e => setSearch(e.target.value)}
        />
        <button
          type="button"
          className="jp-AwsSparkML-iconButton"
          aria-label={trans.__('Refresh clusters and sessions')}
          title={trans.__('Refresh clusters and sessions')}
          onClick={() => void commands.execute(CommandIDs.refresh)}
        >
          <refreshIcon.react tag="span" elementSize="small" />
        </button>
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Which states to show')}
          value={clusters.group}
          onChange={e => setGroup(e.target.value as StateGroup)}
        >
          <option value="active">{trans.__('Active')}</option>
          <option value="all">{trans.__('All')}</option>
        </select>
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Sort by')}
          value={clusters.sort}
          onChange={e => setSort(e.target.value as SortKey)}
        >
          <option value="created">{trans.__('Newest')}</option>
          <option value="name">{trans.__('Name')}</option>
          <option value="state">{trans.__('State')}</option>
        </select>
      </div>

      <h3 className="jp-AwsSparkML-subheading">
        {trans.__('EMR clusters (%1)', clusters.visible.length)}
      </h3>
      <ListRefreshStatus list={clusters} trans={trans} />
      <ResourceList<ClusterSummary>
        items={clusters.visible}
        getKey={c => c.Id ?? ''}
        getLabel={c => c.Name ?? c.Id ?? ''}
        label={trans.__('EMR clusters')}
        empty={
          clusters.loaded
            ? trans.__('No clusters in this view.')
            : trans.__('Loading…')
        }
        renderRow={c => (
          <ClusterRow
            cluster={c}
            expanded={open.has(`emr:${c.Id}`)}
            onToggle={() => toggle(`emr:${c.Id}`)}
            model={clusters}
            commands={commands}
            trans={trans}
          />
        )}
      />

      <h3 className="jp-AwsSparkML-subheading">
        {trans.__('Glue sessions (%1)', sessions.visible.length)}
      </h3>
      <ListRefreshStatus list={sessions} trans={trans} />
      <ResourceList<Session>
        items={sessions.visible}
        getKey={s => s.Id ?? ''}
        getLabel={s => s.Id ?? ''}
        label={trans.__('Glue sessions')}
        empty={
          sessions.loaded
            ? trans.__('No sessions in this view.')
            : trans.__('Loading…')
        }
        renderRow={s => (
          <SessionRow
            session={s}
            expanded={open.has(`glue:${s.Id}`)}
            onToggle={() => toggle(`glue:${s.Id}`)}
            model={sessions}
            account={props.account()}
            commands={commands}
            trans={trans}
          />
        )}
      />
    </div>
  );
}

/** The widget in the sidebar section; pauses polling while hidden. */
export class ComputeWidget extends ReactWidget {
  constructor(private readonly props: IComputePanelProps) {
    super();
    this.addClass('jp-AwsSparkML-computeWidget');
  }
  protected render(): JSX.Element {
    return <ComputePanel {...this.props} />;
  }
  protected onAfterShow(): void {
    this.props.clusters.setVisible(true);
    this.props.sessions.setVisible(true);
  }
  protected onAfterHide(): void {
    this.props.clusters.setVisible(false);
    this.props.sessions.setVisible(false);
  }
}
