import { Poll } from '@lumino/polling';
import { changingFrequency, steadyFrequency } from '../frequency';
import {
  IListSource,
  ResourceListModel,
  StateGroup,
  describeInBatches,
  readAllPages
} from '../ResourceListModel';

interface IThing {
  id: string;
  state: 'UP' | 'STARTING' | 'DOWN';
  created: number;
}

/** An AWS error as the SDK raises it. */
function awsError(name: string, status: number): Error {
  return Object.assign(new Error(`${name}!`), {
    name,
    $metadata: { httpStatusCode: status }
  });
}

/**
 * A resource kind served from memory, in pages of two, so the model's
 * behaviour is seen without any SDK: `fault` answers instead while set.
 */
function things(items: IThing[]) {
  const calls: StateGroup[] = [];
  const pageReads: number[] = [];
  let fault: Error | null = null;
  let gate: Promise<void> | null = null;
  const source: IListSource<IThing> = {
    async fetchAll(group) {
      calls.push(group);
      if (gate) {
        await gate;
      }
      if (fault) {
        throw fault;
      }
      const out: IThing[] = [];
      for (let i = 0; i < items.length; i += 2) {
        pageReads.push(i / 2);
        out.push(...items.slice(i, i + 2));
      }
      return out.filter(t => group === 'all' || t.state !== 'DOWN');
    },
    key: t => t.id,
    name: t => `thing ${t.id}`,
    state: t => t.state,
    created: t => t.created,
    inGroup: (t, group) => group === 'all' || t.state !== 'DOWN',
    isChanging: t => t.state === 'STARTING'
  };
  return {
    source,
    calls,
    pageReads,
    fail: (err: Error | null) => (fault = err),
    /** Holds every fetch until the returned function is called. */
    hold: () => {
      let open!: () => void;
      gate = new Promise(r => (open = r));
      return () => {
        gate = null;
        open();
      };
    }
  };
}

const models: { dispose(): void }[] = [];
afterEach(() => models.splice(0).forEach(m => m.dispose()));
function listOf(items: IThing[], intervalSeconds = 5) {
  const fake = things(items);
  const model = new ResourceListModel(fake.source, { intervalSeconds });
  models.push(model);
  return { model, ...fake };
}

/** Resolves at the poll's next tick in `phase`. */
function nextTick(poll: Poll, phase: string): Promise<Poll['state']> {
  return new Promise(resolve => {
    const on = (_: Poll, state: Poll['state']) => {
      if (state.phase === phase) {
        poll.ticked.disconnect(on);
        resolve(state);
      }
    };
    poll.ticked.connect(on);
  });
}

const up = (id: string, created: number, state: IThing['state'] = 'UP') => ({
  id,
  state,
  created
});

