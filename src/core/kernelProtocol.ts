/**
 * What the `%aws_spark` magic tells the notebook UI, and how to ask it
 * something without a cell. The format is written by
 * `jupyterlab_aws_spark_ml/magics/announce.py`: every report is one
 * `AWS_SPARK_ML {json}` line on stdout and the same object as display data
 * of CONNECTION_MIME. Attach and Data both read it from here.
 */
import type { ISessionContext } from '@jupyterlab/apputils';
import type { KernelMessage } from '@jupyterlab/services';

export const CONNECTION_MIME = 'application/vnd.aws-spark-ml.connection+json';
export const LINE_PREFIX = 'AWS_SPARK_ML ';

/** Where a notebook's cells run Spark. */
export type SparkTarget = 'emr' | 'glue' | 'local';

/** What a notebook is attached to (also what its metadata keeps). */
export interface ISparkAttachment {
  target: SparkTarget;
  /** EMR cluster id, Glue session id, or 'local'. */
  id: string;
  /** Region the cluster or session lives in. */
  region: string;
}

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
  /** For `status`: the remote session's state ('disconnected' when nothing is attached). */
  state?: string;
  /** For `disconnected`: what was cleaned up. */
  message?: string;
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
        // A line that only looks like ours: not a report.
      }
    }
  }
  return out;
}

/** Kernel messages that can carry our display data. */
const DISPLAY_TYPES = new Set([
  'display_data',
  'update_display_data',
  'execute_result'
]);

/** Our event in an iopub message, if it carries one. */
export function eventFromIOPub(
  msg: KernelMessage.IMessage
): IConnectionEvent | null {
  if (!DISPLAY_TYPES.has(msg.header.msg_type)) {
    return null;
  }
  return eventFromBundle(
    (msg.content as { data?: Record<string, unknown> }).data
  );
}

/** What a quiet run produced. */
export interface IQuietResult {
  /** The magic's reports, from display data or else from its stdout lines. */
  events: IConnectionEvent[];
  /** What it printed (streams and the text/plain of displayed values), without our lines. */
  text: string;
  /** `ename: evalue` when the code raised. */
  error: string | null;
}

/**
 * Runs `code` in the notebook's kernel without a cell and without history,
 * collecting the magic's reports and the printed text.
 */
export async function runQuietly(
  sessionContext: ISessionContext,
  code: string
): Promise<IQuietResult> {
  const kernel = sessionContext.session?.kernel;
  if (!kernel) {
    return {
      events: [],
      text: '',
      error: 'NoKernel: the notebook has no kernel'
    };
  }
  const events: IConnectionEvent[] = [];
  let stdout = '';
  let error: string | null = null;
  const future = kernel.requestExecute({
    code,
    silent: false,
    store_history: false,
    allow_stdin: false,
    stop_on_error: true
  });
  future.onIOPub = msg => {
    const type = msg.header.msg_type;
    const content = msg.content as any;
    const event = eventFromIOPub(msg);
    if (event) {
      events.push(event);
    } else if (type === 'stream') {
      stdout += content.text;
    } else if (
      DISPLAY_TYPES.has(type) &&
      typeof content.data?.['text/plain'] === 'string'
    ) {
      stdout += content.data['text/plain'] + '\n';
    } else if (type === 'error') {
      error = `${content.ename}: ${content.evalue}`;
    }
  };
  await future.done;
  // The display data is the report; the stdout line only stands in when
  // there was no display to publish to.
  const fromText = eventsFromText(stdout);
  const text = stdout
    .split('\n')
    .filter(line => !line.startsWith(LINE_PREFIX))
    .join('\n');
  return { events: events.length ? events : fromText, text, error };
}

/** States in a status report in which the attached Spark cannot run code. */
const NOT_RUNNING = new Set([
  'disconnected',
  'stopped',
  // Glue sessions, as AWS names them
  'STOPPING',
  'STOPPED',
  'FAILED',
  'TIMEOUT',
  // Livy sessions on EMR
  'dead',
  'killed',
  'error',
  'shutting_down'
]);

/**
 * What a `%aws_spark status` report says the kernel is attached to, or null
 * when nothing is (or what it names can no longer run code). Status reports
 * carry no region.
 */
export function attachedTarget(
  status: IConnectionEvent | null | undefined
): { target: SparkTarget; id: string } | null {
  if (
    status?.event !== 'status' ||
    !status.target ||
    NOT_RUNNING.has(status.state ?? '')
  ) {
    return null;
  }
  return { target: status.target, id: status.id ?? status.target };
}
