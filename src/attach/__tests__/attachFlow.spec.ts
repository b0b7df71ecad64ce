import { Notification } from '@jupyterlab/apputils';
import { NotebookActions } from '@jupyterlab/notebook';
import { nullTranslator } from '@jupyterlab/translation';
import { CONNECTION_MIME } from '../../core/kernelProtocol';
import {
  error,
  fakeKernel,
  Reply,
  stdout
} from '../../core/__tests__/fakeKernel';
import { attachNotebook, detachNotebook } from '../attachFlow';
import { AttachmentModel } from '../AttachmentModel';
import {
  connectCellSource,
  DISCONNECT_CODE,
  IAttachment
} from '../connectCell';
import { getNotebookAttachment, setNotebookAttachment } from '../metadata';
import { codeCell, fakePanel, sources } from './fakeNotebook';

const warn = console.warn;
beforeAll(() => {
  // ydoc fills new cells before they join the document; yjs warns in tests only.
  console.warn = (...args: unknown[]) =>
    String(args[0]).startsWith('Invalid access') ? undefined : warn(...args);
});
afterAll(() => (console.warn = warn));

const ctx = {
  trans: nullTranslator.load('x'),
  defaultRegion: () => 'eu-west-1'
};
const emr: IAttachment = { target: 'emr', id: 'j-1ABC', region: 'eu-west-1' };
const model = () => new AttachmentModel({ readState: async () => 'WAITING' });

let notify: Record<string, jest.SpyInstance>;
beforeEach(() => {
  notify = {
    emit: jest.spyOn(Notification, 'emit').mockReturnValue('n1'),
    update: jest.spyOn(Notification, 'update').mockReturnValue(true),
    error: jest.spyOn(Notification, 'error').mockReturnValue('n2'),
    success: jest.spyOn(Notification, 'success').mockReturnValue('n3'),
    warning: jest.spyOn(Notification, 'warning').mockReturnValue('n4')
  };
});
afterEach(() => jest.restoreAllMocks());

/** The connect cell "runs": the magic's report lands in its outputs. */
function cellReports(report: Record<string, unknown> | null) {
  return jest
    .spyOn(NotebookActions, 'runCells')
    .mockImplementation(async (_notebook, cells) => {
      if (report) {
        (cells[0].model as any).outputs.add({
          output_type: 'display_data',
          data: { [CONNECTION_MIME]: report },
          metadata: {}
        });
      }
      return true;
    });
}

describe('attachNotebook', () => {
  it('writes the connect cell on top, runs it, and says Spark is ready', async () => {
    const panel = fakePanel(fakeKernel(() => []).kernel);
    panel.content.model.sharedModel.insertCell(0, {
      cell_type: 'code',
      source: 'df.show()'
    });
    const m = model();
    const run = cellReports({
      event: 'connected',
      target: 'emr',
      id: 'j-1ABC'
    });
    const result = await attachNotebook(panel, m, emr, ctx);

    expect(result?.event).toBe('connected');
    expect(run).toHaveBeenCalledTimes(1);
    expect(sources(panel)).toEqual([
      connectCellSource(emr, 'eu-west-1'),
      'df.show()'
    ]);
    expect(getNotebookAttachment(panel.content.model)).toEqual(emr);
    expect(m.phase).toBe('connected');
    expect(notify.update).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'success' })
    );
    m.dispose();
  });

  it('shows the magic’s reason and fix when the connect fails', async () => {
    const panel = fakePanel(fakeKernel(() => []).kernel);
    const m = model();
    cellReports({
      event: 'failed',
      target: 'emr',
      reason: 'cluster j-1ABC is STARTING',
      fix: 'wait until WAITING'
    });
    await attachNotebook(panel, m, emr, ctx);
    expect(m.phase).toBe('failed');
    const calls = notify.update.mock.calls;
    const last = calls[calls.length - 1][0];
    expect(last.type).toBe('error');
    expect(last.message).toContain('cluster j-1ABC is STARTING');
    expect(last.message).toContain('wait until WAITING');
    m.dispose();
  });

  it('fails with a fix when the cell never reports (kernel restarted)', async () => {
    const panel = fakePanel(fakeKernel(() => []).kernel);
    const m = model();
    cellReports(null);
    const result = await attachNotebook(panel, m, emr, ctx);
    expect(result).toMatchObject({ event: 'failed', target: 'emr' });
    expect(result?.reason).toContain('did not finish');
    m.dispose();
  });

  it('writes nothing for an id that cannot be a safe cell', async () => {
    const panel = fakePanel(fakeKernel(() => []).kernel);
    const run = cellReports(null);
    const result = await attachNotebook(
      panel,
      model(),
      { ...emr, id: 'j-1; rm -rf /' },
      ctx
    );
    expect(result).toBeNull();
    expect(run).not.toHaveBeenCalled();
    expect(sources(panel)).toEqual([]);
    expect(notify.error).toHaveBeenCalledWith(
      expect.stringContaining('EMR cluster id must look like'),
      expect.anything()
    );
  });

  it('starts the Python kernel first when the notebook has another', async () => {
    const panel = fakePanel(fakeKernel(() => [], 'ir').kernel);
    cellReports({ event: 'connected', target: 'emr', id: 'j-1ABC' });
    await attachNotebook(panel, model(), emr, ctx);
    expect(panel.sessionContext.changeKernel).toHaveBeenCalledWith({
      name: 'python3'
    });
  });
});

