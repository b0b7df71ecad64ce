import { GONE, watchResource } from '../watchResource';

interface IAnswer {
  Status: string;
}

/** Answers (or errors) read in turn; the last one repeats. */
function describeCalls(answers: (IAnswer | Error)[]) {
  let reads = 0;
  return {
    read: async (): Promise<IAnswer> => {
      const a = answers[Math.min(reads++, answers.length - 1)];
      if (a instanceof Error) {
        throw a;
      }
      return a;
    },
    reads: () => reads
  };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const boom = () =>
  Object.assign(new Error('boom'), { $metadata: { httpStatusCode: 500 } });
const notFound = () =>
  Object.assign(new Error('Could not find endpoint'), {
    name: 'ValidationException'
  });

describe('watchResource', () => {
  it('reads until a done state, reports each change once, then stops', async () => {
    const aws = describeCalls([
      { Status: 'Creating' },
      { Status: 'Creating' },
      { Status: 'InService' }
    ]);
    const seen: string[] = [];
    const watch = watchResource({
      read: aws.read,
      state: r => r.Status,
      isDone: s => s === 'InService' || s === 'Failed',
      onState: s => seen.push(s),
      intervalMs: 1,
      name: 'test'
    });
    expect(await watch.done).toEqual({ Status: 'InService' });
    expect(seen).toEqual(['Creating', 'InService']);
    await sleep(30);
    expect(aws.reads()).toBe(3);
  });

  it('rides out a few failed reads, and gives up after maxFailures in a row', async () => {
    const untilWaiting = (aws: ReturnType<typeof describeCalls>) =>
      watchResource({
        read: aws.read,
        state: r => r.Status,
        isDone: s => s === 'WAITING',
        intervalMs: 1,
        maxFailures: 3,
        name: 'test'
      }).done;
    await expect(
      untilWaiting(describeCalls([boom(), boom(), { Status: 'WAITING' }]))
    ).resolves.toEqual({ Status: 'WAITING' });

    const failing = describeCalls([{ Status: 'STARTING' }, boom()]);
    await expect(untilWaiting(failing)).rejects.toThrow('boom');
    expect(failing.reads()).toBe(4);
    await sleep(30);
    expect(failing.reads()).toBe(4); // no more reads after giving up
  });

  it('sees a deleted resource as Gone', async () => {
    const aws = describeCalls([{ Status: 'Deleting' }, notFound()]);
    const seen: string[] = [];
    const end = await watchResource<IAnswer | undefined>({
      read: aws.read,
      state: r => r?.Status ?? '',
      isDone: s => s === GONE,
      onState: s => seen.push(s),
      isGone: err => (err as Error).name === 'ValidationException',
      intervalMs: 1,
      name: 'test'
    }).done;
    expect(end).toBeUndefined();
    expect(seen).toEqual(['Deleting', 'Gone']);
  });

  it('fails at once when the resource disappears before a done state', async () => {
    const aws = describeCalls([{ Status: 'Creating' }, notFound()]);
    await expect(
      watchResource<IAnswer | undefined>({
        read: aws.read,
        state: r => r?.Status ?? '',
        isDone: s => s === 'InService',
        isGone: err => (err as Error).name === 'ValidationException',
        intervalMs: 1,
        name: 'test'
      }).done
    ).rejects.toThrow('Could not find endpoint');
    expect(aws.reads()).toBe(2);
  });

  it('stops reading when disposed', async () => {
    const aws = describeCalls([{ Status: 'InProgress' }]);
    const watch = watchResource({
      read: aws.read,
      state: r => r.Status,
      isDone: s => s === 'Completed',
      intervalMs: 5,
      name: 'test'
    });
    await sleep(30);
    watch.dispose();
    await expect(watch.done).rejects.toThrow('disposed');
    const reads = aws.reads();
    expect(reads).toBeGreaterThan(0);
    await sleep(30);
    expect(aws.reads()).toBe(reads);
  });
});
