import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { FlowStore, IResumed, resumeFlows } from '../core/resumable';
import type { IAwsClients } from '../tokens';
import { notifyError } from '../core/notify';
import { deployFlowKind, IDeployFlow } from './deployFlows';

/**
 * At start-up: every deploy a reload (or a closed tab) interrupted before its
 * endpoint existed is rolled back — its EndpointConfig and Model deleted —
 * and the person is told what was removed. `resumeFlows` decides; this only
 * tells the person.
 */
export async function cleanUpInterruptedDeploys(
  clients: IAwsClients,
  trans: TranslationBundle,
  onChange: () => void,
  store = new FlowStore()
): Promise<IResumed<IDeployFlow['params']>[]> {
  const notes = new Map<string, string>();
  const done = await resumeFlows(clients, [deployFlowKind(clients)], {
    store,
    onResume: flow =>
      notes.set(
        flow.id,
        Notification.emit(
          trans.__(
            'The deploy of endpoint %1 was interrupted (page reloaded or closed). Removing what it created…',
            flow.params.endpointName
          ),
          'in-progress',
          { autoClose: false }
        )
      ),
    onError: (flow, err) =>
      notifyError(
        notes.get(flow.id) ?? '',
        trans.__(
          'Could not clean up the interrupted deploy of endpoint %1 (will try again at the next start)',
          flow.params.endpointName
        ),
        err,
        trans
      )
  });
  for (const r of done) {
    Notification.update({
      id: notes.get(r.flow.id) ?? '',
      ...describe(r, trans),
      autoClose: r.leftBehind.length ? false : 15000
    });
  }
  if (done.length) {
    onChange();
  }
  return done;
}

function describe(
  r: IResumed<IDeployFlow['params']>,
  trans: TranslationBundle
): { type: 'success' | 'warning' | 'info'; message: string } {
  const name = r.flow.params.endpointName;
  // Toasts show ~140 characters: the parts' names derive from the endpoint's anyway.
  const label = (part: string) =>
    part === 'model' ? trans.__('model') : trans.__('endpoint configuration');
  if (r.action === 'finished') {
    return {
      type: 'info',
      message: trans.__(
        'Interrupted deploy of %1: the endpoint exists, nothing to undo.',
        name
      )
    };
  }
  if (r.leftBehind.length) {
    return {
      type: 'warning',
      message: trans.__(
        'Interrupted deploy of %1: could not delete its %2; will try again at the next start.',
        name,
        r.leftBehind.map(label).join(', ')
      )
    };
  }
  return {
    type: 'success',
    message: r.removed.length
      ? trans.__(
          'Interrupted deploy of %1 rolled back: deleted its %2.',
          name,
          r.removed.map(label).join(trans.__(' and '))
        )
      : trans.__('Interrupted deploy of %1: it had created nothing.', name)
  };
}