describe('ResourceListModel', () => {
  it('shows every page one refresh fetched, newest first', async () => {
    const { model, calls, pageReads } = listOf([
      up('a', 1),
      up('b', 3),
      up('c', 2),
      up('d', 5),
      up('e', 4)
    ]);
    await model.refresh();
    expect(calls).toEqual(['active']);
    expect(pageReads).toEqual([0, 1, 2]);
    expect(model.loaded).toBe(true);
    expect(model.visible.map(t => t.id)).toEqual(['d', 'e', 'b', 'c', 'a']);
  });

  it('filters by group, searches by name or key and sorts without fetching', async () => {
    const { model, calls } = listOf([
      up('a', 1),
      up('b', 2, 'DOWN'),
      up('c', 3, 'STARTING')
    ]);
    model.group = 'all'; // not started: no refresh yet
    await model.refresh();
    expect(model.visible.map(t => t.id)).toEqual(['c', 'b', 'a']);
    model.sort = 'state';
    expect(model.visible.map(t => t.state)).toEqual(['DOWN', 'STARTING', 'UP']);
    model.search = 'THING A';
    expect(model.visible.map(t => t.id)).toEqual(['a']);
    model.search = '';
    model.group = 'active';
    expect(model.visible.map(t => t.id)).toEqual(['c', 'a']);
    expect(calls).toEqual(['all']);
    expect(model.find('b')?.state).toBe('DOWN');
  });

  it('polls faster while something changes by itself, and while a change is expected', async () => {
    const items = [up('a', 1, 'STARTING')];
    const { model } = listOf(items);
    await model.refresh();
    expect(model.poll.frequency).toEqual(changingFrequency(5000));
    items[0].state = 'UP';
    await model.refresh();
    expect(model.poll.frequency).toEqual(steadyFrequency(5000));

    let finish!: () => void;
    const created = model.expectChange(new Promise<void>(r => (finish = r)));
    expect(model.isChanging).toBe(true);
    expect(model.poll.frequency.interval).toBe(2000);
    finish();
    await created;
    expect(model.isChanging).toBe(false);
    expect(model.poll.frequency.interval).toBe(5000);
  });

  it('doubles the interval for each throttled refresh, keeps the rows, and resets on success', async () => {
    const { model, fail } = listOf([up('a', 1)], 1);
    await model.refresh();
    fail(awsError('ThrottlingException', 400));
    const ticks: number[] = [];
    for (let i = 0; i < 8; i++) {
      await model.refresh(); // resolves: the poll must not add its own back-off
      ticks.push(model.poll.frequency.interval);
    }
    // Doubling stops at the steady maximum (a minute for a 1 s interval).
    expect(ticks).toEqual([
      2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000
    ]);
    expect(model.items.map(t => t.id)).toEqual(['a']);
    expect(model.retrying).toBe('throttled');
    expect(model.error?.code).toBe('ThrottlingException');

    fail(null);
    await model.refresh();
    expect(model.poll.frequency).toEqual(steadyFrequency(1000));
    expect(model.retrying).toBeNull();
    expect(model.error).toBeNull();
  });

  it('schedules the next tick one doubled interval after a throttled one', async () => {
    const { model, fail } = listOf([up('a', 1)], 1);
    fail(awsError('ThrottlingException', 400));
    const first = nextTick(model.poll, 'resolved');
    void model.start();
    expect((await first).interval).toBe(2000);
  });

  it('rejects other errors so the poll backs off, and says whether it retries by itself', async () => {
    const { model, fail } = listOf([up('a', 1)], 1);
    await model.refresh();
    fail(awsError('InternalFailure', 500));
    await expect(model.refresh()).rejects.toThrow('InternalFailure!');
    expect(model.retrying).toBe('error');
    expect(model.items).toHaveLength(1);

    fail(awsError('AccessDeniedException', 400));
    const rejected = nextTick(model.poll, 'rejected');
    void model.start();
    await rejected;
    expect(model.retrying).toBeNull(); // a person must act
    expect(model.error?.title).toBe('Access denied');
    // The poll's own back-off grows the wait, not the throttling doubling.
    expect(model.poll.frequency).toEqual(steadyFrequency(1000));
  });

  it('does not fetch while hidden, and fetches once when shown', async () => {
    const { model, calls } = listOf([up('a', 1)]);
    model.setVisible(false);
    const standby = nextTick(model.poll, 'standby');
    void model.start();
    await standby;
    expect(calls).toHaveLength(0);
    const refreshed = nextTick(model.poll, 'refreshed');
    model.setVisible(true);
    await refreshed;
    await new Promise(r => setTimeout(r, 0));
    expect(calls).toHaveLength(1);
    expect(model.items).toHaveLength(1);
    model.setVisible(true); // already shown: nothing new
    await new Promise(r => setTimeout(r, 10));
    expect(calls).toHaveLength(1);
  });

  it('does not start a second fetch when shown while one is under way', async () => {
    const { model, calls, hold } = listOf([up('a', 1)]);
    model.setVisible(false);
    const standby = nextTick(model.poll, 'standby');
    void model.start();
    await standby;
    // The sidebar section appears while a refresh lists its pages.
    const release = hold();
    const running = model.refresh();
    model.setVisible(true);
    await new Promise(r => setTimeout(r, 10));
    release();
    await running;
    expect(calls).toHaveLength(1);
  });

  it('does not poll before it is started', async () => {
    const { model, calls } = listOf([up('a', 1)]);
    model.refreshSoon();
    model.group = 'all';
    await new Promise(r => setTimeout(r, 10));
    expect(calls).toHaveLength(0);
    expect(model.started).toBe(false);
  });

  it('takes the interval from settings, never under a second', async () => {
    const { model } = listOf([up('a', 1)]);
    model.setInterval(0.2);
    expect(model.poll.frequency).toEqual(steadyFrequency(1000));
    model.setInterval(30);
    expect(model.poll.frequency).toEqual(steadyFrequency(30_000));
  });
});

describe('paging helpers', () => {
  it('follows the next token until the last page', async () => {
    const tokens: (string | undefined)[] = [];
    const all = await readAllPages(async token => {
      tokens.push(token);
      const n = Number(token ?? 0);
      return { items: [n, n + 1], next: n < 4 ? String(n + 2) : undefined };
    });
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(tokens).toEqual([undefined, '2', '4']);
  });

  it('describes four at a time', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await describeInBatches([1, 2, 3, 4, 5, 6, 7, 8, 9], async n => {
      most = Math.max(most, ++running);
      await new Promise(r => setTimeout(r, 1));
      running--;
      done.push(n);
    });
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
