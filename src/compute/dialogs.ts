import type { TranslationBundle } from '@jupyterlab/translation';
import { askUntilValid } from '../core/askUntilValid';
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
 * submit re-opens the dialog with what was typed and every message shown;
 * AWS is never called.
 */
export function askClusterRequest(
  templates: IClusterTemplate[],
  trans: TranslationBundle,
  initial?: IClusterRequest
): Promise<IClusterRequest | null> {
  const request =
    initial ??
    clusterRequestFromTemplate(
      templates[0] ?? { id: '', label: '' },
      suggestName('spark')
    );
  return askUntilValid({
    title: trans.__('Provision EMR cluster'),
    accept: trans.__('Provision'),
    focus: 'input[name="name"]',
    form: (refused: ClusterFormWidget | null) =>
      new ClusterFormWidget({ templates, initial: request, refused, trans }),
    isValid: r => isValid(validateClusterRequest(r))
  });
}

/** Asks for a Glue session request; `initial` (recreate) shows its errors at once. */
export function askSessionRequest(
  templates: ISessionTemplate[],
  account: string,
  trans: TranslationBundle,
  initial?: ISessionRequest
): Promise<ISessionRequest | null> {
  const request =
    initial ??
    sessionRequestFromTemplate(
      templates[0] ?? { id: '', label: '' },
      suggestName('glue'),
      account
    );
  return askUntilValid({
    title: initial
      ? trans.__('Recreate Glue session')
      : trans.__('Create Glue session'),
    accept: trans.__('Create'),
    focus: 'input[name="id"]',
    form: (refused: SessionFormWidget | null) =>
      new SessionFormWidget({
        templates,
        initial: request,
        account,
        refused,
        showAllErrors: !!initial,
        trans
      }),
    isValid: r => isValid(validateSessionRequest(r))
  });
}
