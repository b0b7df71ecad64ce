/**
 * A kernel that answers each execute request with the iopub messages a
 * test scripts (what IPython would send), built on @jupyterlab/services'
 * KernelMock.
 */
import { KernelMessage } from '@jupyterlab/services';
import type { Kernel } from '@jupyterlab/services';
import { KernelMock } from '@jupyterlab/services/lib/testutils';
import type { Signal } from '@lumino/signaling';

/** One iopub message: `['stream', { name, text }]`, `['display_data', { data }]`, … */
export type Reply = [KernelMessage.IOPubMessageType, Record<string, any>];

export interface IFakeKernel {
  kernel: Kernel.IKernelConnection;
  /** The code of every execute request, in order. */
  codes: string[];
}

export const stdout = (text: string): Reply => [
  'stream',
  { name: 'stdout', text }
];
export const display = (data: Record<string, unknown>): Reply => [
  'display_data',
  { data, metadata: {} }
];
export const error = (ename: string, evalue: string): Reply => [
  'error',
  { ename, evalue, traceback: [] }
];

export function fakeKernel(
  answer: (code: string) => Reply[],
  name = 'python3'
): IFakeKernel {
  const kernel = new KernelMock({ model: { name } });
  const codes: string[] = [];
  const iopub = kernel.iopubMessage as Signal<Kernel.IKernelConnection, any>;
  (kernel as any).requestExecute = jest.fn(
    (content: KernelMessage.IExecuteRequestMsg['content']) => {
      codes.push(content.code);
      const future: any = { onIOPub: () => undefined };
      future.done = Promise.resolve().then(() => {
        for (const [msgType, body] of answer(content.code)) {
          const msg = KernelMessage.createMessage<any>({
            channel: 'iopub',
            msgType,
            session: kernel.clientId,
            content: body
          }) as KernelMessage.IIOPubMessage;
          iopub.emit(msg);
          future.onIOPub(msg);
        }
        return { content: { status: 'ok' } };
      });
      return future;
    }
  );
  return { kernel, codes };
}

/** The slice of an ISessionContext that quiet runs read. */
export function sessionWith(kernel: Kernel.IKernelConnection | null): any {
  return { session: kernel ? { kernel } : null, ready: Promise.resolve() };
}