describe('detachNotebook', () => {
  const attached = (answer: (code: string) => Reply[]) => {
    const fake = fakeKernel(answer);
    const panel = fakePanel(fake.kernel);
    const nb = panel.content.model;
    nb.sharedModel.insertCell(0, {
      cell_type: 'code',
      source: connectCellSource(emr, 'eu-west-1'),
      metadata: { aws_spark_ml: { connect: true } }
    });
    nb.sharedModel.insertCell(1, { cell_type: 'code', source: 'df.show()' });
    setNotebookAttachment(nb, emr);
    const m = model();
    m.setAttachment(emr);
    return { panel, m, codes: fake.codes };
  };
  const disconnected = (message: string): Reply[] => [
    stdout(`Stopped.\n`),
    [
      'display_data',
      {
        data: {
          [CONNECTION_MIME]: { event: 'disconnected', target: 'emr', message }
        },
        metadata: {}
      }
    ]
  ];

  it('disconnects in the kernel, forgets the target and removes our cell', async () => {
    const { panel, m, codes } = attached(() =>
      disconnected('Closed Livy session 3 on j-1ABC.')
    );
    await detachNotebook(panel, m, ctx);
    expect(codes).toEqual([DISCONNECT_CODE]);
    expect(sources(panel)).toEqual(['df.show()']);
    expect(getNotebookAttachment(panel.content.model)).toBeNull();
    expect(m.attachment).toBeNull();
    expect(m.phase).toBe('disconnected');
    expect(notify.success.mock.calls[0][0]).toBe(
      'Closed Livy session 3 on j-1ABC.'
    );
  });

  it('keeps a connect cell someone edited, and says so', async () => {
    const { panel, m } = attached(() => disconnected('Closed.'));
    codeCell(panel, 0).sharedModel.setSource(
      '# mine\n%aws_spark connect local'
    );
    await detachNotebook(panel, m, ctx);
    expect(sources(panel)[0]).toContain('# mine');
    expect(notify.success.mock.calls[0][0]).toContain(
      'The connect cell was edited, so it is kept.'
    );
  });

  it('does not warn when the kernel was not attached any more', async () => {
    const { panel, m } = attached(() => [
      error('NotConnected', '%aws_spark disconnect needs an attached Spark.')
    ]);
    await detachNotebook(panel, m, ctx);
    expect(notify.warning).not.toHaveBeenCalled();
    expect(notify.success).toHaveBeenCalled();
  });

  it('warns with what the kernel reported when disconnecting failed', async () => {
    const { panel, m } = attached(() => [
      error('ClientError', 'AccessDenied on CancelStatement')
    ]);
    await detachNotebook(panel, m, ctx);
    expect(notify.warning.mock.calls[0][0]).toContain(
      'ClientError: AccessDenied on CancelStatement'
    );
    expect(getNotebookAttachment(panel.content.model)).toBeNull();
  });
});
