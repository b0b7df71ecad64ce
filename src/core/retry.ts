import { ProxyRefusalError } from '../aws/errors';

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown'
]);

/**
 * AWS asked us to slow down (the name differs per service). AWS did nothing
 * with a throttled call, so repeating it cannot duplicate a create.
 */
export function isThrottling(err: unknown): boolean {
  const e = err as {
    name?: string;
    $retryable?: { throttling?: boolean };
    $metadata?: { httpStatusCode?: number };
  };
  return (
    !!e?.$retryable?.throttling ||
    THROTTLING.has(e?.name ?? '') ||
    e?.$metadata?.httpStatusCode === 429
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
