import type { HeaderBag } from '@smithy/types';

/** What the signing proxy answers when it refuses a request itself. */
export interface IProxyRefusal {
  message: string;
  reason: string | null;
  operation: string | null;
}

/**
 * Thrown by the request handler for a proxy refusal. It carries no
 * `$metadata`, so the SDK's retry strategy does not retry it.
 */
export class ProxyRefusalError extends Error {
  readonly name = 'ProxyRefusalError';
  constructor(
    readonly status: number,
    readonly refusal: IProxyRefusal
  ) {
    super(refusal.message);
  }
}

/**
 * A refusal is Jupyter's JSON error shape `{message, reason, operation?}`;
 * AWS's own errors carry `__type`/`code` or the `x-amzn-errortype` header
 * and are passed to the SDK untouched.
 */
export function isProxyRefusal(
  status: number,
  headers: HeaderBag,
  body: Uint8Array
): IProxyRefusal | null {
  if (!(headers['content-type'] ?? '').includes('json')) {
    return null;
  }
  if (headers['x-amzn-errortype'] || headers['x-amzn-requestid']) {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') {
    return null;
  }
  const o = parsed as Record<string, unknown>;
  if (
    typeof o.message !== 'string' ||
    !('reason' in o) ||
    '__type' in o ||
    'code' in o ||
    'Code' in o
  ) {
    return null;
  }
  return {
    message: o.message,
    reason: typeof o.reason === 'string' ? o.reason : null,
    operation: typeof o.operation === 'string' ? o.operation : null
  };
}

/** An error explained for a person: what happened, and what to do. */
export interface IAwsErrorDescription {
  title: string;
  message: string;
  fix: string;
  /** The AWS error code or refusal kind, for tests and logs. */
  code: string;
}

type Translate = (msg: string, ...args: any[]) => string;
const identity: Translate = (msg, ...args) =>
  msg.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1] ?? ''));

/** Maps SDK errors, proxy refusals and network failures to an explanation. */
export function describeAwsError(
  err: unknown,
  __: Translate = identity
): IAwsErrorDescription {
  if (err instanceof ProxyRefusalError) {
    return describeRefusal(err, __);
  }
  const e = (err ?? {}) as {
    name?: string;
    message?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const code = e.name ?? e.Code ?? 'Error';
  const message = e.message || String(err);
  const status = e.$metadata?.httpStatusCode;

  if (code === 'NetworkError' || (err instanceof TypeError && !status)) {
    return {
      code: 'NetworkError',
      title: __('Cannot reach the Jupyter server'),
      message,
      fix: __('Check that JupyterLab is still running, then refresh.')
    };
  }
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(code)) {
    return {
      code,
      title: __('Access denied'),
      message,
      fix: __(
        'The server’s AWS identity lacks this permission. Ask an administrator to allow the action named above, or use another profile.'
      )
    };
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(code)) {
    return {
      code,
      title: __('AWS is throttling requests'),
      message,
      fix: __('Wait a moment; the panel backs off and retries by itself.')
    };
  }
  if (/ExpiredToken|TokenRefreshRequired|RequestExpired/i.test(code)) {
    return {
      code,
      title: __('The server’s AWS credentials have expired'),
      message,
      fix: __(
        'Refresh them where the Jupyter server runs (for example `aws sso login`), then refresh.'
      )
    };
  }
  if (
    /UnrecognizedClient|InvalidClientTokenId|SignatureDoesNotMatch/i.test(code)
  ) {
    return {
      code,
      title: __('AWS does not accept the server’s credentials'),
      message,
      fix: __(
        'Check the profile or keys the Jupyter server uses (`aws sts get-caller-identity`), or run `jupyter lab --AwsSparkML.mode=sandbox`.'
      )
    };
  }
  if (/Validation|InvalidRequest|InvalidParameter/i.test(code)) {
    return {
      code,
      title: __('AWS rejected the request'),
      message,
      fix: __('Correct the value named in the message and try again.')
    };
  }
  return {
    code,
    title: status ? __('%1 (HTTP %2)', code, status) : code,
    message,
    fix: __('Try again; if it persists, check the Jupyter server log.')
  };
}

function describeRefusal(
  err: ProxyRefusalError,
  __: Translate
): IAwsErrorDescription {
  const { status, refusal } = err;
  const op = refusal.operation ?? __('this operation');
  switch (status) {
    case 401:
    case 403:
      return {
        code: 'ProxyForbidden',
        title: __('The Jupyter server refused %1', op),
        message: refusal.message,
        fix: __(
          'Add it to `c.AwsSparkML.allowed_operations` in the server configuration, or ask the administrator of this JupyterLab.'
        )
      };
    case 413:
      return {
        code: 'ProxyBodyTooLarge',
        title: __('The request is too large for the proxy'),
        message: refusal.message,
        fix: __(
          'Send less data, or raise the proxy’s body limit in the server configuration.'
        )
      };
    case 502:
      return {
        code: 'ProxyUpstreamUnreachable',
        title: __('The Jupyter server cannot reach AWS'),
        message: refusal.message,
        fix: __(
          'Check the server’s network, proxy settings and `AWS_ENDPOINT_URL`; in sandbox mode, restart JupyterLab.'
        )
      };
    case 504:
      return {
        code: 'ProxyUpstreamTimeout',
        title: __('AWS did not answer in time'),
        message: refusal.message,
        fix: __('Try again in a moment.')
      };
    default:
      return {
        code: 'ProxyBadRequest',
        title: __('The proxy rejected the request'),
        message: refusal.message,
        fix: __('Check the region in the settings (for example `us-east-1`).')
      };
  }
}
