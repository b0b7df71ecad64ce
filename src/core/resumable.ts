import type { IAwsClients } from '../tokens';
import { randomId } from './names';

/**
 * Multi-step flows (provision, launch, deploy) that outlive their page.
 *
 * A flow is an ordered list of steps with an id. Every resource a step creates
 * carries the tags `aws-spark-ml:flow` = id and `aws-spark-ml:flow-step` =
 * step: AWS, not the browser, says what a flow made. localStorage only hints
 * which flows to look at (and whether their page is still alive). On the next
 * page load, `resumeFlows` asks each feature what of a flow exists on AWS and
 * decides: the last step landed → finished; a step failed → roll back; cut off
 * mid-way → the feature's choice (finish or roll back); nothing → forget.
 */
export const FLOW_TAG = 'aws-spark-ml:flow';
export const FLOW_STEP_TAG = 'aws-spark-ml:flow-step';

export interface IFlow<P = Record<string, unknown>> {
  id: string;
  /** Which feature runs it (an `IFlowKind.kind`). */
  kind: string;
  region: string;
  account: string;
  /** What the feature needs to find and undo it (names, never secrets). */
  params: P;
  /** The step last sent to AWS, and when. */
  step: string;
  stepSentAt: number;
  /** Refreshed while the page that runs it is alive. */
  aliveAt: number;
  /** A step failed: what it made must be rolled back, whatever the kind. */
  failed?: boolean;
}

/** How a feature's flows are found on AWS, finished and rolled back. */
export interface IFlowKind<P = any> {
  kind: string;
  steps: readonly string[];
  /** What a flow cut off before its end becomes (the person may have reloaded to abandon it). */
  interrupted: 'finish' | 'rollBack';
  /** The resources that exist carrying this flow's tag: step → resource id. */
  find(flow: IFlow<P>): Promise<Record<string, string>>;
  /** Completes what is missing (or just follows it); only needed for `interrupted: 'finish'`. */
  finish?(flow: IFlow<P>, found: Record<string, string>): Promise<void>;
  /** Deletes `found`, newest first; answers the steps whose resource could not be. */
  rollBack(flow: IFlow<P>, found: Record<string, string>): Promise<string[]>;
}

export type ResumeAction =
  'finished' | 'rolled-back' | 'nothing-created' | 'left-behind';

export interface IResumed<P = any> {
  flow: IFlow<P>;
  action: ResumeAction;
  found: Record<string, string>;
  removed: string[];
  leftBehind: string[];
}

export const HEARTBEAT_MS = 2000;
/** A page that has not refreshed its flow for this long is gone. */
export const PAGE_GONE_MS = 3 * HEARTBEAT_MS;
/**
 * A create sent this long ago has landed or never will: the proxy gives up on
 * AWS after 30 s. Before that, a request of the reloaded page may still create.
 */
export const IN_FLIGHT_MAX_MS = 35_000;
const FLOW_TTL_MS = 7 * 24 * 3600 * 1000;
const KEY = 'jupyterlab-aws-spark-ml:flows';

/** The tags a step's create request carries (list form: EMR, SageMaker). */
export function flowTags(
  flow: Pick<IFlow, 'id'>,
  step: string
): { Key: string; Value: string }[] {
  return [
    { Key: FLOW_TAG, Value: flow.id },
    { Key: FLOW_STEP_TAG, Value: step }
  ];
}

/** Whether tags (list or map form, as services answer) mark a resource as `id`'s. */
export function taggedBy(
  tags: { Key?: string; Value?: string }[] | Record<string, string> | undefined,
  id: string
): boolean {
  if (Array.isArray(tags)) {
    return tags.some(t => t.Key === FLOW_TAG && t.Value === id);
  }
  return tags?.[FLOW_TAG] === id;
}

/** The localStorage hint: which flows a page of this browser started. */
export class FlowStore {
  constructor(private readonly storage: Storage | null = safeLocalStorage()) {}

  all(): IFlow<any>[] {
    try {
      const list = JSON.parse(
        this.storage?.getItem(KEY) ?? this._memory
      ) as IFlow[];
      return list.filter(f => Date.now() - f.stepSentAt < FLOW_TTL_MS);
    } catch {
      return [];
    }
  }

  get(id: string): IFlow<any> | undefined {
    return this.all().find(f => f.id === id);
  }

  save(flow: IFlow<any>): void {
    this._write([...this.all().filter(f => f.id !== flow.id), flow]);
  }

  remove(id: string): void {
    this._write(this.all().filter(f => f.id !== id));
  }

  /** Keeps `id` marked alive until the returned function is called. */
  keepAlive(id: string): () => void {
    const timer = setInterval(() => {
      const flow = this.get(id);
      if (flow) {
        this.save({ ...flow, aliveAt: Date.now() });
      }
    }, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }

  private _write(list: IFlow[]): void {
    const text = JSON.stringify(list);
    this._memory = text;
    try {
      this.storage?.setItem(KEY, text);
    } catch {
      // Storage full or disabled: AWS's tags still tell this page what it made.
    }
  }

  private _memory = '[]';
}

const accounts = new WeakMap<IAwsClients, Promise<string>>();

/** The AWS account the proxy signs for (asked once per page). */
export function accountOf(clients: IAwsClients): Promise<string> {
  let account = accounts.get(clients);
  if (!account) {
    account = (async () => {
      const { GetCallerIdentityCommand } = await import('../aws/sdk/sts');
      const sts = await clients.client('sts');
      return (await sts.send(new GetCallerIdentityCommand({}))).Account ?? '';
    })();
    account.catch(() => accounts.delete(clients));
    accounts.set(clients, account);
  }
  return account;
}

/** One flow run by this page: records each step before it is sent. */
export class RunningFlow<P> {
  private constructor(
    private readonly store: FlowStore,
    private _flow: IFlow<P>
  ) {
    this._stop = store.keepAlive(_flow.id);
  }

