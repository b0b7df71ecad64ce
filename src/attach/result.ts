/**
 * Reading what `%aws_spark` reports: display data of our MIME type (from
 * iopub or a cell's outputs), or its `AWS_SPARK_ML {json}` line on stdout.
 */
import type { SparkTarget } from './connectCell';

export const CONNECTION_MIME = 'application/vnd.aws-spark-ml.connection+json';
export const LINE_PREFIX = 'AWS_SPARK_ML ';

export type ConnectionEventName =
  'connected' | 'failed' | 'status' | 'disconnected';

/** One structured report from the magic (nothing secret is ever in it). */
export interface IConnectionEvent {
  event: ConnectionEventName;
  target: SparkTarget | null;
  id?: string;
  region?: string;
  livy?: string;
  sessionId?: string | number;
  sparkUi?: string | null;
  /** For `failed`: what is wrong, and what to do. Shown as the magic wrote them. */
  reason?: string;
  fix?: string;
  /** For `status`: the remote session's state. */
  state?: string;
  /** For `disconnected`: what was cleaned up. */
  message?: string;
}

/** The minimum of an nbformat output this module reads. */
export interface IOutputLike {
  output_type: string;
  data?: Record<string, unknown>;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
}

const EVENTS: ConnectionEventName[] = [
  'connected',
  'failed',
  'status',
  'disconnected'
];

/** Validates an object the kernel sent; null if it is not one of ours. */
export function toEvent(value: unknown): IConnectionEvent | null {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object' || !EVENTS.includes(v.event as any)) {
    return null;
  }
  return v as unknown as IConnectionEvent;
}

/** Our event in a MIME bundle (display_data, execute_result …), if any. */
export function eventFromBundle(
  data: Record<string, unknown> | undefined
): IConnectionEvent | null {
  return data ? toEvent(data[CONNECTION_MIME]) : null;
}

/** Events in stdout text, one per `AWS_SPARK_ML {json}` line. */
export function eventsFromText(text: string): IConnectionEvent[] {
  const out: IConnectionEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(LINE_PREFIX)) {
      try {
        const event = toEvent(JSON.parse(line.slice(LINE_PREFIX.length)));
        if (event) {
          out.push(event);
        }
      } catch {
        // A line that only looks like ours: not a result.
      }
    }
  }
  return out;
}

const isResult = (e: IConnectionEvent) =>
  e.event === 'connected' || e.event === 'failed';

/**
 * The outcome of a connect cell from its outputs: the last connected/failed
 * event (display data first, then the stdout line); failing both, an error
 * output becomes a failure (e.g. the package is missing in the kernel).
 * Null when the cell has not reported yet.
 */
export function connectResultFromOutputs(
  outputs: readonly IOutputLike[]
): IConnectionEvent | null {
  const fromData = outputs
    .map(o => eventFromBundle(o.data))
    .filter((e): e is IConnectionEvent => !!e && isResult(e));
  if (fromData.length) {
    return fromData[fromData.length - 1];
  }
  const stdout = outputs
    .filter(o => o.output_type === 'stream' && o.name === 'stdout')
    .map(o => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')))
    .join('');
  const fromText = eventsFromText(stdout).filter(isResult);
  if (fromText.length) {
    return fromText[fromText.length - 1];
  }
  const error = outputs.find(o => o.output_type === 'error');
  if (error) {
    return failureFromError(error.ename ?? 'Error', error.evalue ?? '');
  }
  return null;
}

/** A failure event for a cell that raised before the magic could report. */
export function failureFromError(
  ename: string,
  evalue: string
): IConnectionEvent {
  const missing =
    ename === 'ModuleNotFoundError' &&
    evalue.includes('jupyterlab_aws_spark_ml');
  return {
    event: 'failed',
    target: null,
    reason: `${ename}: ${evalue}`,
    fix: missing
      ? 'install jupyterlab-aws-spark-ml in the kernel’s environment (pip install jupyterlab-aws-spark-ml), then restart the kernel'
      : 'read the error in the connect cell, fix it and run the cell again'
  };
}
