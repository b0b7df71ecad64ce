import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { Contents } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import type { IAwsClients } from '../tokens';
import { DEFAULT_XGBOOST_HYPERPARAMETERS } from './hyperparameters';
import { DEFAULT_XGBOOST_VERSION } from './images';
import { generateJobName } from './jobName';
import { launchTrainingJob } from './launch';
import { LaunchFormWidget } from './LaunchForm';
import { notifyError } from './notify';
import type { ILaunchRequest } from './request';
import { IDataSource, recentPrefixes, rememberPrefixes } from './sources';
import { isTerminalJob } from './states';
import type { TrainingJobListModel } from './TrainingJobListModel';
import { isValid, validateLaunchRequest } from './validation';
import { followJob } from './watchJob';

/** Training defaults from the settings (schema/plugin.json). */
export interface ITrainingSettings {
  roleArn: string;
  instanceType: string;
  outputPath: string;
}

/**
 * What a person does with training jobs: launch (one click = one job),
 * follow to the end with a notification, stop with confirmation.
 */
export class TrainingActions {
  constructor(
    readonly clients: IAwsClients,
    readonly jobs: TrainingJobListModel,
    readonly contents: Pick<Contents.IManager, 'get'>,
    readonly trans: TranslationBundle,
    readonly context: {
      settings: () => ITrainingSettings;
      roles: () => Promise<string[]>;
      sources: () => Promise<IDataSource[]>;
      sandbox: () => boolean;
      account: () => string;
    }
  ) {}

  get busyChanged(): ISignal<this, void> {
    return this._busyChanged;
  }
  get submitting(): boolean {
    return this._submitting;
  }
  intervalMs = 5000;

  /** A fresh request with a new unique name and the settings' defaults. */
  async newRequest(): Promise<ILaunchRequest> {
    const s = this.context.settings();
    const region = this.clients.region;
    const roles = s.roleArn ? [] : await this.context.roles().catch(() => []);
    const output =
      s.outputPath ||
      (this.context.sandbox()
        ? 's3://sandbox-demo/sagemaker/'
        : `s3://sagemaker-${region}-${this.context.account()}/`);
    return {
      jobName: generateJobName('xgboost'),
      mode: 'builtin-xgboost',
      xgboostVersion: DEFAULT_XGBOOST_VERSION,
      framework: 'sklearn',
      entryPoint: '',
      channels: [
        {
          name: 'train',
          s3Uri: recentPrefixes()[0]?.uri ?? '',
          contentType: 'text/csv'
        }
      ],
      instanceType: s.instanceType || 'ml.m5.large',
      instanceCount: 1,
      volumeSizeGb: 30,
      useSpot: false,
      maxWaitMinutes: 120,
      maxRuntimeMinutes: 60,
      hyperparameters: DEFAULT_XGBOOST_HYPERPARAMETERS,
      roleArn: s.roleArn || roles[0] || '',
      outputPath: output
    };
  }

  /** Asks until the request is valid or cancelled; AWS is not called for invalid input. */
  async askLaunchRequest(
    initial?: ILaunchRequest
  ): Promise<ILaunchRequest | null> {
    const { trans } = this;
    let request = initial ?? (await this.newRequest());
    let showAllErrors = false;
    for (;;) {
      const body = new LaunchFormWidget({
        initial: request,
        region: this.clients.region,
        showAllErrors,
        roles: this.context.roles,
        sources: async () => [
          ...recentPrefixes(),
          ...(await this.context.sources().catch(() => []))
        ],
        trans
      });
      const result = await showDialog({
        title: trans.__('Launch training job'),
        body,
        buttons: [
          Dialog.cancelButton(),
          Dialog.okButton({ label: trans.__('Launch') })
        ],
        focusNodeSelector: 'input[name="jobName"]'
      });
      if (!result.button.accept) {
        return null;
      }
      request = body.getValue();
      if (isValid(validateLaunchRequest(request, this.clients.region))) {
        return request;
      }
      showAllErrors = true;
    }
  }

