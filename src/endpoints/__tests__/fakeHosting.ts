import { fakeSageMakerOf } from '../../core/__tests__/withAccount';
import { awsError, ok } from '../../training/__tests__/fakeSageMaker';

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012';

/**
 * SageMaker's models, endpoint configs and endpoints, with their tags.
 * `loseAnswerOf`: that operation is done once, then its answer is lost (502);
 * `fail(op)`: an error name makes `op` fail (500) without doing anything.
 */
export function fakeHosting(
  loseAnswerOf?: string,
  fail: (op: string) => string | undefined = () => undefined
) {
  const models = new Map<string, { Key: string; Value: string }[]>();
  const configs = new Map<string, { Key: string; Value: string }[]>();
  const endpoints = new Map<string, string>();
  const missing = (what: string, name: string) =>
    awsError('ValidationException', `Could not find ${what} "${name}".`);
  const aws = fakeSageMakerOf((op, b) => {
    const failure = fail(op);
    if (failure) {
      return awsError(failure, `${op} failed`, 500);
    }
    const reply = answer(op, b);
    if (op === loseAnswerOf) {
      loseAnswerOf = undefined; // done, then the connection drops: the proxy says 502
      return awsError('InternalFailure', 'connection dropped', 502);
    }
    return reply;
  });
  function answer(op: string, b: any) {
    switch (op) {
      case 'CreateModel':
        if (models.has(b.ModelName)) {
          return awsError(
            'ValidationException',
            `Cannot create already existing model "${ARN}:model/${b.ModelName}".`
          );
        }
        models.set(b.ModelName, b.Tags ?? []);
        return ok({ ModelArn: `${ARN}:model/${b.ModelName}` });
      case 'CreateEndpointConfig':
        configs.set(b.EndpointConfigName, b.Tags ?? []);
        return ok({});
      case 'CreateEndpoint':
        endpoints.set(b.EndpointName, b.EndpointConfigName);
        return ok({});
      case 'DescribeEndpoint':
        return endpoints.has(b.EndpointName)
          ? ok({
              EndpointName: b.EndpointName,
              EndpointConfigName: endpoints.get(b.EndpointName),
              EndpointStatus: 'Creating'
            })
          : missing('endpoint', b.EndpointName);
      case 'DescribeModel':
        return models.has(b.ModelName)
          ? ok({ ModelArn: `${ARN}:model/${b.ModelName}` })
          : missing('model', b.ModelName);
      case 'DescribeEndpointConfig':
        return configs.has(b.EndpointConfigName)
          ? ok({
              EndpointConfigArn: `${ARN}:endpoint-config/${b.EndpointConfigName}`
            })
          : missing('endpoint configuration', b.EndpointConfigName);
      case 'ListTags': {
        const [kind, name] = b.ResourceArn.split(':').pop().split('/');
        return ok({
          Tags: (kind === 'model' ? models : configs).get(name) ?? []
        });
      }
      case 'DeleteModel':
        models.delete(b.ModelName);
        return ok({});
      case 'DeleteEndpointConfig':
        configs.delete(b.EndpointConfigName);
        return ok({});
      default:
        return awsError('UnknownOperationException', op);
    }
  }
  return { ...aws, models, configs, endpoints };
}
