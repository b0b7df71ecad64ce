import { Dialog, showDialog } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { Busy, runAction } from '../runAction';
import { notificationsEachTest, scriptDialogs } from './notifications';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  showDialog: jest.fn()
}));
const { dialog, answer } = scriptDialogs(showDialog);

const trans = nullTranslator.load('jupyterlab_aws_spark_ml');
const denied = () =>
  Object.assign(new Error('User is not authorized to perform emr:X'), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 }
  });

const notes = notificationsEachTest(dialog);

const base = {
  trans,
  progress: 'Terminating cluster c…',
  failed: 'Cluster c was not terminated',
  outcome: (state: string) => ({
    type: 'success' as const,
    message: `Cluster c is ${state}.`
  })
};

describe('runAction', () => {
  it('sends nothing and shows nothing when the person declines', async () => {
    answer(false);
    const call = jest.fn(async () => 'TERMINATING');
    const sent = await runAction({
      ...base,
      confirm: { title: 'Terminate c?', body: 'Really?', label: 'Terminate' },
      call
    });
    expect(sent).toBe(false);
    expect(call).not.toHaveBeenCalled();
    expect(notes.all).toHaveLength(0);
  });

  it('passes what the confirmation body holds to the call', async () => {
    answer(true, { model: true });
    const call = jest.fn(async (_: unknown, __: unknown) => 'done');
    await runAction({
      ...base,
      confirm: { title: 'Delete?', body: 'Really?', label: 'Delete' },
      call
    });
    expect(call.mock.calls[0][1]).toEqual({ model: true });
  });

  it('shows progress, then success', async () => {
    const sent = await runAction({ ...base, call: async () => 'TERMINATED' });
    expect(sent).toBe(true);
    expect(notes.seen.map(n => [n.type, n.message])).toEqual([
      ['in-progress', 'Terminating cluster c…'],
      ['success', 'Cluster c is TERMINATED.']
    ]);
    expect(notes.all).toHaveLength(1);
  });

  it('on failure says what did not happen and why, with the fix in Details', async () => {
    const retry = jest.fn();
    const sent = await runAction({
      ...base,
      call: async () => {
        throw denied();
      },
      onFailure: () => [{ label: 'Retry', callback: retry }]
    });
    expect(sent).toBe(false);
    const n = notes.last();
    expect(n.type).toBe('error');
    expect(n.message).toMatch(/^Cluster c was not terminated: /);
    expect(n.options.actions?.map(a => a.label)).toEqual(['Retry', 'Details']);
    dialog.mockResolvedValue({
      button: Dialog.okButton(),
      isChecked: null,
      value: null
    });
    notes.click(n, 'Details');
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(String(dialog.mock.calls[0][0]?.body)).toMatch(/emr:X/);
    notes.click(n, 'Retry');
    expect(retry).toHaveBeenCalled();
  });

  it('updates the notification with each state it follows', async () => {
    await runAction({
      ...base,
      progress: 'Provisioning cluster c…',
      call: async () => 'j-1',
      follow: async (id, progress) => {
        progress(`Cluster c (${id}) is STARTING…`);
        progress(`Cluster c (${id}) is BOOTSTRAPPING…`);
        return 'WAITING';
      }
    });
    expect(notes.seen.map(n => n.message)).toEqual([
      'Provisioning cluster c…',
      'Cluster c (j-1) is STARTING…',
      'Cluster c (j-1) is BOOTSTRAPPING…',
      'Cluster c is WAITING.'
    ]);
  });

  it('says it lost track when following fails', async () => {
    await runAction({
      ...base,
      call: async () => 'j-1',
      follow: async () => {
        throw denied();
      },
      lostTrack: 'Lost track of cluster c'
    });
    expect(notes.last().type).toBe('error');
    expect(notes.last().message).toMatch(/^Lost track of cluster c: /);
  });

  it('rolls back when the followed resource ends badly, then says so', async () => {
    const rollback = jest.fn(async () => undefined);
    await runAction({
      ...base,
      call: async () => 'e',
      follow: async () => 'Failed',
      outcome: s =>
        s === 'InService'
          ? { type: 'success', message: 'ok' }
          : { type: 'error', message: `Endpoint e ${s} and was removed` },
      rollback
    });
    expect(rollback).toHaveBeenCalledWith('Failed');
    expect(notes.last().type).toBe('error');
    expect(notes.last().message).toBe('Endpoint e Failed and was removed');
  });

  it('does not roll back a success, and says when a rollback fails', async () => {
    const rollback = jest.fn(async () => {
      throw denied();
    });
    const outcome = (s: string) =>
      s === 'InService'
        ? { type: 'success' as const, message: 'ok' }
        : { type: 'error' as const, message: 'Endpoint e failed.' };
    await runAction({
      ...base,
      call: async () => 'InService',
      outcome,
      rollback
    });
    expect(rollback).not.toHaveBeenCalled();
    await runAction({ ...base, call: async () => 'Failed', outcome, rollback });
    expect(notes.last().message).toMatch(
      /^Endpoint e failed\. Undoing it failed: /
    );
  });

  it('counts the call, not the follow, as busy', async () => {
    const busy = new Busy();
    const changes: boolean[] = [];
    busy.changed.connect(() => changes.push(busy.active));
    let during = false;
    let following = true;
    await runAction({
      ...base,
      busy,
      call: async () => {
        during = busy.active;
        return 'j-1';
      },
      follow: async () => {
        following = busy.active;
        return 'WAITING';
      }
    });
    expect(during).toBe(true);
    expect(following).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('reuses the notification it is given (a Retry)', async () => {
    const first = await runAction({
      ...base,
      call: async () => {
        throw denied();
      }
    });
    expect(first).toBe(false);
    const id = notes.last().id;
    await runAction({ ...base, notification: id, call: async () => 'x' });
    expect(notes.all).toHaveLength(1);
    expect(notes.last()).toMatchObject({ id, type: 'success' });
  });
});
