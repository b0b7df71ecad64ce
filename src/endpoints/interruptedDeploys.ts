import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IAwsClients } from '../tokens';
import { notifyError } from '../training/notify';
import {
  DeployFlowStore,
  IDeployFlow,
  IRecovery,
  PAGE_GONE_MS,
  cleanableAt,
  rollBackFlow
} from './deployFlows';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * At start-up: every deploy a reload (or a closed tab) interrupted before its
 * endpoint existed is rolled back — its EndpointConfig and Model deleted —
 * and the person is told what was removed. Rolling back rather than finishing:
 * the person may have reloaded to abandon it, and finishing would start an
 * endpoint that costs money by the hour without a new click.
 */
export async function cleanUpInterruptedDeploys(
  clients: IAwsClients,
  trans: TranslationBundle,
  onChange: () => void,
  flows = new DeployFlowStore()
): Promise<IRecovery[]> {
  const results = await Promise.all(
    flows.all().map(f => cleanUp(f, clients, trans, flows))
  );
  const done = results.filter((r): r is IRecovery => !!r);
  if (done.length) {
    onChange();
  }
  return done;
}

async function cleanUp(
  flow: IDeployFlow,
  clients: IAwsClients,
  trans: TranslationBundle,
  flows: DeployFlowStore
): Promise<IRecovery | null> {
  // Another tab may still be running it: wait until its page stops beating.
  let current: IDeployFlow | undefined = flow;
  while (current && Date.now() < current.aliveAt + PAGE_GONE_MS) {
    await sleep(current.aliveAt + PAGE_GONE_MS - Date.now());
    current = flows.get(flow.id);
  }
  if (!current) {
    return null; // its page finished it
  }
  const name = current.endpointName;
  const nid = Notification.emit(
    trans.__(
      'The deploy of endpoint %1 was interrupted (page reloaded or closed). Removing what it created…',
      name
    ),
    'in-progress',
    { autoClose: false }
  );
  // A create the old page sent may still land: wait until none can.
  await sleep(cleanableAt(current) - Date.now());
  let result: IRecovery;
  try {
    result = await rollBackFlow(clients, current);
  } catch (err) {
    notifyError(
      nid,
      trans.__(
        'Could not clean up the interrupted deploy of endpoint %1 (will try again at the next start)',
        name
      ),
      err,
      trans
    );
    return null;
  }
  if (!result.leftBehind.length) {
    flows.remove(current.id);
  }
  Notification.update({
    id: nid,
    ...describe(result, trans),
    autoClose: result.leftBehind.length ? false : 15000
  });
  return result;
}

function describe(
  r: IRecovery,
  trans: TranslationBundle
): { type: 'success' | 'warning' | 'info'; message: string } {
  const { flow } = r;
  // Toasts show ~140 characters: the parts' names derive from the endpoint's anyway.
  const label = (part: 'model' | 'endpoint-config') =>
    part === 'model' ? trans.__('model') : trans.__('endpoint configuration');
  if (r.endpointExists) {
    return {
      type: 'info',
      message: trans.__(
        'Interrupted deploy of %1: the endpoint exists, nothing to undo.',
        flow.endpointName
      )
    };
  }
  if (r.leftBehind.length) {
    return {
      type: 'warning',
      message: trans.__(
        'Interrupted deploy of %1: could not delete its %2; will try again at the next start.',
        flow.endpointName,
        r.leftBehind.map(label).join(', ')
      )
    };
  }
  return {
    type: 'success',
    message: r.removed.length
      ? trans.__(
          'Interrupted deploy of %1 rolled back: deleted its %2.',
          flow.endpointName,
          r.removed.map(label).join(trans.__(' and '))
        )
      : trans.__(
          'Interrupted deploy of %1: it had created nothing.',
          flow.endpointName
        )
  };
}
