import type { DescribeEndpointOutput } from '@aws-sdk/client-sagemaker';
import { changingFrequency } from '../core/frequency';
import { GONE, watchResource } from '../core/watchResource';
import type { IAwsClients } from '../tokens';

/** What DescribeEndpoint says once the endpoint no longer exists. */
export { GONE };

/** ValidationException "Could not find endpoint …" means it is deleted. */
export function isEndpointGone(err: unknown): boolean {
  const e = err as Error | undefined;
  return (
    (e?.name === 'ValidationException' || e?.name === 'ResourceNotFound') &&
    /could not find/i.test(e?.message ?? '')
  );
}

/**
 * Follows an endpoint (DescribeEndpoint) until `isDone(status)`; the status is
 * `Gone` once it is deleted. Rejects if it disappears while `Gone` is not done.
 */
export async function waitForEndpoint(
  clients: IAwsClients,
  name: string,
  options: {
    isDone: (status: string) => boolean;
    onStatus?: (status: string) => void;
    /** The settings' polling interval; a changing endpoint is read 2.5× faster. */
    intervalMs: number;
  }
): Promise<{ status: string; failureReason?: string }> {
  const end = await watchResource<DescribeEndpointOutput | undefined>({
    read: async () => {
      const { DescribeEndpointCommand } = await import('../aws/sdk/sagemaker');
      const sm = await clients.client('sagemaker');
      return sm.send(new DescribeEndpointCommand({ EndpointName: name }));
    },
    state: out => out?.EndpointStatus ?? '',
    isDone: options.isDone,
    onState: status => options.onStatus?.(status),
    intervalMs: changingFrequency(options.intervalMs).interval,
    isGone: isEndpointGone,
    name: `aws-spark-ml:wait-endpoint:${name}`
  }).done;
  return end
    ? { status: end.EndpointStatus ?? '', failureReason: end.FailureReason }
    : { status: GONE };
}
