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
import { awsError, ok } from '../../training/__tests__/fakeSageMaker';
import { EndpointActions } from '../EndpointActions';
import { EndpointListModel } from '../EndpointListModel';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  showDialog: jest.fn()
}));
const { dialog, answer } = scriptDialogs(showDialog);

const trans = nullTranslator.load('jupyterlab_aws_spark_ml');

/** SageMaker hosting: an endpoint walks through `statuses` as it is described. */
function hosting(statuses: string[]) {
  const made = new Set<string>();
  const aws = fakeSageMakerOf((op, b) => {
    switch (op) {
      case 'DescribeTrainingJob':
        return ok({
          TrainingJobName: b.TrainingJobName,
          TrainingJobStatus: 'Completed',
          RoleArn: 'arn:aws:iam::123456789012:role/SageMaker',
          AlgorithmSpecification: { TrainingImage: 'xgboost:1.7-1' },
          ModelArtifacts: { S3ModelArtifacts: 's3://b/xgb-1/model.tar.gz' }
        });
      case 'CreateModel':
        made.add(`model/${b.ModelName}`);
        return ok({ ModelArn: `arn:model/${b.ModelName}` });
      case 'CreateEndpointConfig':
        made.add(`config/${b.EndpointConfigName}`);
        return ok({});
      case 'CreateEndpoint':
        made.add(`endpoint/${b.EndpointName}`);
        return ok({});
      case 'DescribeEndpoint': {
        if (!made.has(`endpoint/${b.EndpointName}`)) {
          return awsError(
            'ValidationException',
            `Could not find endpoint "${b.EndpointName}".`
          );
        }
        const status = statuses.length > 1 ? statuses.shift()! : statuses[0];
        return ok({
          EndpointName: b.EndpointName,
          EndpointStatus: status,
          FailureReason:
            status === 'Failed' ? 'The model did not pass the ping' : undefined
        });
      }
      case 'DeleteEndpoint':
        made.delete(`endpoint/${b.EndpointName}`);
        return ok({});
      case 'DeleteEndpointConfig':
        made.delete(`config/${b.EndpointConfigName}`);
        return ok({});
      case 'DeleteModel':
        made.delete(`model/${b.ModelName}`);
        return ok({});
      case 'ListTags':
        return ok({ Tags: [] });
      default:
        return awsError('UnknownOperationException', op);
    }
  });
  const actions = new EndpointActions(
    aws.clients,
    new EndpointListModel(aws.clients),
    trans,
    () => 'ml.m5.large'
  );
  actions.intervalMs = 100; // read every second (the floor)
  return { aws, actions, made };
}

const notes = notificationsEachTest(dialog);

describe('EndpointActions', () => {
  it('deploys a job and follows the endpoint to InService', async () => {
    const { made, actions } = hosting(['Creating', 'InService']);
    answer(true); // the Deploy form, as planned
    await actions.deploy('xgb-1');
    expect([...made].sort()).toEqual([
      'config/xgb-1-ep-config',
      'endpoint/xgb-1-ep',
      'model/xgb-1-ep-model'
    ]);
    const messages = notes.seen.map(n => n.message);
    expect(messages[0]).toBe('Deploying xgb-1 to endpoint xgb-1-ep…');
    expect(messages).toContain('Endpoint xgb-1-ep is Creating…');
    expect(notes.last()).toMatchObject({
      type: 'success',
      message: 'Endpoint xgb-1-ep is InService. Open it to send a test request.'
    });
    expect(actions.deploying.size).toBe(0);
  });

  it('sends nothing when the Deploy form is cancelled', async () => {
    const { aws, actions } = hosting(['InService']);
    answer(false);
    await actions.deploy('xgb-1');
    expect(aws.ops()).toEqual(['DescribeTrainingJob']);
    expect(notes.all).toHaveLength(0);
  });

  it('removes an endpoint that ends Failed, and says why it failed', async () => {
    const { made, actions } = hosting(['Creating', 'Failed']);
    answer(true);
    await actions.deploy('xgb-1');
    expect([...made]).toEqual([]);
    expect(notes.last()).toMatchObject({
      type: 'error',
      message:
        'Endpoint xgb-1-ep failed and was removed: The model did not pass the ping'
    });
  });

  it('deletes an endpoint only after confirmation, and follows it until gone', async () => {
    const { aws, made, actions } = hosting(['InService']);
    made.add('endpoint/old-ep');
    answer(false);
    expect(await actions.delete('old-ep')).toBe(false);
    expect(aws.ops()).not.toContain('DeleteEndpoint');

    answer(true, { config: false, model: false });
    expect(await actions.delete('old-ep')).toBe(true);
    expect(aws.ops()).toContain('DeleteEndpoint');
    expect(notes.last()).toMatchObject({
      type: 'success',
      message: 'Endpoint old-ep deleted.'
    });
  });
});
