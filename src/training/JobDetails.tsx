import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { formatDuration } from '../core/format';
import { CopyButton } from '../ui';
import { classifyImage } from './images';

/** Spot savings as AWS computes them: 1 − billable / training time. */
export function spotSavings(d: DescribeTrainingJobResponse): number | null {
  const t = d.TrainingTimeInSeconds;
  const b = d.BillableTimeInSeconds;
  if (!d.EnableManagedSpotTraining || !t || b === undefined) {
    return null;
  }
  return Math.max(0, 1 - b / t);
}

/** What DescribeTrainingJob says, in the order a person asks it. */
export function JobDetails(props: {
  job: DescribeTrainingJobResponse;
  trans: TranslationBundle;
}): JSX.Element {
  const { job: d, trans } = props;
  const image = d.AlgorithmSpecification?.TrainingImage ?? '';
  const kind = classifyImage(image);
  const hp = Object.entries(d.HyperParameters ?? {});
  const script = hp.some(([k]) => k === 'sagemaker_program');
  const algorithm = script
    ? trans.__(
        'Script mode (%1) on %2 %3',
        JSON.parse(d.HyperParameters!.sagemaker_program),
        kind.framework,
        kind.version
      )
    : kind.framework === 'xgboost'
      ? trans.__('Built-in XGBoost %1', kind.version)
      : trans.__('Custom image');
  const savings = spotSavings(d);
  const artifacts = d.ModelArtifacts?.S3ModelArtifacts;
  const stop = d.StoppingCondition;
  return (
    <dl>
      {d.FailureReason && (
        <>
          <dt>{trans.__('Failure reason')}</dt>
          <dd className="jp-AwsSparkML-failure">{d.FailureReason}</dd>
        </>
      )}
      <dt>{trans.__('Algorithm')}</dt>
      <dd title={image}>{algorithm}</dd>
      <dt>{trans.__('Image')}</dt>
      <dd>
        <code className="jp-AwsSparkML-wrap">{image}</code>
      </dd>
      <dt>{trans.__('Hyperparameters')}</dt>
      <dd>
        {hp.length
          ? hp
              .filter(([k]) => !k.startsWith('sagemaker_'))
              .map(([k, v]) => (
                <div key={k}>
                  <code>{`${k} = ${v}`}</code>
                </div>
              ))
          : '—'}
      </dd>
      <dt>{trans.__('Input channels')}</dt>
      <dd>
        {(d.InputDataConfig ?? []).map(c => (
          <div key={c.ChannelName} className="jp-AwsSparkML-wrap">
            <strong>{c.ChannelName}</strong> {c.DataSource?.S3DataSource?.S3Uri}{' '}
            {c.ContentType && `(${c.ContentType})`}
          </div>
        ))}
      </dd>
      <dt>{trans.__('Instances')}</dt>
      <dd>
        {`${d.ResourceConfig?.InstanceCount ?? 1} × ${d.ResourceConfig?.InstanceType ?? ''}`}
      </dd>
      <dt>{trans.__('Model')}</dt>
      <dd>
        {artifacts ? (
          <>
            <code className="jp-AwsSparkML-wrap">{artifacts}</code>
            <CopyButton
              value={artifacts}
              label={trans.__('Copy model location')}
            />
          </>
        ) : (
          trans.__(
            'not written yet — under %1',
            d.OutputDataConfig?.S3OutputPath ?? ''
          )
        )}
      </dd>
      <dt>{trans.__('Stopping condition')}</dt>
      <dd>
        {trans.__('max runtime %1', formatDuration(stop?.MaxRuntimeInSeconds))}
        {stop?.MaxWaitTimeInSeconds
          ? trans.__(', max wait %1', formatDuration(stop.MaxWaitTimeInSeconds))
          : ''}
      </dd>
      <dt>{trans.__('Spot')}</dt>
      <dd>
        {!d.EnableManagedSpotTraining
          ? trans.__('off (on-demand)')
          : savings === null
            ? trans.__('on')
            : trans.__('on — %1% saved', Math.round(savings * 100))}
      </dd>
      <dt>{trans.__('Role')}</dt>
      <dd className="jp-AwsSparkML-wrap">{d.RoleArn}</dd>
    </dl>
  );
}
