import type {
  SecondaryStatus,
  TrainingJobStatus
} from '@aws-sdk/client-sagemaker';

export type { SecondaryStatus, TrainingJobStatus };

/** A job in one of these never changes again: stop polling it. */
export const TERMINAL_JOB_STATES = new Set<string>([
  'Completed',
  'Failed',
  'Stopped'
]);
/** Changing by itself: poll faster. */
export const CHANGING_JOB_STATES = new Set<string>(['InProgress', 'Stopping']);

export function isTerminalJob(status: string | undefined): boolean {
  return TERMINAL_JOB_STATES.has(status ?? '');
}
