import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ClusterFormWidget } from './ClusterForm';
import {
  IClusterRequest,
  IClusterTemplate,
  ISessionRequest,
  ISessionTemplate,
  clusterRequestFromTemplate,
  sessionRequestFromTemplate
} from './requests';
import { SessionFormWidget } from './SessionForm';
import {
  isValid,
  validateClusterRequest,
  validateSessionRequest
} from './validation';

/** A name unlikely to clash, e.g. "spark-0417-1530". */
export function suggestName(prefix: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${prefix}-${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

/**
 * Asks for a cluster request until it is valid or cancelled. An invalid
 * submit re-opens the dialog with every message shown; AWS is never called.
 */
export async function askClusterRequest(
  templates: IClusterTemplate[],
  trans: TranslationBundle,
  initial?: IClusterRequest
): Promise<IClusterRequest | null> {
  let request =
    initial ??
    clusterRequestFromTemplate(
      templates[0] ?? { id: '', label: '' },
      suggestName('spark')
    );
  let showAllErrors = false;
  for (;;) {
    const body = new ClusterFormWidget({
      templates,
      initial: request,
      showAllErrors,
      trans
    });
    const result = await showDialog({
      title: trans.__('Provision EMR cluster'),
      body,
      buttons: [
        Dialog.cancelButton(),
        Dialog.okButton({ label: trans.__('Provision') })
      ],
      focusNodeSelector: 'input[name="name"]'
    });
    if (!result.button.accept) {
      return null;
    }
    request = body.getValue();
    if (isValid(validateClusterRequest(request))) {
      return request;
    }
    showAllErrors = true;
  }
}

export async function askSessionRequest(
  templates: ISessionTemplate[],
  account: string,
  trans: TranslationBundle,
  initial?: ISessionRequest
): Promise<ISessionRequest | null> {
  let request =
    initial ??
    sessionRequestFromTemplate(
      templates[0] ?? { id: '', label: '' },
      suggestName('glue'),
      account
    );
  let showAllErrors = !!initial;
  for (;;) {
    const body = new SessionFormWidget({
      templates,
      initial: request,
      account,
      showAllErrors,
      trans
    });
    const result = await showDialog({
      title: initial
        ? trans.__('Recreate Glue session')
        : trans.__('Create Glue session'),
      body,
      buttons: [
        Dialog.cancelButton(),
        Dialog.okButton({ label: trans.__('Create') })
      ],
      focusNodeSelector: 'input[name="id"]'
    });
    if (!result.button.accept) {
      return null;
    }
    request = body.getValue();
    if (isValid(validateSessionRequest(request))) {
      return request;
    }
    showAllErrors = true;
  }
}
