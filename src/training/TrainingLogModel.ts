import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { IAwsErrorDescription, describeAwsError } from '../aws/errors';
import type { IAwsClients } from '../tokens';
import { changingFrequency } from '../core/frequency';
import { isTerminalJob } from './states';

export const TRAINING_LOG_GROUP = '/aws/sagemaker/TrainingJobs';
/** Keep the newest lines only: a long job can log a lot. */
const MAX_LINES = 5000;

export interface ILogLine {
  stream: string;
  timestamp: number;
  /** With SageMaker's `#011` turned back into a tab. */
  message: string;
}

/** SageMaker's log agent writes a tab as `#011`. */
export function readableLogMessage(message: string): string {
  return message.replace(/#011/g, '\t');
}

/**
 * Follows a training job's CloudWatch logs: every stream `<job>/…`, each read
 * forward with `nextForwardToken`. Stops once the job is finished and a read
 * brings nothing new.
 */
export class TrainingLogModel {
  constructor(
    private readonly clients: IAwsClients,
    readonly jobName: string,
    private readonly options: {
      /** The job's current status (from the list model). */
      status: () => string | undefined;
      intervalMs?: number;
    }
  ) {
    this._poll = new Poll({
      auto: false,
      factory: () => this._tick(),
      frequency: changingFrequency(options.intervalMs ?? 5000),
      standby: 'when-hidden',
      name: `aws-spark-ml:training-logs:${jobName}`
    });
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get lines(): readonly ILogLine[] {
    return this._lines;
  }
  get error(): IAwsErrorDescription | null {
    return this._error;
  }
  /** True once the job has finished and every line has been read. */
  get complete(): boolean {
    return this._complete;
  }
  get poll(): Poll {
    return this._poll;
  }

  start(): Promise<void> {
    return this._poll.start();
  }

  dispose(): void {
    this._poll.dispose();
    Signal.clearData(this);
  }

  /** One read of every stream; exported for tests through `poll.refresh()`. */
  private async _tick(): Promise<void> {
    // Read the status before the logs: lines written before "Completed" are then surely read.
    const finished = isTerminalJob(this.options.status());
    let added = 0;
    try {
      const sdk = await import('../aws/sdk/cloudwatch-logs');
      const logs = await this.clients.client('logs');
      const streams: string[] = [];
      let token: string | undefined;
      do {
        const out = await logs.send(
          new sdk.DescribeLogStreamsCommand({
            logGroupName: TRAINING_LOG_GROUP,
            logStreamNamePrefix: `${this.jobName}/`,
            nextToken: token
          })
        );
        streams.push(...(out.logStreams ?? []).map(s => s.logStreamName ?? ''));
        token = out.nextToken;
      } while (token);
      for (const stream of streams.filter(Boolean)) {
        added += await this._readStream(sdk, logs, stream);
      }
      this._error = null;
    } catch (err) {
      // No log group yet: the job has not written anything.
      if ((err as Error)?.name !== 'ResourceNotFoundException') {
        this._error = describeAwsError(err);
        this._changed.emit();
        throw err;
      }
    }
    if (added) {
      this._lines.sort((a, b) => a.timestamp - b.timestamp);
      this._lines.splice(0, Math.max(0, this._lines.length - MAX_LINES));
    }
    if (finished && added === 0) {
      this._complete = true;
      this._poll.dispose();
    }
    this._changed.emit();
  }

  private async _readStream(
    sdk: typeof import('../aws/sdk/cloudwatch-logs'),
    logs: import('../aws/sdk/cloudwatch-logs').CloudWatchLogsClient,
    stream: string
  ): Promise<number> {
    let added = 0;
    for (;;) {
      const before = this._tokens.get(stream);
      const out = await logs.send(
        new sdk.GetLogEventsCommand({
          logGroupName: TRAINING_LOG_GROUP,
          logStreamName: stream,
          startFromHead: true,
          nextToken: before
        })
      );
      for (const e of out.events ?? []) {
        this._lines.push({
          stream,
          timestamp: e.timestamp ?? 0,
          message: readableLogMessage(e.message ?? '')
        });
        added++;
      }
      this._tokens.set(stream, out.nextForwardToken);
      // The same token back means the end of the stream for now.
      if (
        !out.nextForwardToken ||
        out.nextForwardToken === before ||
        !(out.events ?? []).length
      ) {
        return added;
      }
    }
  }

  private _lines: ILogLine[] = [];
  private _tokens = new Map<string, string | undefined>();
  private _error: IAwsErrorDescription | null = null;
  private _complete = false;
  private _poll: Poll;
  private _changed = new Signal<this, void>(this);
}
