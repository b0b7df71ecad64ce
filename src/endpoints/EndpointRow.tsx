import type { EndpointSummary } from '@aws-sdk/client-sagemaker';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretRightIcon } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import React from 'react';
import type { IAwsClients } from '../tokens';
import { CopyButton, StatusBadge } from '../ui';
import { formatAge } from '../core/format';
import { CommandIDs } from './commands';
import {
  costsWhileIdle,
  EndpointListModel,
  IEndpointDetails
} from './EndpointListModel';
import { TestPanel } from './TestPanel';

/** "ml.m5.large × 1" or "serverless 2048 MB, ≤ 5 at once". */
export function hostingSummary(
  d: IEndpointDetails | undefined,
  trans: TranslationBundle
): string {
  const v = d?.config?.ProductionVariants?.[0];
  if (!v) {
    return '';
  }
  return v.ServerlessConfig
    ? trans.__(
        'serverless %1 MB, ≤ %2 at once',
        v.ServerlessConfig.MemorySizeInMB ?? 0,
        v.ServerlessConfig.MaxConcurrency ?? 0
      )
    : `${v.InstanceType ?? ''} × ${v.InitialInstanceCount ?? 1}`;
}

export function EndpointRow(props: {
  endpoint: EndpointSummary;
  expanded: boolean;
  onToggle: () => void;
  model: EndpointListModel;
  clients: IAwsClients;
  commands: CommandRegistry;
  trans: TranslationBundle;
}): JSX.Element {
  const { endpoint: e, trans, model } = props;
  const name = e.EndpointName ?? '';
  const d = model.details(name);
  const Caret = props.expanded ? caretDownIcon : caretRightIcon;
  const idle = costsWhileIdle(d);
  return (
    <div className="jp-AwsSparkML-endpointRow" data-endpoint={name}>
      <button
        type="button"
        className="jp-AwsSparkML-rowHeader"
        aria-expanded={props.expanded}
        aria-label={trans.__('%1, %2', name, e.EndpointStatus ?? '')}
        onClick={props.onToggle}
      >
        <Caret.react tag="span" elementSize="small" />
        <span className="jp-AwsSparkML-rowName" title={name}>
          {name}
        </span>
        <StatusBadge
          state={e.EndpointStatus}
          title={d?.endpoint.FailureReason}
        />
      </button>
      <div className="jp-AwsSparkML-rowFacts">
        <span>{hostingSummary(d, trans)}</span>
        <span title={e.CreationTime?.toLocaleString()}>
          {trans.__('%1 old', formatAge(e.CreationTime))}
        </span>
        {idle && (
          <span
            className="jp-AwsSparkML-costFlag"
            title={trans.__(
              'A real-time instance is billed every hour it runs, even with no requests. Delete it when done.'
            )}
          >
            {trans.__('costs while idle')}
          </span>
        )}
      </div>
      {props.expanded && (
        <div
          className="jp-AwsSparkML-details"
          aria-label={trans.__('Details of %1', name)}
        >
          <dl>
            <dt>{trans.__('Endpoint')}</dt>
            <dd>
              <code>{name}</code>{' '}
              <CopyButton value={name} label={trans.__('Copy endpoint name')} />
            </dd>
            {d?.endpoint.FailureReason && (
              <>
                <dt>{trans.__('Failure reason')}</dt>
                <dd className="jp-AwsSparkML-failure">
                  {d.endpoint.FailureReason}
                </dd>
              </>
            )}
            <dt>{trans.__('Configuration')}</dt>
            <dd className="jp-AwsSparkML-wrap">
              {d?.endpoint.EndpointConfigName ?? '—'}
            </dd>
            <dt>{trans.__('Model')}</dt>
            <dd className="jp-AwsSparkML-wrap">
              {d?.config?.ProductionVariants?.[0]?.ModelName ?? '—'}
            </dd>
            <dt>{trans.__('Created')}</dt>
            <dd>{e.CreationTime?.toLocaleString() ?? '—'}</dd>
          </dl>
          {e.EndpointStatus === 'InService' && (
            <TestPanel
              clients={props.clients}
              endpointName={name}
              trans={trans}
            />
          )}
          <div className="jp-AwsSparkML-actions">
            {e.EndpointStatus !== 'Deleting' && (
              <button
                type="button"
                className="jp-Button jp-mod-styled jp-mod-warn"
                onClick={() =>
                  void props.commands.execute(CommandIDs.deleteEndpoint, {
                    name
                  })
                }
              >
                {trans.__('Delete')}
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
