import { Notification } from '@jupyterlab/apputils';
import { KernelMessage } from '@jupyterlab/services';
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { CONNECTION_MIME } from '../../core/kernelProtocol';
import { fakeKernel, Reply } from '../../core/__tests__/fakeKernel';
import { NotebookAttachments } from '../attachments';
import { IAttachment, STATUS_CODE } from '../connectCell';
import { getNotebookAttachment, setNotebookAttachment } from '../metadata';
import { fakePanel } from './fakeNotebook';

const warn = console.warn;
beforeAll(() => {
  console.warn = (...args: unknown[]) =>
    String(args[0]).startsWith('Invalid access') ? undefined : warn(...args);
});
afterAll(() => (console.warn = warn));
afterEach(() => jest.restoreAllMocks());

const emr: IAttachment = { target: 'emr', id: 'j-1ABC', region: 'us-west-2' };
const reports = (event: Record<string, unknown>): Reply[] => [
  ['display_data', { data: { [CONNECTION_MIME]: event }, metadata: {} }]
];
const liveOn = (target: string, id: string) =>
  reports({ event: 'status', target, id, state: 'idle' });
const notAttached = reports({
  event: 'status',
  target: null,
  state: 'disconnected'
});

/** NotebookAttachments over the given panels; AWS is never answered. */
function track(...panels: any[]) {
  const tracker = {
    widgetAdded: new Signal<any, any>({}),
    forEach: (fn: (p: any) => void) => panels.forEach(fn)
  };
  const attachments = new NotebookAttachments({
    tracker: tracker as any,
    clients: { client: () => new Promise(() => undefined) } as any,
    compute: null,
    status: { info: { region: 'eu-west-1' } } as any,
    trans: nullTranslator.load('x')
  });
  return attachments;
}
const close = (panel: any) => panel.disposed.emit();
const settle = () => new Promise(r => setTimeout(r, 0));

describe('NotebookAttachments.current', () => {
  it('asks the kernel, keeping the region the notebook names', async () => {
    const { kernel, codes } = fakeKernel(() => liveOn('emr', 'j-1ABC'));
    const panel = fakePanel(kernel);
    setNotebookAttachment(panel.content.model, emr);
    const attachments = track(panel);
    await expect(attachments.current(panel)).resolves.toEqual(emr);
    expect(codes).toContain(STATUS_CODE);
    close(panel);
  });

  it('uses the server’s region for a connect typed by hand', async () => {
    const panel = fakePanel(fakeKernel(() => liveOn('glue', 's1')).kernel);
    const attachments = track(panel);
    await expect(attachments.current(panel)).resolves.toEqual({
      target: 'glue',
      id: 's1',
      region: 'eu-west-1'
    });
    close(panel);
  });

  it('is null when the kernel is attached to nothing', async () => {
    const panel = fakePanel(fakeKernel(() => notAttached).kernel);
    await expect(track(panel).current(panel)).resolves.toBeNull();
    close(panel);
  });

  it('does not run the magic in a kernel that cannot have it', async () => {
    const { kernel, codes } = fakeKernel(() => notAttached, 'ir');
    const panel = fakePanel(kernel);
    await expect(track(panel).current(panel)).resolves.toBeNull();
    expect(codes).toEqual([]);
    close(panel);
  });
});

describe('NotebookAttachments tracking', () => {
  it('follows a connect run in any cell into the metadata', async () => {
    const panel = fakePanel(fakeKernel(() => []).kernel);
    const attachments = track(panel);
    const msg = KernelMessage.createMessage<any>({
      channel: 'iopub',
      msgType: 'display_data',
      session: 's',
      content: {
        data: {
          [CONNECTION_MIME]: {
            event: 'connected',
            target: 'glue',
            id: 'typed-by-hand'
          }
        },
        metadata: {}
      }
    });
    panel.sessionContext.iopubMessage.emit(msg);
    expect(getNotebookAttachment(panel.content.model)).toEqual({
      target: 'glue',
      id: 'typed-by-hand',
      region: 'eu-west-1'
    });
    const model = attachments.modelFor(panel);
    expect(model.phase).toBe('connected');
    panel.sessionContext.statusChanged.emit('restarting');
    expect(model.phase).toBe('disconnected');
    close(panel);
  });

  it('offers to re-attach a reopened notebook whose kernel lost Spark', async () => {
    const info = jest.spyOn(Notification, 'info').mockReturnValue('n');
    const panel = fakePanel(fakeKernel(() => notAttached).kernel);
    setNotebookAttachment(panel.content.model, emr);
    track(panel);
    await settle();
    await settle();
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0][0]).toContain('Re-attach it?');
    close(panel);
  });

  it('stays quiet when the kernel is still attached (page reload)', async () => {
    const info = jest.spyOn(Notification, 'info').mockReturnValue('n');
    const panel = fakePanel(fakeKernel(() => liveOn('emr', 'j-1ABC')).kernel);
    setNotebookAttachment(panel.content.model, emr);
    const attachments = track(panel);
    await settle();
    await settle();
    expect(info).not.toHaveBeenCalled();
    expect(attachments.modelFor(panel).attachment).toEqual(emr);
    close(panel);
  });
});
