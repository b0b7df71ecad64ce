/**
 * The outcome of a connect cell, read from its saved outputs with the
 * kernel protocol (display data first, then the stdout line).
 */
import {
  eventFromBundle,
  eventsFromText,
  IConnectionEvent
} from '../core/kernelProtocol';

/** The minimum of an nbformat output this module reads. */
export interface IOutputLike {
  output_type: string;
  data?: Record<string, unknown>;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
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
