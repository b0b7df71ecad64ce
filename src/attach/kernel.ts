import type { ISessionContext } from '@jupyterlab/apputils';

/** The kernel the magic ships for (it is a Python package). */
export const PYTHON_KERNEL = 'python3';

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
