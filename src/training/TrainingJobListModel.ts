import type {
  DescribeTrainingJobResponse,
  TrainingJobSummary
} from '@aws-sdk/client-sagemaker';
import {
  IListSource,
  ResourceListModel,
  describeInBatches
} from '../core/ResourceListModel';
import type { IAwsClients } from '../tokens';
import { CHANGING_JOB_STATES, isTerminalJob } from './states';

/** Rows whose details (metrics, billable time) are read automatically. */
const DESCRIBED_ROWS = 25;
const PAGE_SIZE = 50;

/**
 * How training jobs are read: ListTrainingJobs pages (NextToken), newest
 * first, then DescribeTrainingJob for the top and opened rows — once for
 * finished jobs, every refresh while a job runs.
 */
class TrainingJobSource implements IListSource<TrainingJobSummary> {
  constructor(
    private readonly clients: IAwsClients,
    private readonly pageSize: number
  ) {}

  pages = 1;
  nextToken: string | undefined;
  readonly details = new Map<string, DescribeTrainingJobResponse>();
  readonly opened = new Set<string>();

  async fetchAll(): Promise<TrainingJobSummary[]> {
    const { ListTrainingJobsCommand } = await import('../aws/sdk/sagemaker');
    const sm = await this.clients.client('sagemaker');
    const items: TrainingJobSummary[] = [];
    let token: string | undefined;
    for (let page = 0; page < this.pages; page++) {
      const out = await sm.send(
        new ListTrainingJobsCommand({
          SortBy: 'CreationTime',
          SortOrder: 'Descending',
          MaxResults: this.pageSize,
          NextToken: token
        })
      );
      items.push(...(out.TrainingJobSummaries ?? []));
      token = out.NextToken;
      if (!token) {
        break;
      }
    }
    await this.describe(this._staleNames(items));
    this.nextToken = token;
    return items;
  }

  async describe(names: string[]): Promise<void> {
    if (!names.length) {
      return;
    }
    const { DescribeTrainingJobCommand } = await import('../aws/sdk/sagemaker');
    const sm = await this.clients.client('sagemaker');
    await describeInBatches(names, async name => {
      const d = await sm.send(
        new DescribeTrainingJobCommand({ TrainingJobName: name })
      );
      this.details.set(name, d);
    });
  }

  key = (j: TrainingJobSummary) => j.TrainingJobName ?? '';
  name = (j: TrainingJobSummary) => j.TrainingJobName ?? '';
  state = (j: TrainingJobSummary) => j.TrainingJobStatus ?? '';
  created = (j: TrainingJobSummary) => j.CreationTime?.getTime() ?? 0;
  inGroup = () => true;
  isChanging = (j: TrainingJobSummary) =>
    CHANGING_JOB_STATES.has(j.TrainingJobStatus ?? '');

  /** Top rows and opened rows whose details are missing or may have moved on. */
  private _staleNames(items: TrainingJobSummary[]): string[] {
    const wanted = new Set(
      items.slice(0, DESCRIBED_ROWS).map(j => j.TrainingJobName ?? '')
    );
    this.opened.forEach(n => wanted.add(n));
    return [...wanted].filter(name => {
      const d = this.details.get(name);
      const listed = items.find(
        j => j.TrainingJobName === name
      )?.TrainingJobStatus;
      // A finished job's details never change: read once, then never again.
      return (
        name &&
        (!d ||
          !isTerminalJob(d.TrainingJobStatus) ||
          (listed && listed !== d.TrainingJobStatus))
      );
    });
  }
}

/**
 * Training jobs, newest first, live: the shared list model (back-off,
 * throttling back-off, standby when hidden, last rows kept while retrying)
 * over ListTrainingJobs pages and DescribeTrainingJob for the top rows.
 */
export class TrainingJobListModel extends ResourceListModel<TrainingJobSummary> {
  constructor(
    clients: IAwsClients,
    options: { intervalSeconds?: number; pageSize?: number } = {}
  ) {
    const jobs = new TrainingJobSource(clients, options.pageSize ?? PAGE_SIZE);
    super(jobs, {
      intervalSeconds: options.intervalSeconds,
      name: 'aws-spark-ml:training-jobs'
    });
    this._jobs = jobs;
  }

  /** True when AWS has more pages than are shown. */
  get hasMore(): boolean {
    return !!this._jobs.nextToken;
  }
  /** The last DescribeTrainingJob answer for `name`, if read. */
  details(name: string): DescribeTrainingJobResponse | undefined {
    return this._jobs.details.get(name);
  }
  /** Status from the freshest source (details may be newer than the list). */
  status(name: string): string | undefined {
    return (
      this._jobs.details.get(name)?.TrainingJobStatus ??
      this.find(name)?.TrainingJobStatus
    );
  }
  /** Shows one more page on the next refresh. */
  loadMore(): void {
    this._jobs.pages++;
    this.refreshSoon();
  }
  /** Details are wanted for an opened row even below the automatic ones. */
  watch(name: string, open: boolean): void {
    open ? this._jobs.opened.add(name) : this._jobs.opened.delete(name);
    if (open && !this._jobs.details.has(name)) {
      void this._jobs.describe([name]).then(
        () => this._touch(),
        () => undefined // the next refresh reads it again
      );
    }
  }

  private _jobs: TrainingJobSource;
}