  /** Starts a flow (or takes up `id`'s again, e.g. a retried click's token). */
  static async start<P>(
    clients: IAwsClients,
    kind: IFlowKind<P>,
    params: P,
    options: { store?: FlowStore; region?: string; id?: string } = {}
  ): Promise<RunningFlow<P>> {
    const store = options.store ?? new FlowStore();
    const now = Date.now();
    const flow: IFlow<P> = {
      id: options.id ?? randomId(),
      kind: kind.kind,
      region: options.region ?? clients.region,
      // Unknown (STS refused): the flow is still resumed, its tags still prove what is its.
      account: await accountOf(clients).catch(() => ''),
      params,
      step: kind.steps[0],
      stepSentAt: now,
      aliveAt: now
    };
    store.save(flow);
    return new RunningFlow(store, flow);
  }

  get flow(): IFlow<P> {
    return this._flow;
  }

  /** Tags for `step`'s create request; records the step as sent (before the call). */
  sending(step: string): { Key: string; Value: string }[] {
    const now = Date.now();
    this._save({ ...this._flow, step, stepSentAt: now, aliveAt: now });
    return flowTags(this._flow, step);
  }

  /** A step failed: the next load rolls back whatever this page could not. */
  failed(): void {
    this._save({ ...this._flow, failed: true });
    this._stop();
  }

  /** The outcome is unknown (lost answer): keep the record for a retry or the next load. */
  pause(): void {
    this._stop();
  }

  /** Finished, or rolled back completely: nothing left to resume. */
  end(): void {
    this.store.remove(this._flow.id);
    this._stop();
  }

  private _save(flow: IFlow<P>): void {
    this._flow = flow;
    this.store.save(flow);
  }

  private readonly _stop: () => void;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, Math.max(0, ms)));

export interface IResumeOptions {
  store?: FlowStore;
  /** Called once a flow is known to be abandoned, before its outcome is sought. */
  onResume?: (flow: IFlow<any>) => void;
  /** AWS could not be asked or could not undo: the flow is kept for the next load. */
  onError?: (flow: IFlow<any>, err: unknown) => void;
}

/**
 * At page load: every flow of `kinds` that a page of this browser left
 * unfinished, in this region and account, is finished or rolled back. Flows of
 * another region or account are left for when those credentials are back.
 */
export async function resumeFlows(
  clients: IAwsClients,
  kinds: IFlowKind[],
  options: IResumeOptions = {}
): Promise<IResumed[]> {
  const store = options.store ?? new FlowStore();
  const byKind = new Map(kinds.map(k => [k.kind, k]));
  const mine = store.all().filter(f => byKind.has(f.kind));
  if (!mine.length) {
    return [];
  }
  const region = clients.region;
  const account = await accountOf(clients);
  const results = await Promise.all(
    mine
      .filter(f => f.region === region && (f.account === account || !f.account))
      .map(f =>
        resumeOne(f, byKind.get(f.kind)!, store, options).catch(err => {
          options.onError?.(f, err);
          return null;
        })
      )
  );
  return results.filter((r): r is IResumed => !!r);
}

async function resumeOne(
  flow: IFlow<any>,
  kind: IFlowKind,
  store: FlowStore,
  options: IResumeOptions
): Promise<IResumed | null> {
  // Another tab may still be running it: wait until its page stops beating.
  let current: IFlow<any> | undefined = flow;
  while (current && Date.now() < current.aliveAt + PAGE_GONE_MS) {
    await sleep(current.aliveAt + PAGE_GONE_MS - Date.now());
    current = store.get(flow.id);
  }
  if (!current) {
    return null; // its page finished it
  }
  options.onResume?.(current);
  // A create the old page sent may still land: wait until none can.
  await sleep(current.stepSentAt + IN_FLIGHT_MAX_MS - Date.now());
  const found = await kind.find(current);
  const result: IResumed = {
    flow: current,
    action: 'nothing-created',
    found,
    removed: [],
    leftBehind: []
  };
  const last = kind.steps[kind.steps.length - 1];
  const steps = Object.keys(found);
  if (found[last] !== undefined) {
    await kind.finish?.(current, found);
    result.action = 'finished';
  } else if (steps.length) {
    if (!current.failed && kind.interrupted === 'finish' && kind.finish) {
      await kind.finish(current, found);
      result.action = 'finished';
    } else {
      result.leftBehind = await kind.rollBack(current, found);
      // Newest first, as they were deleted.
      result.removed = [...kind.steps]
        .reverse()
        .filter(s => steps.includes(s) && !result.leftBehind.includes(s));
      result.action = result.leftBehind.length ? 'left-behind' : 'rolled-back';
    }
  }
  if (result.action === 'left-behind') {
    store.save({ ...current, failed: true }); // tried again at the next load
  } else {
    store.remove(current.id);
  }
  return result;
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
