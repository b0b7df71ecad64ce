import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { describeAwsError } from '../aws/errors';
import type { IAwsClients } from '../tokens';
import { notifyError } from '../training/notify';
import {
  DeployError,
  deployModel,
  IDeployPlan,
  planDeployment,
  removeDeployment,
  validatePlan
} from './deploy';
import { DeployFormWidget } from './DeployForm';
import type { EndpointListModel } from './EndpointListModel';
import { GONE, waitForEndpoint } from './waitEndpoint';

/** The confirmation body: what goes, with checkboxes for the config and model. */
class DeleteBody extends Widget {
  constructor(config: string, model: string, trans: TranslationBundle) {
    super();
    this.addClass('jp-AwsSparkML-deleteBody');
    const p = document.createElement('p');
    p.textContent = trans.__(
      'The endpoint stops serving and stops costing. This cannot be undone.'
    );
    this.node.appendChild(p);
    this._config = this._checkbox(
      config && trans.__('Also delete endpoint configuration %1', config)
    );
    this._model = this._checkbox(
      model && trans.__('Also delete model %1', model)
    );
  }
  getValue(): { config: boolean; model: boolean } {
    return { config: !!this._config?.checked, model: !!this._model?.checked };
  }
  private _checkbox(label: string): HTMLInputElement | null {
    if (!label) {
      return null;
    }
    const row = document.createElement('label');
    row.className = 'jp-AwsSparkML-checkbox';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    row.append(box, label);
    this.node.appendChild(row);
    return box;
  }
  private _config: HTMLInputElement | null;
  private _model: HTMLInputElement | null;
}

/** Deploy a training job, delete an endpoint: each followed to its end with a notification. */
export class EndpointActions {
  constructor(
    readonly clients: IAwsClients,
    readonly endpoints: EndpointListModel,
    readonly trans: TranslationBundle,
    readonly defaultInstanceType: () => string
  ) {}
  intervalMs = 5000;
  deploying = new Set<string>();

  /** One deploy per job at a time: a double click opens one dialog, creates one endpoint. */
  async deploy(jobName: string): Promise<void> {
    if (this.deploying.has(jobName)) {
      return;
    }
    this.deploying.add(jobName);
    try {
      await this._deploy(jobName);
    } finally {
      this.deploying.delete(jobName);
      this.endpoints.refreshSoon();
    }
  }

  private async _deploy(jobName: string): Promise<void> {
    const { trans } = this;
    const { DescribeTrainingJobCommand } =
      await import('@aws-sdk/client-sagemaker');
    const sm = await this.clients.client('sagemaker');
    let plan: IDeployPlan;
    try {
      const job = await sm.send(
        new DescribeTrainingJobCommand({ TrainingJobName: jobName })
      );
      if (job.TrainingJobStatus !== 'Completed') {
        await showDialog({
          title: trans.__('%1 is %2', jobName, job.TrainingJobStatus ?? ''),
          body: trans.__(
            'Only a Completed training job has a model to deploy. Wait for it to complete, or launch a new one.'
          ),
          buttons: [Dialog.okButton()]
        });
        return;
      }
      plan = planDeployment(job, this.defaultInstanceType() || 'ml.m5.large');
    } catch (err) {
      const d = describeAwsError(err, trans.__.bind(trans));
      await showDialog({
        title: d.title,
        body: `${d.message}\n\n${d.fix}`,
        buttons: [Dialog.okButton()]
      });
      return;
    }
    const chosen = await this._askPlan(plan);
    if (!chosen) {
      return;
    }
    const nid = Notification.emit(
      trans.__('Deploying %1 to endpoint %2…', jobName, chosen.endpointName),
      'in-progress',
      { autoClose: false }
    );
    try {
      await deployModel(this.clients, chosen, step =>
        Notification.update({
          id: nid,
          type: 'in-progress',
          autoClose: false,
          message: trans.__(
            'Deploying %1: creating %2…',
            chosen.endpointName,
            step
          )
        })
      );
    } catch (err) {
      const cause = err instanceof DeployError ? err.cause : err;
      const left =
        err instanceof DeployError && err.leftBehind.length
          ? trans.__(' Could not delete: %1.', err.leftBehind.join(', '))
          : '';
      notifyError(
        nid,
        trans.__(
          'Endpoint %1 was not created (nothing left behind).%2',
          chosen.endpointName,
          left
        ),
        cause,
        trans
      );
      return;
    }
    this.endpoints.refreshSoon();
    try {
      const end = await waitForEndpoint(this.clients, chosen.endpointName, {
        intervalMs: this.intervalMs,
        isDone: s => s === 'InService' || s === 'Failed' || s === GONE,
        onStatus: s => {
          this.endpoints.refreshSoon();
          Notification.update({
            id: nid,
            type: 'in-progress',
            autoClose: false,
            message: trans.__('Endpoint %1 is %2…', chosen.endpointName, s)
          });
        }
      });
      if (end.status === 'InService') {
        Notification.update({
          id: nid,
          type: 'success',
          autoClose: 8000,
          message: trans.__(
            'Endpoint %1 is InService. Open it to send a test request.',
            chosen.endpointName
          )
        });
      } else {
        // A Failed endpoint still costs a name and a model: remove the whole deployment.
        await removeDeployment(this.clients, chosen, [
          'endpoint',
          'endpoint-config',
          'model'
        ]);
        Notification.update({
          id: nid,
          type: 'error',
          autoClose: false,
          message: trans.__(
            'Endpoint %1 failed and was removed: %2',
            chosen.endpointName,
            end.failureReason ?? end.status
          )
        });
      }
    } catch (err) {
      notifyError(
        nid,
        trans.__('Lost track of endpoint %1', chosen.endpointName),
        err,
        trans
      );
    }
  }

