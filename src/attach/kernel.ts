import type { ISessionContext } from '@jupyterlab/apputils';
import type { KernelMessage } from '@jupyterlab/services';
import { eventFromBundle, IConnectionEvent } from './result';

/** The kernel the magic ships for (it is a Python package). */
export const PYTHON_KERNEL = 'python3';

/** Kernel messages that can carry our display data. */
const DISPLAY_TYPES = new Set([
  'display_data',
  'update_display_data',
  'execute_result'
]);

/** Our event in an iopub message, if it carries one. */
export function eventFromIOPub(
  msg: KernelMessage.IMessage
): IConnectionEvent | null {
  if (!DISPLAY_TYPES.has(msg.header.msg_type)) {
    return null;
  }
  return eventFromBundle(
    (msg.content as { data?: Record<string, unknown> }).data
  );
}

/**
 * Makes the notebook's kernel the Python 3 one (starting it when there is
 * none). Returns true when it had to change or start a kernel.
 */
export async function ensurePythonKernel(
  sessionContext: ISessionContext
): Promise<boolean> {
  await sessionContext.ready;
  const kernel = sessionContext.session?.kernel;
  if (kernel && kernel.name === PYTHON_KERNEL) {
    return false;
  }
  await sessionContext.changeKernel({ name: PYTHON_KERNEL });
  return true;
}

/** What a quiet run produced. */
export interface IQuietResult {
  events: IConnectionEvent[];
  /** `ename: evalue` when the code raised. */
  error: string | null;
}

/**
 * Runs `code` in the notebook's kernel without a cell and without history
 * (for detach and status), collecting our events from its iopub messages.
 */
export async function runQuietly(
  sessionContext: ISessionContext,
  code: string
): Promise<IQuietResult> {
  const kernel = sessionContext.session?.kernel;
  if (!kernel) {
    return { events: [], error: 'NoKernel: the notebook has no kernel' };
  }
  const events: IConnectionEvent[] = [];
  let error: string | null = null;
  const future = kernel.requestExecute({
    code,
    silent: false,
    store_history: false,
    allow_stdin: false,
    stop_on_error: true
  });
  future.onIOPub = msg => {
    const event = eventFromIOPub(msg);
    if (event) {
      events.push(event);
    } else if (msg.header.msg_type === 'error') {
      const content = msg.content as KernelMessage.IErrorMsg['content'];
      error = `${content.ename}: ${content.evalue}`;
    }
  };
  await future.done;
  return { events, error };
}
