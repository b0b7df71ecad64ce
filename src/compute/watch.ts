// TODO(#14 integration): remove once ClusterActions/ComputeActions use core/watchResource.
import { IWatch, watchResource } from '../core/watchResource';

/** Follows one resource's state (a string read) until `isDone(state)`. */
export function watchState(options: {
  read: () => Promise<string | undefined>;
  isDone: (state: string) => boolean;
  onState?: (state: string) => void;
  intervalMs: number;
  name?: string;
}): IWatch<string> {
  return watchResource<string>({
    read: async () => (await options.read()) ?? '',
    state: s => s,
    // An empty read (no state yet) is not done, and not reported.
    isDone: s => !!s && options.isDone(s),
    onState: s => s && options.onState?.(s),
    intervalMs: options.intervalMs,
    name: options.name ?? 'aws-spark-ml:watch'
  });
}
