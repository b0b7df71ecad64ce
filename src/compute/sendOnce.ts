import type { MiddlewareStack } from '@smithy/types';
import { isThrottling } from '../core/retry';

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
