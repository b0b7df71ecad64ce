import { ServerConnection } from '@jupyterlab/services';

/** One request as the Jupyter server would receive it. */
export interface ICapturedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface IFakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * ServerConnection settings whose `fetch` records each Request and answers
 * with the next reply (or a function of the request).
 */
export function fakeServer(
  reply: IFakeReply | ((req: ICapturedRequest) => IFakeReply)
): { settings: ServerConnection.ISettings; requests: ICapturedRequest[] } {
  const requests: ICapturedRequest[] = [];
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const request = input as Request;
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const captured: ICapturedRequest = {
      url: request.url,
      method: request.method,
      headers,
      body: request.body ? await request.text() : ''
    };
    requests.push(captured);
    const r = typeof reply === 'function' ? reply(captured) : reply;
    return new Response(r.body ?? '', {
      status: r.status ?? 200,
      headers: r.headers ?? {}
    });
  };
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/lab-base/',
    token: 'jupyter-token',
    fetch: fetch as typeof window.fetch,
    Request,
    Headers
  });
  return { settings, requests };
}

export const STS_IDENTITY_XML = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/moto</Arn>
    <UserId>AKIAIOSFODNN7EXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;

export const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.1' };
