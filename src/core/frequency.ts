import type { IPoll } from '@lumino/polling';

/** While nothing changes: the settings' interval, backing off on errors up to a minute or more. */
export function steadyFrequency(intervalMs: number): IPoll.Frequency {
  return {
    interval: intervalMs,
    backoff: true,
    max: Math.max(intervalMs * 12, 60_000)
  };
}

/** While something starts, stops or runs: 2.5× faster (never under 1 s). */
export function changingFrequency(intervalMs: number): IPoll.Frequency {
  return {
    ...steadyFrequency(intervalMs),
    interval: Math.max(1000, Math.round(intervalMs / 2.5))
  };
}