  async delete(name: string): Promise<void> {
    const { trans } = this;
    const details = this.endpoints.details(name);
    const config = details?.endpoint.EndpointConfigName ?? '';
    const model = details?.config?.ProductionVariants?.[0]?.ModelName ?? '';
    const body = new DeleteBody(config, model, trans);
    const answer = await showDialog({
      title: trans.__('Delete endpoint %1?', name),
      body,
      buttons: [
        Dialog.cancelButton(),
        Dialog.warnButton({ label: trans.__('Delete') })
      ]
    });
    if (!answer.button.accept || !answer.value) {
      return;
    }
    const also = answer.value;
    const nid = Notification.emit(
      trans.__('Deleting endpoint %1…', name),
      'in-progress',
      { autoClose: false }
    );
    const parts = [
      'endpoint' as const,
      ...(also.config ? ['endpoint-config' as const] : []),
      ...(also.model ? ['model' as const] : [])
    ];
    const { leftBehind } = await removeDeployment(
      this.clients,
      { endpointName: name, endpointConfigName: config, modelName: model },
      parts
    );
    if (leftBehind.includes('endpoint')) {
      notifyError(
        nid,
        trans.__('Endpoint %1 was not deleted', name),
        new Error(trans.__('DeleteEndpoint failed')),
        trans
      );
      return;
    }
    this.endpoints.refreshSoon();
    try {
      await waitForEndpoint(this.clients, name, {
        intervalMs: this.intervalMs,
        isDone: s => s === GONE
      });
      Notification.update({
        id: nid,
        type: leftBehind.length ? 'warning' : 'success',
        autoClose: 5000,
        message: leftBehind.length
          ? trans.__(
              'Endpoint %1 deleted; could not delete %2.',
              name,
              leftBehind.join(', ')
            )
          : trans.__('Endpoint %1 deleted.', name)
      });
    } catch (err) {
      notifyError(nid, trans.__('Lost track of endpoint %1', name), err, trans);
    }
    this.endpoints.refreshSoon();
  }

  private async _askPlan(initial: IDeployPlan): Promise<IDeployPlan | null> {
    let plan = initial;
    let showAllErrors = false;
    for (;;) {
      const body = new DeployFormWidget({
        initial: plan,
        showAllErrors,
        trans: this.trans
      });
      const result = await showDialog({
        title: this.trans.__('Deploy %1', initial.jobName),
        body,
        buttons: [
          Dialog.cancelButton(),
          Dialog.okButton({ label: this.trans.__('Deploy') })
        ],
        focusNodeSelector: 'input[name="endpointName"]'
      });
      if (!result.button.accept) {
        return null;
      }
      plan = body.getValue();
      if (Object.keys(validatePlan(plan)).length === 0) {
        return plan;
      }
      showAllErrors = true;
    }
  }
}
