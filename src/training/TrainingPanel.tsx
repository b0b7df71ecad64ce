import type { TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import React, { useState } from 'react';
import type { IAwsClients } from '../tokens';
import { ResourceList, useSignalValue } from '../ui';
import { ListRefreshStatus } from '../ui/ListRefreshStatus';
import { CommandIDs } from './commands';
import { JobRow } from './JobRow';
import type { TrainingJobListModel } from './TrainingJobListModel';

export interface ITrainingPanelProps {
  jobs: TrainingJobListModel;
  clients: IAwsClients;
  commands: CommandRegistry;
  intervalMs: () => number;
  trans: TranslationBundle;
}

/** The Training section: jobs newest first, live, with their details and logs. */
export function TrainingPanel(props: ITrainingPanelProps): JSX.Element {
  const { jobs, commands, trans } = props;
  useSignalValue(jobs.changed, () => jobs.items);
  useSignalValue(commands.commandChanged, () => null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (name: string) => {
    const next = new Set(open);
    next.has(name) ? next.delete(name) : next.add(name);
    setOpen(next);
  };
  return (
    <div className="jp-AwsSparkML-training">
      <div className="jp-AwsSparkML-sectionActions">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={!commands.isEnabled(CommandIDs.launch)}
          onClick={() => void commands.execute(CommandIDs.launch)}
        >
          {trans.__('Launch training job')}
        </button>
        <button
          type="button"
          className="jp-AwsSparkML-iconButton"
          aria-label={trans.__('Refresh training jobs')}
          title={trans.__('Refresh training jobs')}
          onClick={() => void commands.execute(CommandIDs.refresh)}
        >
          <refreshIcon.react tag="span" elementSize="small" />
        </button>
      </div>
      <ListRefreshStatus list={jobs} trans={trans} />
      <ResourceList<TrainingJobSummary>
        items={jobs.items}
        getKey={j => j.TrainingJobName ?? ''}
        getLabel={j => j.TrainingJobName ?? ''}
        label={trans.__('Training jobs')}
        rowHeight={48}
        empty={
          jobs.loaded
            ? trans.__('No training jobs yet. Launch one to train a model.')
            : trans.__('Loading…')
        }
        renderRow={j => (
          <JobRow
            job={j}
            expanded={open.has(j.TrainingJobName ?? '')}
            onToggle={() => toggle(j.TrainingJobName ?? '')}
            model={jobs}
            clients={props.clients}
            commands={commands}
            intervalMs={props.intervalMs()}
            trans={trans}
          />
        )}
      />
      {jobs.hasMore && (
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-AwsSparkML-loadMore"
          onClick={() => jobs.loadMore()}
        >
          {trans.__('Show older jobs')}
        </button>
      )}
    </div>
  );
}

/** The widget in the sidebar section; polling stands by while it is hidden. */
export class TrainingWidget extends ReactWidget {
  constructor(private readonly props: ITrainingPanelProps) {
    super();
    this.addClass('jp-AwsSparkML-trainingWidget');
  }
  protected render(): JSX.Element {
    return <TrainingPanel {...this.props} />;
  }
  protected onAfterShow(): void {
    this.props.jobs.setVisible(true);
  }
  protected onAfterHide(): void {
    this.props.jobs.setVisible(false);
  }
}
