import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import type { IAwsErrorDescription } from '../aws/errors';
import type { RetryReason } from '../core/retry';
import { ErrorPanel } from './ErrorPanel';

/** What a live list says when its last refresh failed. */
export interface IListRefreshState {
  error: IAwsErrorDescription | null;
  /** Set when the list retries by itself (see ResourceListModel.retrying). */
  retrying: RetryReason | null;
}

/**
 * A failed refresh that passes by itself (throttling, 5xx, dropped
 * connection) is a quiet "Retrying…" line above the rows still shown; one a
 * person must act on (access denied, bad region) is the full error panel.
 */
export function ListRefreshStatus(props: {
  list: IListRefreshState;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { error, retrying } = props.list;
  const { trans } = props;
  if (!error) {
    return null;
  }
  if (!retrying) {
    return <ErrorPanel error={error} />;
  }
  return (
    <div
      className="jp-AwsSparkML-retrying"
      role="status"
      title={`${error.title}: ${error.message}`}
    >
      {retrying === 'throttled'
        ? trans.__('Retrying… (throttled)')
        : trans.__('Retrying… (AWS error)')}
    </div>
  );
}
