/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { showDialog } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import {
  notificationsEachTest,
  scriptDialogs
} from '../../core/__tests__/notifications';
import { fakeSageMakerOf } from '../../core/__tests__/withAccount';
import { TrainingActions } from '../TrainingActions';
import { TrainingJobListModel } from '../TrainingJobListModel';
import { awsError, ok } from './fakeSageMaker';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  showDialog: jest.fn()
}));
const { dialog, answer } = scriptDialogs(showDialog);

const trans = nullTranslator.load('jupyterlab_aws_spark_ml');

/**
 * SageMaker whose job moves to the next status each time it is described;
 * `refuse` answers the first CreateTrainingJob calls with errors.
 */
function sagemaker(options: {
  statuses: [string, string][];
  refuse?: ReturnType<typeof awsError>[];
}) {
  const statuses = [...options.statuses];
  const refuse = [...(options.refuse ?? [])];
  let current: [string, string] = ['InProgress', 'Starting'];
  const aws = fakeSageMakerOf((op, body) => {
    switch (op) {
      case 'CreateTrainingJob':
        return (
          refuse.shift() ??
          ok({
            TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${body.TrainingJobName}`
          })
        );
      case 'DescribeTrainingJob':
        current = statuses.shift() ?? current;
        return ok({
          TrainingJobName: body.TrainingJobName,
          TrainingJobStatus: current[0],
          SecondaryStatus: current[1],
          FinalMetricDataList:
            current[0] === 'Completed'
              ? [{ MetricName: 'validation:rmse', Value: 0.123456 }]
              : undefined
        });
      case 'StopTrainingJob':
        return ok({});
      default:
        return awsError('UnknownOperationException', op);
    }
  });
  const actions = new TrainingActions(
    aws.clients,
    new TrainingJobListModel(aws.clients),
    { get: jest.fn() },
    trans,
    {
      settings: () => ({
        roleArn: 'arn:aws:iam::123456789012:role/SageMaker',
        instanceType: '',
        outputPath: 's3://models/out/'
      }),
      roles: async () => [],
      sources: async () => [],
      sandbox: () => false,
      account: () => '123456789012'
    }
  );
  actions.intervalMs = 100; // read every second (the floor)
  return { aws, actions };
}

async function request(actions: TrainingActions) {
  const r = await actions.newRequest();
  return {
    ...r,
    jobName: 'xgb-test',
    channels: [
      { name: 'train', s3Uri: 's3://data/train/', contentType: 'text/csv' }
    ]
  };
}

const notes = notificationsEachTest(dialog);

describe('TrainingActions', () => {
  it('launches a job and follows it to Completed with its final metrics', async () => {
    const { aws, actions } = sagemaker({
      statuses: [
        ['InProgress', 'Training'],
        ['Completed', 'Completed']
      ]
    });
    expect(await actions.launch(await request(actions))).toBe(true);
    expect(aws.ops().filter(op => op === 'CreateTrainingJob')).toHaveLength(1);
    expect(notes.seen.map(n => n.message)).toEqual([
      'Launching training job xgb-test…',
      'Training job xgb-test: InProgress (Training)…',
      'Training job xgb-test completed. validation:rmse 0.1235'
    ]);
    expect(notes.last().type).toBe('success');
  });

  it('a second click while the first launch is out creates nothing', async () => {
    const { aws, actions } = sagemaker({
      statuses: [['Completed', 'Completed']]
    });
    const r = await request(actions);
    const [first, second] = await Promise.all([
      actions.launch(r),
      actions.launch(r)
    ]);
    expect([first, second]).toEqual([true, false]);
    expect(aws.ops().filter(op => op === 'CreateTrainingJob')).toHaveLength(1);
  });

  it('offers Retry on a refused launch; the retry keeps the name and the notification', async () => {
    const { aws, actions } = sagemaker({
      statuses: [['Completed', 'Completed']],
      refuse: [awsError('ResourceLimitExceeded', 'ml.m5.large quota is 0')]
    });
    expect(await actions.launch(await request(actions))).toBe(false);
    const failed = notes.last();
    expect(failed.type).toBe('error');
    expect(failed.message).toMatch(/^Training job xgb-test was not created: /);
    expect(failed.options.actions?.map(a => a.label)).toEqual([
      'Retry',
      'Details'
    ]);
    notes.click(failed, 'Retry');
    await new Promise<void>(resolve => {
      const check = () =>
        notes.last().type === 'success' ? resolve() : setTimeout(check, 50);
      check();
    });
    const created = aws.calls.filter(c => c.op === 'CreateTrainingJob');
    expect(created.map(c => c.body.TrainingJobName)).toEqual([
      'xgb-test',
      'xgb-test'
    ]);
    expect(notes.all).toHaveLength(1);
    expect(notes.last().id).toBe(failed.id);
  });

  it('stops a job only after the person confirms, and follows it to Stopped', async () => {
    const { aws, actions } = sagemaker({
      statuses: [
        ['Stopping', 'Stopping'],
        ['Stopped', 'Stopped']
      ]
    });
    answer(false);
    expect(await actions.stop('xgb-test')).toBe(false);
    expect(aws.ops()).not.toContain('StopTrainingJob');

    answer(true);
    expect(await actions.stop('xgb-test')).toBe(true);
    expect(aws.ops()).toContain('StopTrainingJob');
    expect(notes.last()).toMatchObject({
      type: 'warning',
      message: 'Training job xgb-test is Stopped. '
    });
  });
});
