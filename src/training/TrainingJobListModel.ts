import type {
  DescribeTrainingJobResponse,
  TrainingJobSummary
} from '@aws-sdk/client-sagemaker';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { IAwsErrorDescription, describeAwsError } from '../aws/errors';
import type { IAwsClients } from '../tokens';
import {
  CHANGING_JOB_STATES,
  changingFrequency,
  isTerminalJob,
  steadyFrequency
} from './states';

/** Rows whose details (metrics, billable time) are read automatically. */
const DESCRIBED_ROWS = 25;
const PAGE_SIZE = 50;

/**
 * Training jobs, newest first, live: ListTrainingJobs pages (NextToken) plus
 * DescribeTrainingJob for the top rows — once for finished jobs, every tick
 * while a job runs. Polls with backoff, stands by when hidden.
 */
export class TrainingJobListModel {
  constructor(
    private readonly clients: IAwsClients,
    options: { intervalSeconds?: number; pageSize?: number } = {}
  ) {
    this._interval = (options.intervalSeconds ?? 5) * 1000;
    this._pageSize = options.pageSize ?? PAGE_SIZE;
    this._poll = new Poll({
      auto: false,
      factory: () => this.refresh(),
      frequency: steadyFrequency(this._interval),
      standby: () => !this._visible || 'when-hidden',
      name: 'aws-spark-ml:training-jobs'
    });
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get items(): readonly TrainingJobSummary[] {
    return this._items;
  }
  get error(): IAwsErrorDescription | null {
    return this._error;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  /** True when AWS has more pages than are shown. */
  get hasMore(): boolean {
    return !!this._nextToken;
  }
  get poll(): Poll {
    return this._poll;
  }
  get isChanging(): boolean {
    return (
      this._expecting > 0 ||
      this._items.some(j => CHANGING_JOB_STATES.has(j.TrainingJobStatus ?? ''))
    );
  }

  find(name: string): TrainingJobSummary | undefined {
    return this._items.find(j => j.TrainingJobName === name);
  }
  /** The last DescribeTrainingJob answer for `name`, if read. */
  details(name: string): DescribeTrainingJobResponse | undefined {
    return this._details.get(name);
  }
  /** Status from the freshest source (details may be newer than the list). */
  status(name: string): string | undefined {
    return (
      this._details.get(name)?.TrainingJobStatus ??
      this.find(name)?.TrainingJobStatus
    );
  }

  setInterval(seconds: number): void {
    this._interval = Math.max(1, seconds) * 1000;
    this._updateFrequency();
  }
  setVisible(visible: boolean): void {
    this._visible = visible;
    if (visible) {
      this.refreshSoon();
    }
  }
  start(): Promise<void> {
    this._started = true;
    return this._poll.start();
  }
  get started(): boolean {
    return this._started;
  }
  refreshSoon(): void {
    if (this._started) {
      void this._poll.refresh();
    }
  }
  /** Shows one more page on the next refresh. */
  loadMore(): void {
    this._pages++;
    this.refreshSoon();
  }
  /** Details are wanted for an opened row even below the automatic ones. */
  watch(name: string, open: boolean): void {
    open ? this._opened.add(name) : this._opened.delete(name);
    if (open && !this._details.has(name)) {
      void this._describe([name]).then(() => this._changed.emit());
    }
  }
  /** Poll fast until `done` settles, e.g. right after a launch. */
  expectChange<R>(done: Promise<R>): Promise<R> {
    this._expecting++;
    this._updateFrequency();
    this.refreshSoon();
    const end = () => {
      this._expecting--;
      this._updateFrequency();
    };
    done.then(end, end);
    return done;
  }

  async refresh(): Promise<void> {
    try {
      const { ListTrainingJobsCommand } =
        await import('@aws-sdk/client-sagemaker');
      const sm = await this.clients.client('sagemaker');
      const items: TrainingJobSummary[] = [];
      let token: string | undefined;
      for (let page = 0; page < this._pages; page++) {
        const out = await sm.send(
          new ListTrainingJobsCommand({
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            MaxResults: this._pageSize,
            NextToken: token
          })
        );
        items.push(...(out.TrainingJobSummaries ?? []));
        token = out.NextToken;
        if (!token) {
          break;
        }
      }
      this._items = items;
      this._nextToken = token;
      await this._describe(this._staleNames());
      this._error = null;
      this._loaded = true;
    } catch (err) {
      this._error = describeAwsError(err);
      this._changed.emit();
      throw err; // the poll backs off
    } finally {
      this._updateFrequency();
    }
    this._changed.emit();
  }

  dispose(): void {
    this._poll.dispose();
    Signal.clearData(this);
  }

  /** Top rows and opened rows whose details are missing or may have moved on. */
  private _staleNames(): string[] {
    const wanted = new Set(
      this._items.slice(0, DESCRIBED_ROWS).map(j => j.TrainingJobName ?? '')
    );
    this._opened.forEach(n => wanted.add(n));
    return [...wanted].filter(name => {
      const d = this._details.get(name);
      const listed = this.find(name)?.TrainingJobStatus;
      // A finished job's details never change: read once, then never again.
      return (
        name &&
        (!d ||
          !isTerminalJob(d.TrainingJobStatus) ||
          (listed && listed !== d.TrainingJobStatus))
      );
    });
  }

  private async _describe(names: string[]): Promise<void> {
    if (!names.length) {
      return;
    }
    const { DescribeTrainingJobCommand } =
      await import('@aws-sdk/client-sagemaker');
    const sm = await this.clients.client('sagemaker');
    // Four at a time: fast enough, and gentle with AWS's rate limits.
    for (let i = 0; i < names.length; i += 4) {
      await Promise.all(
        names.slice(i, i + 4).map(async name => {
          const d = await sm.send(
            new DescribeTrainingJobCommand({ TrainingJobName: name })
          );
          this._details.set(name, d);
        })
      );
    }
  }

  private _updateFrequency(): void {
    this._poll.frequency = this.isChanging
      ? changingFrequency(this._interval)
      : steadyFrequency(this._interval);
  }

  private _items: TrainingJobSummary[] = [];
  private _details = new Map<string, DescribeTrainingJobResponse>();
  private _opened = new Set<string>();
  private _nextToken: string | undefined;
  private _pages = 1;
  private _pageSize: number;
  private _error: IAwsErrorDescription | null = null;
  private _loaded = false;
  private _visible = true;
  private _started = false;
  private _expecting = 0;
  private _interval: number;
  private _poll: Poll;
  private _changed = new Signal<this, void>(this);
}
