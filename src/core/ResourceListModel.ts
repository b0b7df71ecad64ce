import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { IAwsErrorDescription, describeAwsError } from '../aws/errors';
import { changingFrequency, steadyFrequency } from './frequency';
import { RetryReason, isThrottling, retryReason } from './retry';

/** Which resources a list shows: the live ones, or every one AWS remembers. */
export type StateGroup = 'active' | 'all';

/** One page of a List call and the token of the next (undefined after the last). */
export interface IPage<T> {
  items: T[] | undefined;
  next: string | undefined;
}

/** Every page of a List call, following its Marker or NextToken. */
export async function readAllPages<T>(
  read: (token: string | undefined) => Promise<IPage<T>>
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    out.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return out;
}

/** Per-item Describe calls, four at a time: fast, and gentle with AWS's rate limits. */
export async function describeInBatches<T>(
  items: readonly T[],
  describe: (item: T) => Promise<void>
): Promise<void> {
  for (let i = 0; i < items.length; i += 4) {
    await Promise.all(items.slice(i, i + 4).map(describe));
  }
}

export type SortKey = 'created' | 'name' | 'state';

/** How a list model reads and classifies one kind of resource. */
export interface IListSource<T> {
  /** Fetches every page for the state group. */
  fetchAll(group: StateGroup): Promise<T[]>;
  key(item: T): string;
  name(item: T): string;
  state(item: T): string;
  created(item: T): number;
  /** Client-side state filter (for APIs without a server-side one). */
  inGroup(item: T, group: StateGroup): boolean;
  /** True while the state will change by itself. */
  isChanging(item: T): boolean;
}

/**
 * A live list of AWS resources: every page fetched per refresh, filtered,
 * searched and sorted locally, polled with backoff and standby.
 */
export class ResourceListModel<T> {
  constructor(
    protected readonly source: IListSource<T>,
    options: ResourceListModel.IOptions = {}
  ) {
    this._interval = (options.intervalSeconds ?? 5) * 1000;
    this._poll = new Poll({
      auto: false,
      factory: () => this.refresh(),
      frequency: steadyFrequency(this._interval),
      // Hidden sidebar or hidden browser tab: stop asking AWS.
      standby: () => !this._visible || 'when-hidden',
      name: options.name ?? 'aws-spark-ml:list'
    });
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  /** Everything the last refresh returned. */
  get items(): readonly T[] {
    return this._items;
  }
  /** Items after the group filter, search and sort. */
  get visible(): readonly T[] {
    if (!this._visibleCache) {
      this._visibleCache = this._computeVisible();
    }
    return this._visibleCache;
  }
  get error(): IAwsErrorDescription | null {
    return this._error;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  /** Set while refreshes fail by themselves: the last items stay shown. */
  get retrying(): RetryReason | null {
    return this._retrying;
  }
  get poll(): Poll {
    return this._poll;
  }
  get group(): StateGroup {
    return this._group;
  }
  set group(group: StateGroup) {
    if (group !== this._group) {
      this._group = group;
      this._touch();
      this.refreshSoon();
    }
  }
  get search(): string {
    return this._search;
  }
  set search(text: string) {
    if (text !== this._search) {
      this._search = text;
      this._touch();
    }
  }
  get sort(): SortKey {
    return this._sort;
  }
  set sort(key: SortKey) {
    if (key !== this._sort) {
      this._sort = key;
      this._touch();
    }
  }

  find(key: string): T | undefined {
    return this._items.find(i => this.source.key(i) === key);
  }

  /** Polling interval from settings, in seconds. */
  setInterval(seconds: number): void {
    this._interval = Math.max(1, seconds) * 1000;
    this._updateFrequency();
  }

  setVisible(visible: boolean): void {
    const shown = visible && !this._visible;
    this._visible = visible;
    // Only when it comes into view, and not while a refresh is under way: that
    // one brings fresh data, and a second would list every page again.
    if (shown && !this._fetching) {
      this.refreshSoon();
    }
  }

  get started(): boolean {
    return this._started;
  }

  /** Starts polling (the first tick is immediate unless hidden). */
  start(): Promise<void> {
    this._started = true;
    return this._poll.start();
  }

  /** Refreshes now if polling has started (a refresh would otherwise start it). */
  refreshSoon(): void {
    if (this._started) {
      void this._poll.refresh();
    }
  }

  /**
   * One refresh. On ThrottlingException the interval doubles (up to the
   * max) and the tick resolves, so the next one comes exactly that much
   * later; other errors reject and the poll backs off by itself.
   */
  async refresh(): Promise<void> {
    this._fetching = true;
    try {
      this._items = await this.source.fetchAll(this._group);
      this._error = null;
      this._retrying = null;
      this._loaded = true;
      this._throttle = 1;
    } catch (err) {
      this._error = describeAwsError(err);
      this._retrying = retryReason(err);
      if (isThrottling(err)) {
        this._throttle = Math.min(this._throttle * 2, 64);
        this._updateFrequency();
        this._touch();
        return;
      }
      this._touch();
      throw err;
    } finally {
      this._fetching = false;
    }
    this._updateFrequency();
    this._touch();
  }

  /** Any item starting or stopping (or something we are waiting for)? */
  get isChanging(): boolean {
    return (
      this._expectChange > 0 || this._items.some(i => this.source.isChanging(i))
    );
  }

  /** Poll fast until `done` settles, e.g. right after creating a cluster. */
  expectChange<R>(done: Promise<R>): Promise<R> {
    this._expectChange++;
    this._updateFrequency();
    this.refreshSoon();
    const end = () => {
      this._expectChange--;
      this._updateFrequency();
    };
    done.then(end, end);
    return done;
  }

  dispose(): void {
    this._poll.dispose();
    Signal.clearData(this);
  }

  private _updateFrequency(): void {
    const base = this.isChanging
      ? changingFrequency(this._interval)
      : steadyFrequency(this._interval);
    this._poll.frequency = {
      ...base,
      interval: Math.min(base.interval * this._throttle, base.max)
    };
  }

  private _computeVisible(): T[] {
    const s = this.source;
    const needle = this._search.trim().toLowerCase();
    const out = this._items.filter(
      i =>
        s.inGroup(i, this._group) &&
        (!needle ||
          s.name(i).toLowerCase().includes(needle) ||
          s.key(i).toLowerCase().includes(needle))
    );
    const by = this._sort;
    out.sort((a, b) =>
      by === 'name'
        ? s.name(a).localeCompare(s.name(b))
        : by === 'state'
          ? s.state(a).localeCompare(s.state(b)) || s.created(b) - s.created(a)
          : s.created(b) - s.created(a)
    );
    return out;
  }

  /** Tells views the list (or what they read from it) changed. */
  protected _touch(): void {
    this._visibleCache = null;
    this._changed.emit();
  }

  private _items: T[] = [];
  private _visibleCache: T[] | null = null;
  private _error: IAwsErrorDescription | null = null;
  private _retrying: RetryReason | null = null;
  private _loaded = false;
  private _group: StateGroup = 'active';
  private _search = '';
  private _sort: SortKey = 'created';
  private _visible = true;
  private _started = false;
  private _fetching = false;
  private _interval: number;
  private _expectChange = 0;
  /** 1, or 2^n after n throttled refreshes in a row. */
  private _throttle = 1;
  private _poll: Poll;
  private _changed = new Signal<this, void>(this);
}

export namespace ResourceListModel {
  export interface IOptions {
    intervalSeconds?: number;
    name?: string;
  }
}
