import type { ClusterState } from '@aws-sdk/client-emr';
import type { SessionStatus } from '@aws-sdk/client-glue';

export type { ClusterState, SessionStatus };

/** EMR's own "active" states, sent as ListClusters' ClusterStates filter. */
export const ACTIVE_CLUSTER_STATES: ClusterState[] = [
  'STARTING',
  'BOOTSTRAPPING',
  'RUNNING',
  'WAITING',
  'TERMINATING'
];
/** States that will change without anyone acting: poll faster. */
export const CHANGING_CLUSTER_STATES = new Set<string>([
  'STARTING',
  'BOOTSTRAPPING',
  'TERMINATING'
]);
export const TERMINAL_CLUSTER_STATES = new Set<string>([
  'TERMINATED',
  'TERMINATED_WITH_ERRORS'
]);

export const ACTIVE_SESSION_STATES = new Set<string>([
  'PROVISIONING',
  'READY',
  'STOPPING'
]);
export const CHANGING_SESSION_STATES = new Set<string>([
  'PROVISIONING',
  'STOPPING'
]);
export const TERMINAL_SESSION_STATES = new Set<string>([
  'STOPPED',
  'FAILED',
  'TIMEOUT'
]);
/** Sessions in these states cannot be restarted; offer to recreate them. */
export const RECREATABLE_SESSION_STATES = new Set<string>([
  'FAILED',
  'TIMEOUT'
]);
