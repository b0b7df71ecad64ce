import type { MiddlewareStack } from '@smithy/types';

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

/** AWS refused the call before doing anything: repeating it cannot duplicate. */
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
 * For creates without an idempotency token (EMR RunJobFlow): the SDK retries
 * 5xx and lost answers, and each retry would create another resource. This
 * sends the request to AWS at most once per `send` — throttled tries, which
 * AWS did not act on, excepted — and hands any other failure back unchanged,
 * so the caller can check what exists before trying again.
 */
export function sendOnce<
  C extends { middlewareStack: MiddlewareStack<any, any> }
>(command: C): C {
  let failed: { error: unknown } | undefined;
  command.middlewareStack.addRelativeTo(
    (next: any) => async (args: any) => {
      if (failed && !isThrottling(failed.error)) {
        throw failed.error; // the SDK's retry: answer it without sending
      }
      try {
        return await next(args);
      } catch (error) {
        failed = { error };
        throw error;
      }
    },
    {
      name: 'awsSparkMlSendOnce',
      relation: 'after',
      toMiddleware: 'retryMiddleware'
    }
  );
  return command;
}
