import { ProxyRefusalError } from '../aws/errors';

/** AWS asked us to slow down (the name differs per service). */
export function isThrottling(err: unknown): boolean {
  return /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(
    (err as Error | undefined)?.name ?? ''
  );
}

/**
 * Why a list is retrying by itself: AWS throttled it, or failed in a way that
 * passes (5xx, a dropped connection, the proxy not reaching AWS). Errors a
 * person must act on (access denied, bad region) are not retrying.
 */
export type RetryReason = 'throttled' | 'error';

export function retryReason(err: unknown): RetryReason | null {
  if (isThrottling(err)) {
    return 'throttled';
  }
  if (err instanceof ProxyRefusalError) {
    return err.status === 502 || err.status === 504 ? 'error' : null;
  }
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined) {
    return status >= 500 ? 'error' : null;
  }
  // No HTTP answer at all: the connection failed or was dropped.
  return e?.name === 'NetworkError' || err instanceof TypeError
    ? 'error'
    : null;
}
