import type {
  SecondaryStatus,
  TrainingJobStatus
} from '@aws-sdk/client-sagemaker';
import type { IPoll } from '@lumino/polling';

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

/** The settings' interval, backing off on errors up to a minute or more. */
export function steadyFrequency(intervalMs: number): IPoll.Frequency {
  return {
    interval: intervalMs,
    backoff: true,
    max: Math.max(intervalMs * 12, 60_000)
  };
}

/** While a job runs: 2.5× faster, never under 1 s. */
export function changingFrequency(intervalMs: number): IPoll.Frequency {
  return {
    ...steadyFrequency(intervalMs),
    interval: Math.max(1000, Math.round(intervalMs / 2.5))
  };
}

/** "1 h 2 min", "3 min 4 s", "5 s". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '—';
  }
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) {
    return `${h} h ${m} min`;
  }
  return m ? `${m} min ${s % 60} s` : `${s} s`;
}

/** "3 min ago", "2 h ago", "4 d ago". */
export function formatAge(from: Date | undefined, now = Date.now()): string {
  if (!from) {
    return '—';
  }
  const s = Math.max(0, (now - from.getTime()) / 1000);
  if (s < 60) {
    return `${Math.floor(s)} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} h`;
  }
  return `${Math.floor(s / 86400)} d`;
}
