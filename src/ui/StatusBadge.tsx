import React from 'react';

export type StatusTone = 'ok' | 'busy' | 'idle' | 'error' | 'unknown';

const OK = new Set([
  'WAITING',
  'RUNNING',
  'READY',
  'InService',
  'Completed',
  'ACTIVE'
]);
const BUSY = new Set([
  'STARTING',
  'BOOTSTRAPPING',
  'PROVISIONING',
  'TERMINATING',
  'STOPPING',
  'Creating',
  'InProgress',
  'Updating',
  'Stopping',
  'SystemUpdating',
  'RollingBack'
]);
const IDLE = new Set([
  'TERMINATED',
  'STOPPED',
  'Stopped',
  'Deleting',
  'OutOfService'
]);
const ERROR = new Set(['FAILED', 'Failed', 'TIMEOUT', 'UpdateRollbackFailed']);

/** Which colour an AWS state gets. States are AWS's own strings, never renamed. */
export function statusTone(state: string | undefined): StatusTone {
  if (!state) {
    return 'unknown';
  }
  if (state.endsWith('_WITH_ERRORS') || ERROR.has(state)) {
    return 'error';
  }
  if (OK.has(state)) {
    return 'ok';
  }
  if (BUSY.has(state)) {
    return 'busy';
  }
  if (IDLE.has(state)) {
    return 'idle';
  }
  return 'unknown';
}

/** A small coloured pill showing an AWS state exactly as AWS names it. */
export function StatusBadge(props: {
  state: string | undefined;
  /** Shown as a tooltip, e.g. the state-change reason. */
  title?: string;
}): JSX.Element {
  const tone = statusTone(props.state);
  return (
    <span
      className={`jp-AwsSparkML-StatusBadge jp-mod-${tone}`}
      title={props.title}
      data-state={props.state}
    >
      {props.state ?? '—'}
    </span>
  );
}
