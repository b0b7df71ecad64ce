import { Poll } from '@lumino/polling';
import { steadyFrequency } from './frequency';

/** The state a watched resource is in once AWS no longer knows it. */
export const GONE = 'Gone';

export interface IWatch<R> {
  /** Resolves with the answer that ended the watch (undefined once gone). */
  readonly done: Promise<R>;
  /** Stops polling; `done` rejects unless it already settled. */
  dispose(): void;
}

export interface IWatchOptions<R> {
  /** One Describe call. */
  read: () => Promise<R>;
  /** The resource's state in AWS's own words, e.g. `WAITING`, `InService`. */
  state: (r: R) => string;
  /** True for the state the watch waits for (usually every terminal state). */
  isDone: (state: string) => boolean;
  /** Called when the state changes (not on every read). */
  onState?: (state: string, r: R) => void;
  /**
   * Time between reads, backing off on errors. Something being watched is
   * changing, so callers pass `changingFrequency(settingsMs).interval`.
   */
  intervalMs: number;
  /** Give up after this many failed reads in a row (backing off between them). */
  maxFailures?: number;
  /**
   * Recognises "no such resource" errors: the watch then sees state `Gone`
   * with `undefined` as the answer, so it needs an `R` that admits undefined.
   */
  isGone?: undefined extends R ? (err: unknown) => boolean : never;
  /** The poll's name, for debugging. */
  name: string;
}

/**
 * Polls one resource until `isDone(state)`, then stops. Used to follow a
 * cluster to WAITING, a job to Completed, an endpoint to InService or Gone.
 * A resource that is gone before reaching a done state rejects at once: it
 * will not come back.
 */
export function watchResource<R>(options: IWatchOptions<R>): IWatch<R> {
  const maxFailures = options.maxFailures ?? 5;
  let resolve!: (r: R) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<R>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Mark as handled: a watch disposed before anyone awaits it is not an error.
  done.catch(() => undefined);
  let failures = 0;
  let last: string | undefined;

  const see = (state: string, r: R): boolean => {
    if (state !== last) {
      last = state;
      options.onState?.(state, r);
    }
    return options.isDone(state);
  };

  const poll = new Poll({
    auto: true,
    factory: async () => {
      let r: R;
      try {
        r = await options.read();
        failures = 0;
      } catch (err) {
        if (options.isGone?.(err)) {
          poll.dispose();
          see(GONE, undefined as R) ? resolve(undefined as R) : reject(err);
          return;
        }
        // Rejecting makes the poll back off; give up after repeated failures.
        if (++failures >= maxFailures) {
          poll.dispose();
          reject(err);
        }
        throw err;
      }
      if (see(options.state(r), r)) {
        poll.dispose();
        resolve(r);
      }
    },
    frequency: steadyFrequency(options.intervalMs),
    // A hidden browser tab does not need to know yet.
    standby: 'when-hidden',
    name: options.name
  });

  return {
    done,
    dispose: () => {
      poll.dispose();
      reject(new Error('Watch disposed'));
    }
  };
}
