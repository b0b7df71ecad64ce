import { ServerConnection } from '@jupyterlab/services';
import { HttpRequest } from '@smithy/protocol-http';
import { ProxyRequestHandler } from '../aws/handler';

/**
 * IAM roles SageMaker may assume (trust policy names sagemaker.amazonaws.com),
 * via IAM ListRoles through the signing proxy. IAM has no SDK client in this
 * bundle, so this sends its small query-protocol request itself.
 * Resolves to [] when the proxy or IAM refuses: the form then takes a typed ARN.
 */
export async function listSageMakerRoles(
  serverSettings: ServerConnection.ISettings
): Promise<string[]> {
  const handler = new ProxyRequestHandler('iam', 'us-east-1', serverSettings);
  const arns: string[] = [];
  let marker: string | null = null;
  for (let page = 0; page < 10; page++) {
    const body = new URLSearchParams({
      Action: 'ListRoles',
      Version: '2010-05-08',
      MaxItems: '1000',
      ...(marker ? { Marker: marker } : {})
    }).toString();
    let text: string;
    try {
      const { response } = await handler.handle(
        new HttpRequest({
          method: 'POST',
          protocol: 'https:',
          hostname: 'iam.amazonaws.com',
          path: '/',
          headers: {
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8'
          },
          body
        })
      );
      if (response.statusCode >= 300) {
        return arns;
      }
      text = await new Response(response.body as BodyInit).text();
    } catch {
      return arns;
    }
    const parsed = parseListRoles(text);
    arns.push(...parsed.arns);
    marker = parsed.marker;
    if (!marker) {
      break;
    }
  }
  return arns;
}

/** Reads ListRoles' XML; keeps roles whose trust policy lets SageMaker assume them. */
export function parseListRoles(xml: string): {
  arns: string[];
  marker: string | null;
} {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const arns: string[] = [];
  doc.querySelectorAll('Roles > member').forEach(member => {
    const arn = member.querySelector('Arn')?.textContent ?? '';
    const trust = decodeURIComponent(
      member.querySelector('AssumeRolePolicyDocument')?.textContent ?? ''
    );
    if (arn && trust.includes('sagemaker.amazonaws.com')) {
      arns.push(arn);
    }
  });
  const truncated = doc.querySelector('IsTruncated')?.textContent === 'true';
  return {
    arns,
    marker: truncated
      ? (doc.querySelector('Marker')?.textContent ?? null)
      : null
  };
}