  /** One click, one job: disabled while submitting; a retry reuses the same name. */
  async launch(request: ILaunchRequest, nid?: string): Promise<void> {
    if (this._submitting) {
      return;
    }
    const { trans } = this;
    const name = request.jobName;
    const id =
      nid ??
      Notification.emit(
        trans.__('Launching training job %1…', name),
        'in-progress',
        {
          autoClose: false
        }
      );
    if (nid) {
      Notification.update({
        id,
        type: 'in-progress',
        message: trans.__('Launching training job %1…', name),
        autoClose: false
      });
    }
    this._setSubmitting(true);
    try {
      await launchTrainingJob(
        this.clients,
        this.contents,
        request,
        this.clients.region
      );
      rememberPrefixes(request.channels.map(c => c.s3Uri));
    } catch (err) {
      notifyError(
        id,
        trans.__('Training job %1 was not created', name),
        err,
        trans,
        [
          {
            label: trans.__('Retry'),
            callback: () => void this.launch(request, id)
          }
        ]
      );
      return;
    } finally {
      this._setSubmitting(false);
    }
    this.follow(name, id);
  }

  /** Updates notification `nid` as the job moves, until it finishes. */
  follow(name: string, nid: string): void {
    const { trans } = this;
    const done = followJob(this.clients, name, {
      intervalMs: this.intervalMs,
      onStatus: (status, secondary) =>
        Notification.update({
          id: nid,
          type: 'in-progress',
          message: trans.__(
            'Training job %1: %2 (%3)…',
            name,
            status,
            secondary
          ),
          autoClose: false
        })
    });
    void this.jobs.expectChange(done).then(
      job => {
        const ok = job.TrainingJobStatus === 'Completed';
        const metrics = (job.FinalMetricDataList ?? [])
          .map(m => `${m.MetricName} ${Number(m.Value).toPrecision(4)}`)
          .join(', ');
        Notification.update({
          id: nid,
          type: ok
            ? 'success'
            : job.TrainingJobStatus === 'Stopped'
              ? 'warning'
              : 'error',
          message: ok
            ? trans.__('Training job %1 completed. %2', name, metrics)
            : trans.__(
                'Training job %1 is %2. %3',
                name,
                job.TrainingJobStatus ?? '',
                job.FailureReason ?? ''
              ),
          autoClose: ok ? 8000 : false
        });
      },
      err =>
        notifyError(
          nid,
          trans.__('Lost track of training job %1', name),
          err,
          trans
        )
    );
  }

  async stop(name: string): Promise<void> {
    const { trans } = this;
    const status = this.jobs.status(name);
    if (isTerminalJob(status) || status === 'Stopping') {
      return;
    }
    const answer = await showDialog({
      title: trans.__('Stop training job %1?', name),
      body: trans.__(
        'Stop "%1"? Training ends now; the model trained so far may be saved but the job ends as Stopped. This cannot be undone.',
        name
      ),
      buttons: [
        Dialog.cancelButton(),
        Dialog.warnButton({ label: trans.__('Stop job') })
      ]
    });
    if (!answer.button.accept) {
      return;
    }
    const nid = Notification.emit(
      trans.__('Stopping training job %1…', name),
      'in-progress',
      {
        autoClose: false
      }
    );
    try {
      const { StopTrainingJobCommand } =
        await import('@aws-sdk/client-sagemaker');
      const sm = await this.clients.client('sagemaker');
      await sm.send(new StopTrainingJobCommand({ TrainingJobName: name }));
    } catch (err) {
      notifyError(
        nid,
        trans.__('Training job %1 was not stopped', name),
        err,
        trans
      );
      return;
    }
    this.follow(name, nid);
  }

  private _setSubmitting(value: boolean): void {
    this._submitting = value;
    this._busyChanged.emit();
  }

  private _submitting = false;
  private _busyChanged = new Signal<this, void>(this);
}
