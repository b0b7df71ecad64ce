import { Poll } from '@lumino/polling';
import type { IAwsClients } from '../tokens';

/** What DescribeEndpoint says once the endpoint no longer exists. */
export const GONE = 'Gone';

/** ValidationException "Could not find endpoint …" means it is deleted. */
export function isEndpointGone(err: unknown): boolean {
  const e = err as Error | undefined;
  return (
    (e?.name === 'ValidationException' || e?.name === 'ResourceNotFound') &&
    /could not find/i.test(e?.message ?? '')
  );
}

/** Polls DescribeEndpoint until `isDone(status)` (status `Gone` once deleted), then stops. */
export function waitForEndpoint(
  clients: IAwsClients,
  name: string,
  options: {
    isDone: (status: string) => boolean;
    onStatus?: (status: string) => void;
    intervalMs: number;
  }
): Promise<{ status: string; failureReason?: string }> {
  return new Promise((resolve, reject) => {
    let failures = 0;
    let last = '';
    const poll: Poll = new Poll({
      auto: true,
      factory: async () => {
        let status: string;
        let failureReason: string | undefined;
        try {
          const { DescribeEndpointCommand } =
            await import('@aws-sdk/client-sagemaker');
          const sm = await clients.client('sagemaker');
          const out = await sm.send(
            new DescribeEndpointCommand({ EndpointName: name })
          );
          status = out.EndpointStatus ?? '';
          failureReason = out.FailureReason;
          failures = 0;
        } catch (err) {
          if (isEndpointGone(err)) {
            status = GONE;
          } else {
            if (++failures >= 5) {
              poll.dispose();
              reject(err);
            }
            throw err;
          }
        }
        if (status !== last) {
          last = status;
          options.onStatus?.(status);
        }
        if (options.isDone(status)) {
          poll.dispose();
          resolve({ status, failureReason });
        }
      },
      frequency: {
        interval: Math.max(1000, Math.round(options.intervalMs / 2.5)),
        backoff: true,
        max: Math.max(options.intervalMs * 12, 60_000)
      },
      standby: 'when-hidden',
      name: `aws-spark-ml:wait-endpoint:${name}`
    });
  });
}
