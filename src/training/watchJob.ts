import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { changingFrequency } from '../core/frequency';
import { watchResource } from '../core/watchResource';
import type { IAwsClients } from '../tokens';
import { isTerminalJob } from './states';

/**
 * Follows a training job (DescribeTrainingJob) until it is Completed, Failed
 * or Stopped; resolves with the last answer.
 */
export function followJob(
  clients: IAwsClients,
  name: string,
  options: {
    /** The settings' polling interval; a running job is read 2.5× faster. */
    intervalMs: number;
    /** Called when the status or the secondary status changes. */
    onStatus?: (status: string, secondary: string) => void;
    /** Give up after this many failed reads in a row. */
    maxFailures?: number;
  }
): Promise<DescribeTrainingJobResponse> {
  return watchResource({
    read: async () => {
      const { DescribeTrainingJobCommand } =
        await import('../aws/sdk/sagemaker');
      const sm = await clients.client('sagemaker');
      return sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    },
    // The secondary status (Downloading, Training, Uploading…) is what moves.
    state: job => `${job.TrainingJobStatus}/${job.SecondaryStatus}`,
    isDone: state => isTerminalJob(state.split('/')[0]),
    onState: (_, job) =>
      options.onStatus?.(
        job.TrainingJobStatus ?? '',
        job.SecondaryStatus ?? ''
      ),
    intervalMs: changingFrequency(options.intervalMs).interval,
    maxFailures: options.maxFailures,
    name: `aws-spark-ml:follow-training:${name}`
  }).done;
}
