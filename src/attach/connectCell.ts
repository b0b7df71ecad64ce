/**
 * The connect cell: the visible, editable code that attaches a notebook to
 * Spark. It holds ids and a region only — never a password or a key.
 */

import type { ISparkAttachment } from '../core/kernelProtocol';

export type { SparkTarget } from '../core/kernelProtocol';
/** What a notebook is attached to, as stored in its metadata. */
export type IAttachment = ISparkAttachment;

/** Key of our object in notebook and cell metadata. */
export const METADATA_KEY = 'aws_spark_ml';
export const LOAD_LINE = '%load_ext jupyterlab_aws_spark_ml';

/** Bad input for a connect cell: names the field, the rule and the fix. */
export class ConnectCellError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
    this.name = 'ConnectCellError';
  }
}

const EMR_CLUSTER_ID = /^j-[A-Za-z0-9]{1,64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
// Glue's own Id rule allows any single line of printable characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const SHELL_SAFE = /^[A-Za-z0-9_.,:/@%+=-]+$/;

/**
 * Quote `value` for the magic's argument line. The magic splits with
 * `shlex.split`, and IPython expands `$name` and `{expr}` in a line magic
 * before that, so both are escaped (`$$`, `{{`, `}}`).
 */
export function quoteArgument(value: string): string {
  const shell = SHELL_SAFE.test(value)
    ? value
    : `'${value.replace(/'/g, `'"'"'`)}'`;
  return shell.replace(/\$/g, '$$$$').replace(/\{/g, '{{').replace(/\}/g, '}}');
}

/** Throws ConnectCellError when the attachment cannot become a safe cell. */
export function checkAttachment(a: IAttachment): void {
  if (a.target === 'emr' && !EMR_CLUSTER_ID.test(a.id)) {
    throw new ConnectCellError(
      'id',
      `EMR cluster id must look like j-1ABCDEFGHIJK (j- then letters and digits), not "${a.id}". Copy it from the Compute panel.`
    );
  }
  if (
    a.target === 'glue' &&
    (!a.id || a.id.length > 255 || CONTROL.test(a.id))
  ) {
    throw new ConnectCellError(
      'id',
      'Glue session id must be 1–255 characters on one line. Copy it from the Compute panel.'
    );
  }
  if (a.target !== 'local' && a.region && !REGION.test(a.region)) {
    throw new ConnectCellError(
      'region',
      `Region must look like us-east-1, not "${a.region}". Pick the region in the AWS Spark & ML settings.`
    );
  }
}

/**
 * The connect cell's text. `defaultRegion` is the region kernels use when
 * none is given (the server's); `--region` is added only when it differs.
 */
export function connectCellSource(
  a: IAttachment,
  defaultRegion: string
): string {
  checkAttachment(a);
  let connect: string;
  if (a.target === 'local') {
    connect = '%aws_spark connect local';
  } else {
    const option = a.target === 'emr' ? '--cluster-id' : '--session-id';
    connect = `%aws_spark connect ${a.target} ${option} ${quoteArgument(a.id)}`;
    if (a.region && a.region !== defaultRegion) {
      connect += ` --region ${quoteArgument(a.region)}`;
    }
  }
  return `${LOAD_LINE}\n${connect}`;
}

/** Cell metadata that marks our connect cell. */
export const CONNECT_CELL_METADATA = { [METADATA_KEY]: { connect: true } };

/** True for a cell we wrote (its metadata says so), whatever its text now. */
export function isConnectCell(metadata: unknown): boolean {
  const ours = (metadata as Record<string, any> | null)?.[METADATA_KEY];
  return !!ours && typeof ours === 'object' && ours.connect === true;
}

/** The code a detach runs in the kernel, without a cell. */
export const DISCONNECT_CODE = `${LOAD_LINE}\n%aws_spark disconnect`;
/** The code that asks the kernel what it is attached to, without a cell. */
export const STATUS_CODE = `${LOAD_LINE}\n%aws_spark status`;
