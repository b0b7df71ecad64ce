import {
  attachedTarget,
  CONNECTION_MIME,
  eventFromBundle,
  eventsFromText,
  runQuietly,
  toEvent
} from '../kernelProtocol';
import { display, error, fakeKernel, sessionWith, stdout } from './fakeKernel';

// What magics/announce.py really writes: regenerate with make_announcements.py.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const fixture = require('./announcements.json') as {
  mime: string;
  cases: {
    stdout: string;
    display: Record<string, unknown>;
    event: Record<string, unknown>;
  }[];
};

const named = fixture.cases.map(
  c => [`${c.event.event} (${c.event.target ?? 'none'})`, c] as const
);

describe('the magic’s announcements', () => {
  it('share the MIME type with the Python side', () => {
    expect(CONNECTION_MIME).toBe(fixture.mime);
  });

  it.each(named)('reads a %s line exactly as announce() prints it', (_, c) => {
    expect(eventsFromText(c.stdout)).toEqual([c.event]);
  });

  it.each(named)(
    'reads a %s display exactly as announce() publishes it',
    (_, c) => {
      expect(eventFromBundle(c.display)).toEqual(c.event);
    }
  );

  it('finds the line among other output and skips look-alikes', () => {
    const text = [
      'Attached to emr (j-1ABC).',
      'AWS_SPARK_ML {not json',
      fixture.cases[0].stdout.trimEnd(),
      ' AWS_SPARK_ML {"event":"connected"}',
      'AWS_SPARK_ML {"event":"unknown"}'
    ].join('\n');
    expect(eventsFromText(text)).toEqual([fixture.cases[0].event]);
  });

  it('refuses objects that are not events', () => {
    expect(toEvent(null)).toBeNull();
    expect(toEvent('connected')).toBeNull();
    expect(toEvent({ event: 'hello' })).toBeNull();
    expect(eventFromBundle({ 'text/plain': 'x' })).toBeNull();
    expect(eventFromBundle(undefined)).toBeNull();
  });
});

describe('attachedTarget', () => {
  const statuses = fixture.cases
    .map(c => c.event)
    .filter(e => e.event === 'status');

  it('reads what announce() reports for a live and for no connection', () => {
    expect(statuses.map(e => attachedTarget(toEvent(e)))).toEqual([
      null,
      { target: 'local', id: 'local' }
    ]);
  });

  it('treats a target that can no longer run code as not attached', () => {
    for (const state of ['stopped', 'STOPPED', 'TIMEOUT', 'dead']) {
      expect(
        attachedTarget({ event: 'status', target: 'glue', id: 's', state })
      ).toBeNull();
    }
    expect(
      attachedTarget({
        event: 'status',
        target: 'emr',
        id: 'j-1',
        state: 'idle'
      })
    ).toEqual({ target: 'emr', id: 'j-1' });
  });

  it('ignores reports that are not a status', () => {
    expect(attachedTarget(toEvent(fixture.cases[0].event))).toBeNull();
    expect(attachedTarget(undefined)).toBeNull();
  });
});

describe('runQuietly', () => {
  const [connected, , failed] = fixture.cases;

  it('runs without history and collects events, text and errors', async () => {
    const { kernel, codes } = fakeKernel(() => [
      stdout('Attached to emr.\n' + connected.stdout),
      display(connected.display),
      display({ 'text/plain': "'42'" }),
      error('ValueError', 'bad')
    ]);
    const result = await runQuietly(sessionWith(kernel), '%aws_spark status');
    expect(codes).toEqual(['%aws_spark status']);
    expect((kernel.requestExecute as jest.Mock).mock.calls[0][0]).toMatchObject(
      { store_history: false, silent: false }
    );
    // The display is the report; its stdout twin is not counted twice.
    expect(result.events).toEqual([connected.event]);
    expect(result.text).toBe("Attached to emr.\n'42'\n");
    expect(result.error).toBe('ValueError: bad');
  });

  it('falls back to the stdout line when nothing was displayed', async () => {
    const { kernel } = fakeKernel(() => [stdout(failed.stdout)]);
    const result = await runQuietly(sessionWith(kernel), 'x');
    expect(result.events).toEqual([failed.event]);
    expect(result.error).toBeNull();
  });

  it('says so when the notebook has no kernel', async () => {
    const result = await runQuietly(sessionWith(null), 'x');
    expect(result).toEqual({
      events: [],
      text: '',
      error: 'NoKernel: the notebook has no kernel'
    });
  });
});
