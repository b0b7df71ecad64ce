import { ServerStatusModel } from '../../aws/status';
import { fakeServer, IFakeReply } from '../../aws/__tests__/fakeServer';
import { FRONTEND_VERSION } from '../../version';
import { isUsable } from '../usable';

const OK = {
  version: FRONTEND_VERSION,
  mode: 'aws',
  region: 'us-east-1',
  identity: {
    account: '123456789012',
    arn: 'arn:aws:iam::1:root',
    userId: 'x'
  },
  identityError: null,
  sandbox: null
};
const NO_CREDENTIALS = { ...OK, identity: null, identityError: 'no creds' };

/** A status model whose server answers each refresh with the next reply. */
function statusWith(...replies: IFakeReply[]) {
  const { settings } = fakeServer(() => replies.shift() ?? {});
  return new ServerStatusModel(settings);
}

describe('a usable server', () => {
  it.each([
    ['answers with no problem', { body: JSON.stringify(OK) }, true],
    [
      'is another version (shown, but calls may work)',
      { body: JSON.stringify({ ...OK, version: '9.9.9' }) },
      true
    ],
    ['has no credentials', { body: JSON.stringify(NO_CREDENTIALS) }, false],
    ['lacks the server half', { status: 404 }, false],
    ['fails', { status: 500, body: 'boom' }, false]
  ])('%s: %s', async (_, reply, usable) => {
    const status = statusWith(reply);
    await status.refresh();
    expect(status.usable).toBe(usable);
    expect(isUsable(status.info, status.problem)).toBe(usable);
  });

  it('is not usable before the first answer', () => {
    expect(statusWith().usable).toBe(false);
  });

  it('says when it became usable: after "Try again" once credentials exist', async () => {
    const status = statusWith(
      { body: JSON.stringify(NO_CREDENTIALS) },
      { body: JSON.stringify(OK) }
    );
    let became = false;
    void status.becameUsable.then(() => (became = true));
    await status.refresh();
    await Promise.resolve();
    expect(became).toBe(false);
    await status.refresh();
    await status.becameUsable;
    expect(became).toBe(true);
  });
});
