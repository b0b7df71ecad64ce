/// <reference types="node" />
import * as fs from 'fs';
import * as path from 'path';
import { FRONTEND_VERSION } from '../../version';
import { ServerStatusModel, sameVersion } from '../status';
import { fakeServer } from './fakeServer';

const OK = {
  version: FRONTEND_VERSION,
  mode: 'sandbox',
  region: 'us-east-1',
  identity: {
    account: '123456789012',
    arn: 'arn:aws:iam::123456789012:root',
    userId: 'x'
  },
  identityError: null,
  sandbox: { endpoint: 'http://127.0.0.1:4566' }
};

async function statusFor(reply: Parameters<typeof fakeServer>[0]) {
  const { settings, requests } = fakeServer(reply);
  const model = new ServerStatusModel(settings);
  await model.refresh();
  return { model, requests };
}

describe('ServerStatusModel', () => {
  it('keeps the frontend version equal to package.json', () => {
    const pkg = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, '..', '..', '..', 'package.json'),
        'utf8'
      )
    );
    expect(FRONTEND_VERSION).toBe(pkg.version);
  });

  it('reads the status route', async () => {
    const { model, requests } = await statusFor({ body: JSON.stringify(OK) });
    expect(requests[0].url).toMatch(/\/lab-base\/aws-spark-ml\/status/);
    expect(model.info?.mode).toBe('sandbox');
    expect(model.problem).toBeNull();
  });

  it('says how to install the server half when the route is missing', async () => {
    const { model } = await statusFor({ status: 404, body: 'Not Found' });
    expect(model.problem?.kind).toBe('missing');
    expect(model.problem?.fix).toContain('pip install jupyterlab_aws_spark_ml');
    expect(model.problem?.fix).toContain('jupyter server extension enable');
  });

  it('reports a different server version', async () => {
    const { model } = await statusFor({
      body: JSON.stringify({ ...OK, version: '9.9.9' })
    });
    expect(model.problem?.kind).toBe('version');
    expect(model.problem?.message).toContain('9.9.9');
  });

  it('explains missing credentials with both fixes', async () => {
    const { model } = await statusFor({
      body: JSON.stringify({
        ...OK,
        mode: 'aws',
        identity: null,
        identityError: 'Unable to locate credentials',
        sandbox: null
      })
    });
    expect(model.problem?.kind).toBe('credentials');
    expect(model.problem?.message).toBe('Unable to locate credentials');
    expect(model.problem?.fix).toContain('aws configure');
    expect(model.problem?.fix).toContain('--AwsSparkML.mode=sandbox');
  });

  it('compares release numbers across Python and npm spellings', () => {
    expect(sameVersion('0.1.0.dev0', '0.1.0-dev.0')).toBe(true);
    expect(sameVersion('0.2.0', '0.1.0')).toBe(false);
  });
});
