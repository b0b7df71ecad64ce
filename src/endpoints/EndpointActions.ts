import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { describeAwsError } from '../aws/errors';
import type { IAwsClients } from '../tokens';
import { askUntilValid } from '../core/askUntilValid';
import { runAction } from '../core/runAction';
import {
  CreatedResource,
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

/** What goes with the endpoint, as ticked in the confirmation. */
interface IAlsoDelete {
  config: boolean;
  model: boolean;
}

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
  getValue(): IAlsoDelete {
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
    const { DescribeTrainingJobCommand } = await import('../aws/sdk/sagemaker');
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
    const endpoint = chosen.endpointName;
    let leftBehind: string[] = [];
    await runAction({
      trans,
      progress: trans.__('Deploying %1 to endpoint %2…', jobName, endpoint),
      call: async progress => {
        try {
          await deployModel(this.clients, chosen, step =>
            progress(trans.__('Deploying %1: creating %2…', endpoint, step))
          );
        } catch (err) {
          // deployModel deleted what it created; say what it could not.
          leftBehind = err instanceof DeployError ? err.leftBehind : [];
          throw err instanceof DeployError ? err.cause : err;
        }
        this.endpoints.refreshSoon();
      },
      failed: () =>
        leftBehind.length
          ? trans.__(
              'Endpoint %1 was not created. Could not delete: %2',
              endpoint,
              leftBehind.join(', ')
            )
          : trans.__(
              'Endpoint %1 was not created (nothing left behind)',
              endpoint
            ),
      follow: (_, progress) =>
        this._follow(
          endpoint,
          s => s === 'InService' || s === 'Failed' || s === GONE,
          s => progress(trans.__('Endpoint %1 is %2…', endpoint, s))
        ),
      lostTrack: trans.__('Lost track of endpoint %1', endpoint),
      outcome: end =>
        end.status === 'InService'
          ? {
              type: 'success',
              message: trans.__(
                'Endpoint %1 is InService. Open it to send a test request.',
                endpoint
              )
            }
          : {
              type: 'error',
              message: trans.__(
                'Endpoint %1 failed and was removed: %2',
                endpoint,
                end.failureReason ?? end.status
              )
            },
      // A Failed endpoint still costs a name and a model: remove the whole deployment.
      rollback: () =>
        this._remove(chosen, ['endpoint', 'endpoint-config', 'model'])
    });
  }

  async delete(name: string): Promise<boolean> {
    const { trans } = this;
    const details = this.endpoints.details(name);
    const config = details?.endpoint.EndpointConfigName ?? '';
    const model = details?.config?.ProductionVariants?.[0]?.ModelName ?? '';
    let leftBehind: CreatedResource[] = [];
    return runAction({
      trans,
      confirm: {
        title: trans.__('Delete endpoint %1?', name),
        body: new DeleteBody(config, model, trans),
        label: trans.__('Delete')
      },
      progress: trans.__('Deleting endpoint %1…', name),
      call: async (_, also) => {
        const { config: withConfig, model: withModel } = also as IAlsoDelete;
        ({ leftBehind } = await removeDeployment(
          this.clients,
          { endpointName: name, endpointConfigName: config, modelName: model },
          [
            'endpoint',
            ...(withConfig ? ['endpoint-config' as const] : []),
            ...(withModel ? ['model' as const] : [])
          ]
        ));
        if (leftBehind.includes('endpoint')) {
          throw new Error(trans.__('DeleteEndpoint failed'));
        }
      },
      failed: trans.__('Endpoint %1 was not deleted', name),
      follow: () => this._follow(name, s => s === GONE),
      lostTrack: trans.__('Lost track of endpoint %1', name),
      outcome: () =>
        leftBehind.length
          ? {
              type: 'warning',
              message: trans.__(
                'Endpoint %1 deleted; could not delete %2.',
                name,
                leftBehind.join(', ')
              )
            }
          : { type: 'success', message: trans.__('Endpoint %1 deleted.', name) }
    });
  }

  /** Reads the endpoint until `isDone(status)`; the list polls fast meanwhile. */
  private _follow(
    name: string,
    isDone: (status: string) => boolean,
    onStatus?: (status: string) => void
  ) {
    return this.endpoints.expectChange(
      waitForEndpoint(this.clients, name, {
        intervalMs: this.intervalMs,
        isDone,
        // The end is said by the outcome.
        onStatus: s => !isDone(s) && onStatus?.(s)
      })
    );
  }

  private async _remove(
    plan: IDeployPlan,
    parts: CreatedResource[]
  ): Promise<void> {
    const { leftBehind } = await removeDeployment(this.clients, plan, parts);
    if (leftBehind.length) {
      throw new Error(
        this.trans.__('Could not delete %1', leftBehind.join(', '))
      );
    }
  }

  private _askPlan(initial: IDeployPlan): Promise<IDeployPlan | null> {
    const { trans } = this;
    return askUntilValid({
      title: trans.__('Deploy %1', initial.jobName),
      accept: trans.__('Deploy'),
      focus: 'input[name="endpointName"]',
      form: (refused: DeployFormWidget | null) =>
        new DeployFormWidget({ initial, refused, trans }),
      isValid: plan => Object.keys(validatePlan(plan)).length === 0
    });
  }
}
