import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { Poll } from '@lumino/polling';
import type { IAwsClients } from '../tokens';
import { changingFrequency, isTerminalJob } from './states';

/**
 * Polls DescribeTrainingJob until the job is Completed, Failed or Stopped,
 * then stops polling and resolves with the last answer.
 */
export function followJob(
  clients: IAwsClients,
  name: string,
  options: {
    intervalMs: number;
    onStatus?: (status: string, secondary: string) => void;
    /** Give up after this many failed reads in a row (the poll backs off between them). */
    maxFailures?: number;
  }
): Promise<DescribeTrainingJobResponse> {
  return new Promise((resolve, reject) => {
    let failures = 0;
    let last = '';
    const poll: Poll = new Poll({
      auto: true,
      factory: async () => {
        let job: DescribeTrainingJobResponse;
        try {
          const { DescribeTrainingJobCommand } =
            await import('@aws-sdk/client-sagemaker');
          const sm = await clients.client('sagemaker');
          job = await sm.send(
            new DescribeTrainingJobCommand({ TrainingJobName: name })
          );
          failures = 0;
        } catch (err) {
          if (++failures >= (options.maxFailures ?? 5)) {
            poll.dispose();
            reject(err);
          }
          throw err;
        }
        const now = `${job.TrainingJobStatus}/${job.SecondaryStatus}`;
        if (now !== last) {
          last = now;
          options.onStatus?.(
            job.TrainingJobStatus ?? '',
            job.SecondaryStatus ?? ''
          );
        }
        if (isTerminalJob(job.TrainingJobStatus)) {
          poll.dispose();
          resolve(job);
        }
      },
      frequency: changingFrequency(options.intervalMs),
      standby: 'when-hidden',
      name: `aws-spark-ml:follow-training:${name}`
    });
  });
}
