import { Poll } from '@lumino/polling';

export interface IWatch {
  /** Resolves with the state that ended the watch. */
  readonly done: Promise<string>;
  dispose(): void;
}

/**
 * Polls one resource's state until `isDone(state)`, then stops polling.
 * Used to follow a new cluster to WAITING (or a terminal state) after a click.
 */
export function watchState(options: {
  read: () => Promise<string | undefined>;
  isDone: (state: string) => boolean;
  onState?: (state: string) => void;
  intervalMs: number;
  name?: string;
}): IWatch {
  let resolve!: (s: string) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Mark as handled: a watch disposed before anyone awaits it is not an error.
  done.catch(() => undefined);
  let failures = 0;
  const poll = new Poll({
    auto: true,
    factory: async () => {
      let state: string | undefined;
      try {
        state = await options.read();
        failures = 0;
      } catch (err) {
        // Give up after repeated failures; the poll backs off between them.
        if (++failures >= 5) {
          reject(err);
          poll.dispose();
        }
        throw err;
      }
      if (state) {
        options.onState?.(state);
        if (options.isDone(state)) {
          resolve(state);
          poll.dispose();
        }
      }
    },
    frequency: {
      interval: options.intervalMs,
      backoff: true,
      max: Math.max(options.intervalMs * 12, 60_000)
    },
    standby: 'when-hidden',
    name: options.name ?? 'aws-spark-ml:watch'
  });
  return {
    done,
    dispose: () => {
      poll.dispose();
      reject(new Error('Watch disposed'));
    }
  };
}
