import { nullTranslator } from '@jupyterlab/translation';
import { AttachmentModel } from '../AttachmentModel';
import { IAttachView, labelTone, shortId, toolbarLabel } from '../label';

const trans = nullTranslator.load('jupyterlab_aws_spark_ml');
const emr = {
  target: 'emr' as const,
  id: 'j-1ABCDEFGHIJK',
  region: 'us-east-1'
};
const view = (v: Partial<IAttachView>): IAttachView => ({
  attachment: emr,
  phase: 'connected',
  remoteState: null,
  ...v
});

describe('toolbarLabel', () => {
  it('shows the target and AWS’s own state', () => {
    expect(toolbarLabel(view({ remoteState: 'WAITING' }), trans)).toBe(
      'Spark: j-1ABC… · WAITING'
    );
    expect(labelTone(view({ remoteState: 'WAITING' }))).toBe('ok');
    expect(labelTone(view({ remoteState: 'TERMINATED_WITH_ERRORS' }))).toBe(
      'error'
    );
  });

  it('says none, connecting, failed and not connected', () => {
    expect(
      toolbarLabel(view({ attachment: null, phase: 'disconnected' }), trans)
    ).toBe('Spark: none');
    expect(toolbarLabel(view({ phase: 'connecting' }), trans)).toBe(
      'Spark: j-1ABC… · connecting…'
    );
    expect(toolbarLabel(view({ phase: 'failed' }), trans)).toBe(
      'Spark: j-1ABC… · failed'
    );
    expect(toolbarLabel(view({ phase: 'disconnected' }), trans)).toBe(
      'Spark: j-1ABC… · not connected'
    );
    expect(toolbarLabel(view({ remoteState: null }), trans)).toBe(
      'Spark: j-1ABC… · connected'
    );
  });

  it('shows local Spark as ready and keeps short Glue ids whole', () => {
    const local = { target: 'local' as const, id: 'local', region: '' };
    expect(toolbarLabel(view({ attachment: local }), trans)).toBe(
      'Spark: local · ready'
    );
    expect(shortId('glue', 'etl-session')).toBe('etl-session');
    expect(shortId('glue', 'a-very-long-glue-session-name')).toBe(
      'a-very-long-glue…'
    );
    expect(shortId('emr', 'j-1AB')).toBe('j-1AB');
  });
});

describe('AttachmentModel', () => {
  const models: AttachmentModel[] = [];
  afterEach(() => models.splice(0).forEach(m => m.dispose()));

  it('follows the magic’s reports', () => {
    const model = new AttachmentModel({ readState: async () => 'WAITING' });
    models.push(model);
    model.setAttachment(emr);
    model.setPhase('connecting');
    model.handleEvent({
      event: 'failed',
      target: 'emr',
      reason: 'r',
      fix: 'f'
    });
    expect(model.phase).toBe('failed');
    expect(model.failure).toEqual({ reason: 'r', fix: 'f' });
    model.handleEvent({
      event: 'connected',
      target: 'emr',
      id: emr.id,
      sparkUi: 'http://ui'
    });
    expect(model.phase).toBe('connected');
    expect(model.sparkUi).toBe('http://ui');
    expect(model.failure).toBeNull();
    model.kernelLost();
    expect(model.phase).toBe('disconnected');
    expect(model.sparkUi).toBeNull();
    model.handleEvent({
      event: 'status',
      target: 'emr',
      id: emr.id,
      state: 'idle'
    });
    expect(model.phase).toBe('connected');
    model.handleEvent({ event: 'disconnected', target: 'emr' });
    expect(model.phase).toBe('disconnected');
  });

  it('polls the cluster state while attached and stops when it terminates', async () => {
    const states = ['WAITING', 'TERMINATED'];
    const seen: string[] = [];
    const model = new AttachmentModel({
      readState: async a => {
        seen.push(a.id);
        return states.shift() ?? 'TERMINATED';
      },
      intervalSeconds: 0.01
    });
    models.push(model);
    model.setAttachment(emr);
    expect(seen).toEqual([]); // not attached in the kernel yet: nothing to poll
    const terminated = new Promise<void>(resolve =>
      model.changed.connect(
        () => model.remoteState === 'TERMINATED' && resolve()
      )
    );
    model.handleEvent({ event: 'connected', target: 'emr', id: emr.id });
    await terminated;
    expect(toolbarLabel(model, trans)).toBe('Spark: j-1ABC… · TERMINATED');
    const calls = seen.length;
    await new Promise(r => setTimeout(r, 60));
    expect(seen.length).toBe(calls); // stopped at the terminal state
    expect(model.poll.isDisposed).toBe(false);
  });

  it('never polls AWS for local Spark', async () => {
    const readState = jest.fn(async () => 'WAITING');
    const model = new AttachmentModel({ readState, intervalSeconds: 0.01 });
    models.push(model);
    model.setAttachment({ target: 'local', id: 'local', region: '' });
    model.handleEvent({ event: 'connected', target: 'local', id: 'local' });
    await new Promise(r => setTimeout(r, 40));
    expect(readState).not.toHaveBeenCalled();
  });
});
