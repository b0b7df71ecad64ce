import {
  ICapturedRequest,
  IFakeReply,
  STS_IDENTITY_XML
} from '../../aws/__tests__/fakeServer';
import { fakeSageMaker } from '../../training/__tests__/fakeSageMaker';

const isSts = (body: unknown) =>
  typeof body === 'string' && body.includes('Action=GetCallerIdentity');

/**
 * `fakeSageMaker` whose STS answers who the caller is (a flow records its
 * account); `calls` and `ops()` list the SageMaker calls only.
 */
export function fakeSageMakerOf(
  answer: (op: string, body: any, req: ICapturedRequest) => IFakeReply,
  account = '123456789012'
) {
  const aws = fakeSageMaker((op, body, req) =>
    isSts(body)
      ? {
          headers: { 'content-type': 'text/xml' },
          body: STS_IDENTITY_XML.replace('123456789012', account)
        }
      : answer(op, body, req)
  );
  const calls = () => aws.calls.filter(c => !isSts(c.body));
  return {
    ...aws,
    get calls() {
      return calls();
    },
    ops: () => calls().map(c => c.op)
  };
}
