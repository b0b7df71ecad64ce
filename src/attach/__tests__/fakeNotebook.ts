/**
 * A notebook panel as attach reads it: a real NotebookModel, cells as
 * widgets, and a session on a scripted kernel (core/__tests__/fakeKernel).
 */
import { NotebookModel } from '@jupyterlab/notebook';
import type { Kernel } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { sessionWith } from '../../core/__tests__/fakeKernel';

export function fakePanel(kernel: Kernel.IKernelConnection | null) {
  const model = new NotebookModel();
  const sessionContext = {
    ...sessionWith(kernel),
    changeKernel: jest.fn(async () => undefined),
    iopubMessage: new Signal<any, any>({}),
    kernelChanged: new Signal<any, any>({}),
    statusChanged: new Signal<any, any>({})
  };
  return {
    id: 'nb-1',
    isDisposed: false,
    disposed: new Signal<any, void>({}),
    context: { ready: Promise.resolve(), localPath: 'nb.ipynb' },
    content: {
      model,
      get widgets() {
        return Array.from(model.cells).map(cell => ({ model: cell }));
      }
    },
    sessionContext
  } as any;
}

export const sources = (panel: any): string[] =>
  Array.from(panel.content.model.cells).map((c: any) =>
    c.sharedModel.getSource()
  );

export const codeCell = (panel: any, index: number) =>
  panel.content.model.cells.get(index);
