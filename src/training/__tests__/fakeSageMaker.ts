import { AwsClients } from '../../aws/clients';
import {
  ICapturedRequest,
  IFakeReply,
  fakeServer
} from '../../aws/__tests__/fakeServer';

const JSON_HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amzn-requestid': 'fake'
};

export function ok(body: unknown): IFakeReply {
  return { headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export function awsError(
  type: string,
  message: string,
  status = 400
): IFakeReply {
  return {
    status,
    headers: JSON_HEADERS,
    body: JSON.stringify({ __type: type, message })
  };
}

/**
 * The real SDK against a fake Jupyter server: `answer(op, body)` replies to
 * each JSON-protocol call (X-Amz-Target), and every call is recorded.
 */
export function fakeSageMaker(
  answer: (op: string, body: any, req: ICapturedRequest) => IFakeReply
) {
  const calls: { op: string; body: any }[] = [];
  const server = fakeServer(req => {
    const op = (req.headers['x-amz-target'] ?? '').split('.').pop() || req.url;
    const body =
      req.body && req.headers['x-amz-target'] ? JSON.parse(req.body) : req.body;
    calls.push({ op, body });
    return answer(op, body, req);
  });
  const clients = new AwsClients({
    serverSettings: server.settings,
    region: 'us-east-1',
    maxAttempts: 1
  });
  return { ...server, clients, calls, ops: () => calls.map(c => c.op) };
}

/** A job summary as ListTrainingJobs returns it (times in epoch seconds). */
export function summary(name: string, status: string, created: number) {
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${name}`,
    TrainingJobStatus: status,
    CreationTime: created
  };
}
