/**
 * The SDK ships browser builds as ES modules; load its Node build in jest.
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListClustersCommand } from '@aws-sdk/client-emr';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { AwsClients } from '../clients';
import { ProxyRefusalError } from '../errors';
import { JSON_HEADERS, STS_IDENTITY_XML, fakeServer } from './fakeServer';

const PROXY = 'http://localhost:8888/lab-base/aws-spark-ml/proxy';

function expectNoAwsCredentials(headers: Record<string, string>): void {
  // The only Authorization is Jupyter's own token; nothing AWS-signed.
  expect(headers['authorization']).toBe('token jupyter-token');
  for (const name of Object.keys(headers)) {
    expect(name).not.toMatch(/^x-amz-(security-token|date|content-sha256)$/);
  }
  expect(JSON.stringify(headers)).not.toMatch(
    /AWS4-HMAC|signed-by-jupyter-server/
  );
}

describe('AWS clients through the signing proxy', () => {
  beforeEach(() => {
    document.cookie = '_xsrf=xsrf-abc';
  });

  it('sends STS GetCallerIdentity to the proxy route with Jupyter auth and parses it', async () => {
    const { settings, requests } = fakeServer({
      headers: { 'content-type': 'text/xml' },
      body: STS_IDENTITY_XML
    });
    const clients = new AwsClients({
      serverSettings: settings,
      region: 'eu-west-1'
    });
    const sts = await clients.client('sts');
    const out = await sts.send(new GetCallerIdentityCommand({}));

    expect(out.Account).toBe('123456789012');
    expect(out.Arn).toBe('arn:aws:iam::123456789012:user/moto');
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req.url).toBe(`${PROXY}/sts/eu-west-1/`);
    expect(req.method).toBe('POST');
    expect(req.headers['x-xsrftoken']).toBe('xsrf-abc');
    // The header a cross-site page cannot send without a preflight.
    expect(req.headers['x-aws-spark-ml']).toBe('1');
    expect(req.body).toContain('Action=GetCallerIdentity');
    expect(req.body).toContain('Version=2011-06-15');
    expectNoAwsCredentials(req.headers);
  });

  it('sends EMR ListClusters as JSON 1.1 with its target header', async () => {
    const { settings, requests } = fakeServer({
      headers: JSON_HEADERS,
      body: JSON.stringify({
        Clusters: [
          {
            Id: 'j-1ABC',
            Name: 'small',
            Status: {
              State: 'WAITING',
              Timeline: { CreationDateTime: 1700000000 }
            }
          }
        ],
        Marker: 'page-2'
      })
    });
    const clients = new AwsClients({
      serverSettings: settings,
      region: 'us-east-1'
    });
    const emr = await clients.client('emr');
    const out = await emr.send(
      new ListClustersCommand({ ClusterStates: ['WAITING'] })
    );

    expect(out.Clusters?.[0].Id).toBe('j-1ABC');
    expect(out.Clusters?.[0].Status?.State).toBe('WAITING');
    expect(out.Clusters?.[0].Status?.Timeline?.CreationDateTime).toBeInstanceOf(
      Date
    );
    expect(out.Marker).toBe('page-2');
    const [req] = requests;
    expect(req.url).toBe(`${PROXY}/emr/us-east-1/`);
    expect(req.headers['x-amz-target']).toBe('ElasticMapReduce.ListClusters');
    expect(JSON.parse(req.body)).toEqual({ ClusterStates: ['WAITING'] });
    expectNoAwsCredentials(req.headers);
  });

  it('sends S3 ListBuckets path-style as a GET without body and parses XML', async () => {
    const { settings, requests } = fakeServer({
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Owner><ID>abc</ID></Owner>
  <Buckets><Bucket><Name>demo-bucket</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets>
</ListAllMyBucketsResult>`
    });
    const clients = new AwsClients({
      serverSettings: settings,
      region: 'us-east-1'
    });
    const s3 = await clients.client('s3');
    const out = await s3.send(new ListBucketsCommand({}));

    expect(out.Buckets?.map(b => b.Name)).toEqual(['demo-bucket']);
    const [req] = requests;
    expect(req.method).toBe('GET');
    expect(req.url.startsWith(`${PROXY}/s3/us-east-1/`)).toBe(true);
    expect(req.headers['x-aws-spark-ml']).toBe('1'); // GETs too: no navigation passes
    expect(req.body).toBe('');
    expectNoAwsCredentials(req.headers);
  });

  it('passes a blob body both ways for SageMaker Runtime InvokeEndpoint', async () => {
    const { settings, requests } = fakeServer({
      headers: { 'content-type': 'text/csv' },
      body: '0.42\n'
    });
    const clients = new AwsClients({
      serverSettings: settings,
      region: 'us-east-1'
    });
    const rt = await clients.client('sagemaker-runtime');
    const out = await rt.send(
      new InvokeEndpointCommand({
        EndpointName: 'no2 model',
        ContentType: 'text/csv',
        Body: new TextEncoder().encode('1,2,3')
      })
    );

    expect(new TextDecoder().decode(out.Body)).toBe('0.42\n');
    const [req] = requests;
    expect(req.url).toBe(
      `${PROXY}/sagemaker-runtime/us-east-1/endpoints/no2%20model/invocations`
    );
    expect(req.body).toBe('1,2,3');
    expect(req.headers['content-type']).toBe('text/csv');
  });

  it('raises the modeled AWS exception when AWS errors pass through', async () => {
    const { settings } = fakeServer({
      status: 400,
      headers: { ...JSON_HEADERS, 'x-amzn-requestid': 'r-1' },
      body: JSON.stringify({
        __type: 'InvalidRequestException',
        Message: 'Cluster id j-NOPE is not valid.'
      })
    });
    const clients = new AwsClients({
      serverSettings: settings,
      region: 'us-east-1'
    });
    const emr = await clients.client('emr');
    await expect(emr.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      $metadata: { httpStatusCode: 400 }
    });
  });

  it('throws a proxy refusal once, without retrying it', async () => {
    const { settings, requests } = fakeServer({
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: 'emr:RunJobFlow is not in AwsSparkML.allowed_operations',
        reason: 'Forbidden',
        operation: 'emr:RunJobFlow'
      })
    });
    const clients = new AwsClients({
      serverSettings: settings,
      region: 'us-east-1'
    });
    const emr = await clients.client('emr');
    const error = await emr.send(new ListClustersCommand({})).catch(e => e);
    expect(error).toBeInstanceOf(ProxyRefusalError);
    expect(error.refusal.operation).toBe('emr:RunJobFlow');
    expect(requests).toHaveLength(1);
  });

  it('retries throttling, then succeeds', async () => {
    let n = 0;
    const { settings, requests } = fakeServer(() =>
      ++n === 1
        ? {
            status: 400,
            headers: { ...JSON_HEADERS, 'x-amzn-requestid': 'r-2' },
            body: JSON.stringify({
              __type: 'ThrottlingException',
              message: 'Rate exceeded'
            })
          }
        : { headers: JSON_HEADERS, body: JSON.stringify({ Clusters: [] }) }
    );
    const clients = new AwsClients({
      serverSettings: settings,
      region: 'us-east-1'
    });
    const emr = await clients.client('emr');
    const out = await emr.send(new ListClustersCommand({}));
    expect(out.Clusters).toEqual([]);
    expect(requests).toHaveLength(2);
  });

  it('caches one client per service and region', async () => {
    const { settings } = fakeServer({});
    const clients = new AwsClients({
      serverSettings: settings,
      region: 'us-east-1'
    });
    const a = await clients.client('emr');
    expect(await clients.client('emr')).toBe(a);
    expect(await clients.client('emr', 'eu-west-1')).not.toBe(a);
  });
});
