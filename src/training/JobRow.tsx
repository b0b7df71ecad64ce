import type {
  DescribeTrainingJobResponse,
  TrainingJobSummary
} from '@aws-sdk/client-sagemaker';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretRightIcon } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import React, { useEffect } from 'react';
import { formatDuration } from '../core/format';
import { SharedCommandIDs } from '../tokens';
import type { IAwsClients } from '../tokens';
import { CopyButton, StatusBadge } from '../ui';
import { CommandIDs } from './commands';
import { JobDetails } from './JobDetails';
import { JobLogs } from './JobLogs';
import { isTerminalJob } from './states';
import type { TrainingJobListModel } from './TrainingJobListModel';

export interface IJobRowProps {
  job: TrainingJobSummary;
  expanded: boolean;
  onToggle: () => void;
  model: TrainingJobListModel;
  clients: IAwsClients;
  commands: CommandRegistry;
  intervalMs: number;
  trans: TranslationBundle;
}

/** Seconds the job has run (so far, while it runs). */
export function jobSeconds(
  d: DescribeTrainingJobResponse | undefined,
  now = Date.now()
): number | undefined {
  if (d?.TrainingTimeInSeconds !== undefined) {
    return d.TrainingTimeInSeconds;
  }
  const start = d?.TrainingStartTime?.getTime();
  return start ? (now - start) / 1000 : undefined;
}

export function JobRow(props: IJobRowProps): JSX.Element {
  const { job, expanded, trans, model } = props;
  const name = job.TrainingJobName ?? '';
  const d = model.details(name);
  const status = d?.TrainingJobStatus ?? job.TrainingJobStatus;
  const secondary = d?.SecondaryStatus ?? job.SecondaryStatus;
  const Caret = expanded ? caretDownIcon : caretRightIcon;
  useEffect(() => {
    model.watch(name, expanded);
  }, [name, expanded]);
  const metrics = (d?.FinalMetricDataList ?? []).map(
    m => `${m.MetricName} ${Number(m.Value).toPrecision(4)}`
  );
  const facts = [
    formatDuration(jobSeconds(d)),
    d?.BillableTimeInSeconds !== undefined
      ? trans.__('%1 s billable', d.BillableTimeInSeconds)
      : null,
    ...metrics
  ].filter(f => f && f !== '—');

  return (
    <div className="jp-AwsSparkML-jobRow" data-training-job={name}>
      <button
        type="button"
        className="jp-AwsSparkML-rowHeader"
        aria-expanded={expanded}
        aria-label={trans.__('%1, %2, %3', name, status ?? '', secondary ?? '')}
        onClick={props.onToggle}
      >
        <Caret.react tag="span" elementSize="small" />
        <span className="jp-AwsSparkML-rowName" title={name}>
          {name}
        </span>
        <StatusBadge state={status} title={d?.FailureReason ?? secondary} />
      </button>
      <div className="jp-AwsSparkML-rowFacts">
        {secondary && secondary !== status && (
          <span className="jp-AwsSparkML-secondary">{secondary}</span>
        )}
        {facts.map(f => (
          <span key={f as string}>{f}</span>
        ))}
      </div>
      {expanded && (
        <div
          className="jp-AwsSparkML-details"
          aria-label={trans.__('Details of %1', name)}
        >
          <div className="jp-AwsSparkML-idLine">
            <code>{name}</code>
            <CopyButton value={name} label={trans.__('Copy job name')} />
          </div>
          {d ? <JobDetails job={d} trans={trans} /> : trans.__('Loading…')}
          <div className="jp-AwsSparkML-actions">
            {status === 'Completed' &&
              props.commands.hasCommand(SharedCommandIDs.deployTrainingJob) && (
                <button
                  type="button"
                  className="jp-Button jp-mod-styled jp-mod-accept"
                  onClick={() =>
                    void props.commands.execute(
                      SharedCommandIDs.deployTrainingJob,
                      { name }
                    )
                  }
                >
                  {trans.__('Deploy')}
                </button>
              )}
            {!isTerminalJob(status) && status !== 'Stopping' && (
              <button
                type="button"
                className="jp-Button jp-mod-styled jp-mod-warn"
                onClick={() =>
                  void props.commands.execute(CommandIDs.stop, { name })
                }
              >
                {trans.__('Stop')}
              </button>
            )}
          </div>
          <JobLogs
            clients={props.clients}
            jobName={name}
            status={() => model.status(name)}
            intervalMs={props.intervalMs}
            trans={trans}
          />
        </div>
      )}
    </div>
  );
}
