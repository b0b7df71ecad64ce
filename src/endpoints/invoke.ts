import type { IAwsClients } from '../tokens';

export type TestFormat = 'csv' | 'json';

export const CONTENT_TYPE: Record<TestFormat, string> = {
  csv: 'text/csv',
  json: 'application/json'
};

export interface IInvokeResult {
  contentType: string;
  text: string;
  /** Numbers found in the answer, or null when it is not a prediction list. */
  predictions: number[] | null;
  millis: number;
}

/** CSV: one prediction per line (or comma-separated); split on both. */
export function parseCsvPredictions(text: string): number[] | null {
  const cells = text
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(Boolean);
  const numbers = cells.map(Number);
  return cells.length && numbers.every(Number.isFinite) ? numbers : null;
}

/** JSON: {"predictions": [{"score": 1.2}, …]}, or [1.2, …], or nested lists. */
export function parseJsonPredictions(text: string): number[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const out: number[] = [];
  const visit = (v: unknown): boolean => {
    if (typeof v === 'number') {
      out.push(v);
      return true;
    }
    if (Array.isArray(v)) {
      return v.every(visit);
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const key of [
        'predictions',
        'score',
        'predicted_label',
        'prediction'
      ]) {
        if (key in o) {
          return visit(o[key]);
        }
      }
    }
    return false;
  };
  return visit(value) && out.length ? out : null;
}

export function parsePredictions(
  text: string,
  contentType: string
): number[] | null {
  return contentType.includes('json')
    ? parseJsonPredictions(text)
    : parseCsvPredictions(text);
}

/** InvokeEndpoint with `body` sent as bytes; the answer decoded and parsed. */
export async function invokeEndpoint(
  clients: IAwsClients,
  endpointName: string,
  body: string,
  format: TestFormat,
  accept: TestFormat = format
): Promise<IInvokeResult> {
  const { InvokeEndpointCommand } =
    await import('../aws/sdk/sagemaker-runtime');
  const runtime = await clients.client('sagemaker-runtime');
  const started = performance.now();
  const out = await runtime.send(
    new InvokeEndpointCommand({
      EndpointName: endpointName,
      Body: new TextEncoder().encode(body),
      ContentType: CONTENT_TYPE[format],
      Accept: CONTENT_TYPE[accept]
    })
  );
  const text = new TextDecoder().decode(out.Body);
  const contentType = out.ContentType ?? CONTENT_TYPE[accept];
  return {
    contentType,
    text,
    predictions: parsePredictions(text, contentType),
    millis: performance.now() - started
  };
}
