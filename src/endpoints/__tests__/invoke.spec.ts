/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { fakeSageMaker } from '../../training/__tests__/fakeSageMaker';
import {
  invokeEndpoint,
  parseCsvPredictions,
  parseJsonPredictions,
  parsePredictions
} from '../invoke';

describe('prediction parsing', () => {
  it('CSV: one per line or comma-separated, trailing newline ignored', () => {
    expect(parseCsvPredictions('0.5\n1.25\n-3e-2\n')).toEqual([
      0.5, 1.25, -0.03
    ]);
    expect(parseCsvPredictions('0.5,1.25,2')).toEqual([0.5, 1.25, 2]);
    expect(parseCsvPredictions('0.1,0.9\n0.8,0.2')).toEqual([
      0.1, 0.9, 0.8, 0.2
    ]);
  });

  it('CSV: anything not numeric is not a prediction list', () => {
    expect(parseCsvPredictions('error: bad input')).toBeNull();
    expect(parseCsvPredictions('')).toBeNull();
  });

  it('JSON: SageMaker XGBoost\'s {"predictions":[{"score":…}]}, plain lists, nested lists', () => {
    expect(
      parseJsonPredictions('{"predictions":[{"score":0.25},{"score":1.5}]}')
    ).toEqual([0.25, 1.5]);
    expect(parseJsonPredictions('[1, 2, 3]')).toEqual([1, 2, 3]);
    expect(
      parseJsonPredictions('{"predictions":[[0.1,0.9],[0.7,0.3]]}')
    ).toEqual([0.1, 0.9, 0.7, 0.3]);
    expect(
      parseJsonPredictions('{"predictions":[{"predicted_label":1}]}')
    ).toEqual([1]);
  });

  it('JSON: not JSON, or no numbers, is null', () => {
    expect(parseJsonPredictions('nope')).toBeNull();
    expect(parseJsonPredictions('{"message":"x"}')).toBeNull();
    expect(parseJsonPredictions('{"predictions":[]}')).toBeNull();
  });

  it('picks the parser from the response content type', () => {
    expect(parsePredictions('[1]', 'application/json; charset=utf-8')).toEqual([
      1
    ]);
    expect(parsePredictions('1\n2', 'text/csv')).toEqual([1, 2]);
  });
});

describe('invokeEndpoint', () => {
  it('sends the body as bytes with ContentType and Accept, and parses the answer', async () => {
    const aws = fakeSageMaker(() => ({
      headers: {
        'content-type': 'application/json',
        'x-amzn-invoked-production-variant': 'AllTraffic'
      },
      body: '{"predictions":[{"score":0.75}]}'
    }));
    const out = await invokeEndpoint(
      aws.clients,
      'my-ep',
      '1,2,3',
      'csv',
      'json'
    );
    expect(out.predictions).toEqual([0.75]);
    expect(out.contentType).toBe('application/json');
    const req = aws.requests[0];
    expect(req.url).toBe(
      'http://localhost:8888/lab-base/aws-spark-ml/proxy/sagemaker-runtime/us-east-1/endpoints/my-ep/invocations'
    );
    expect(req.headers['content-type']).toBe('text/csv');
    expect(req.headers.accept).toBe('application/json');
    expect(req.body).toBe('1,2,3');
  });

  it('a ModelError (wrong feature count) is thrown with its message', async () => {
    const aws = fakeSageMaker(() => ({
      status: 424,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': 'ModelError',
        'x-amzn-requestid': 'r'
      },
      body: JSON.stringify({
        message: 'Received client error (400): feature_names mismatch'
      })
    }));
    await expect(
      invokeEndpoint(aws.clients, 'my-ep', '1,2', 'csv')
    ).rejects.toMatchObject({ name: 'ModelError' });
  });
});
