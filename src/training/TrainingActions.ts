import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import type { Contents } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { askUntilValid } from '../core/askUntilValid';
import { Busy, IOutcome, Progress, runAction } from '../core/runAction';
import type { IAwsClients } from '../tokens';
import { DEFAULT_XGBOOST_HYPERPARAMETERS } from './hyperparameters';
import { DEFAULT_XGBOOST_VERSION } from './images';
import { generateJobName } from './jobName';
import { launchTrainingJob } from './launch';
import { LaunchFormWidget } from './LaunchForm';
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

  /** A launch calls out (the command allows one at a time). */
  readonly busy = new Busy();
  /** The settings' polling interval. */
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
    const request = initial ?? (await this.newRequest());
    const region = this.clients.region;
    return askUntilValid({
      title: trans.__('Launch training job'),
      accept: trans.__('Launch'),
      focus: 'input[name="jobName"]',
      form: (refused: LaunchFormWidget | null) =>
        new LaunchFormWidget({
          initial: request,
          region,
          refused,
          roles: this.context.roles,
          sources: async () => [
            ...recentPrefixes(),
            ...(await this.context.sources().catch(() => []))
          ],
          trans
        }),
      isValid: r => isValid(validateLaunchRequest(r, region))
    });
  }

  /**
   * One click, one job: ignored while a launch is out. A Retry reuses the
   * same name (and notification `nid`), so at most one job is created.
   */
  async launch(request: ILaunchRequest, nid?: string): Promise<boolean> {
    if (this.busy.active) {
      return false;
    }
    const { trans } = this;
    const name = request.jobName;
    return runAction({
      trans,
      progress: trans.__('Launching training job %1…', name),
      notification: nid,
      busy: this.busy,
      call: async () => {
        await launchTrainingJob(
          this.clients,
          this.contents,
          request,
          this.clients.region
        );
        rememberPrefixes(request.channels.map(c => c.s3Uri));
      },
      failed: trans.__('Training job %1 was not created', name),
      onFailure: id => [
        {
          label: trans.__('Retry'),
          callback: () => void this.launch(request, id)
        }
      ],
      ...this._untilEnded(name)
    });
  }

  async stop(name: string): Promise<boolean> {
    const { trans } = this;
    const status = this.jobs.status(name);
    if (isTerminalJob(status) || status === 'Stopping') {
      return false;
    }
    return runAction({
      trans,
      confirm: {
        title: trans.__('Stop training job %1?', name),
        body: trans.__(
          'Stop "%1"? Training ends now; the model trained so far may be saved but the job ends as Stopped. This cannot be undone.',
          name
        ),
        label: trans.__('Stop job')
      },
      progress: trans.__('Stopping training job %1…', name),
      call: async () => {
        const { StopTrainingJobCommand } = await import('../aws/sdk/sagemaker');
        const sm = await this.clients.client('sagemaker');
        await sm.send(new StopTrainingJobCommand({ TrainingJobName: name }));
      },
      failed: trans.__('Training job %1 was not stopped', name),
      ...this._untilEnded(name)
    });
  }

  /** Follows the job until Completed, Failed or Stopped; the list polls fast meanwhile. */
  private _untilEnded(name: string) {
    const { trans } = this;
    return {
      follow: (_: unknown, progress: Progress) =>
        this.jobs.expectChange(
          followJob(this.clients, name, {
            intervalMs: this.intervalMs,
            // The end is said by the outcome.
            onStatus: (status, secondary) =>
              !isTerminalJob(status) &&
              progress(
                trans.__('Training job %1: %2 (%3)…', name, status, secondary)
              )
          })
        ),
      lostTrack: trans.__('Lost track of training job %1', name),
      outcome: (job: DescribeTrainingJobResponse): IOutcome => {
        const status = job.TrainingJobStatus ?? '';
        if (status === 'Completed') {
          const metrics = (job.FinalMetricDataList ?? [])
            .map(m => `${m.MetricName} ${Number(m.Value).toPrecision(4)}`)
            .join(', ');
          return {
            type: 'success',
            message: trans.__('Training job %1 completed. %2', name, metrics)
          };
        }
        return {
          type: status === 'Stopped' ? 'warning' : 'error',
          message: trans.__(
            'Training job %1 is %2. %3',
            name,
            status,
            job.FailureReason ?? ''
          )
        };
      }
    };
  }
}
