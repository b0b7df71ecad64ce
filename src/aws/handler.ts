import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { HttpHandler, HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type {
  HeaderBag,
  HttpHandlerOptions,
  QueryParameterBag
} from '@smithy/types';
import { ProxyRefusalError, isProxyRefusal } from './errors';

/** Route of the server's signing proxy, under Jupyter's base URL. */
export const PROXY_ROUTE = 'aws-spark-ml/proxy';

/**
 * Sent with every proxy request. Not a CORS-safelisted header, so a page of
 * another site cannot send it without a preflight, which Jupyter does not
 * grant: the proxy refuses links, forms and navigations that lack it.
 */
export const CLIENT_HEADER = { name: 'X-Aws-Spark-Ml', value: '1' };

/**
 * Headers the browser refuses to set or sets itself, and headers that only
 * make sense once signed (the server signs again with its own credentials).
 */
const DROPPED_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'expect',
  'user-agent',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256'
]);

/**
 * Sends every SDK request to `{base_url}aws-spark-ml/proxy/{service}/{region}{path}`
 * through `ServerConnection.makeRequest`, so Jupyter's token and XSRF apply.
 */
export class ProxyRequestHandler implements HttpHandler<Record<string, never>> {
  constructor(
    readonly service: string,
    readonly region: string,
    readonly serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings()
  ) {}

  /** The URL a request for `path` (already URI-encoded by the SDK) goes to. */
  proxyUrl(path: string, query?: QueryParameterBag): string {
    // Plain concatenation for the AWS path: URLExt.join would normalise
    // S3 keys such as `a//b` or `a/../b`.
    const base = URLExt.join(
      this.serverSettings.baseUrl,
      PROXY_ROUTE,
      this.service,
      this.region
    );
    const qs = buildQueryString(query ?? {});
    return (
      base + (path.startsWith('/') ? path : '/' + path) + (qs ? '?' + qs : '')
    );
  }

  async handle(
    request: HttpRequest,
    options: HttpHandlerOptions = {}
  ): Promise<{ response: HttpResponse }> {
    const url = this.proxyUrl(request.path, request.query);
    const method = request.method.toUpperCase();
    const init: RequestInit = {
      method,
      headers: forwardedHeaders(request.headers),
      // Not 'no-store': ServerConnection would append a cache-busting query
      // parameter, which would become part of the AWS request.
      cache: 'no-cache',
      signal: (options.abortSignal as AbortSignal | undefined) ?? undefined
    };
    if (method !== 'GET' && method !== 'HEAD' && request.body !== undefined) {
      init.body = request.body;
    }
    // makeRequest raises ServerConnection.NetworkError when the Jupyter
    // server cannot be reached at all; describeAwsError explains it.
    const response = await ServerConnection.makeRequest(
      url,
      init,
      this.serverSettings
    );
    const headers: HeaderBag = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });

    let body: unknown;
    if (response.status >= 400) {
      // Error bodies are small: read them to tell a proxy refusal (which
      // must not be retried or parsed as AWS's) from AWS's own error.
      const bytes = new Uint8Array(await response.arrayBuffer());
      const refusal = isProxyRefusal(response.status, headers, bytes);
      if (refusal) {
        throw new ProxyRefusalError(response.status, refusal);
      }
      body = bytes;
    } else if (
      typeof ReadableStream === 'function' &&
      response.body instanceof ReadableStream
    ) {
      body = response.body; // lets S3 GetObject stream
    } else {
      body = new Uint8Array(await response.arrayBuffer());
    }
    return {
      response: new HttpResponse({
        statusCode: response.status,
        reason: response.statusText,
        headers,
        body
      })
    };
  }

  updateHttpClientConfig(): void {
    // Nothing to configure: ServerConnection settings are fixed per handler.
  }

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}

function forwardedHeaders(headers: HeaderBag): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower) || lower.startsWith('x-amz-user-agent')) {
      continue;
    }
    out[name] = value;
  }
  out[CLIENT_HEADER.name] = CLIENT_HEADER.value;
  return out;
}

/** Same encoding as the SDK's own query builder (RFC 3986). */
export function buildQueryString(query: QueryParameterBag): string {
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const k = encodeRfc3986(key);
    if (Array.isArray(value)) {
      for (const v of value) {
        parts.push(`${k}=${encodeRfc3986(v)}`);
      }
    } else if (value === null || value === undefined) {
      parts.push(k);
    } else {
      parts.push(`${k}=${encodeRfc3986(value)}`);
    }
  }
  return parts.join('&');
}

function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    c => '%' + c.charCodeAt(0).toString(16).toUpperCase()
  );
}
