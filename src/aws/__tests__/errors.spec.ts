import { ProxyRefusalError, describeAwsError, isProxyRefusal } from '../errors';

const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

describe('describeAwsError', () => {
  it('names the refused operation and where to allow it', () => {
    const d = describeAwsError(
      new ProxyRefusalError(403, {
        message: 'iam:CreateUser is not allowed',
        reason: 'Forbidden',
        operation: 'iam:CreateUser'
      })
    );
    expect(d.title).toContain('iam:CreateUser');
    expect(d.fix).toContain('allowed_operations');
  });

  it.each([
    [413, 'ProxyBodyTooLarge'],
    [502, 'ProxyUpstreamUnreachable'],
    [504, 'ProxyUpstreamTimeout'],
    [400, 'ProxyBadRequest']
  ])('maps a proxy %d refusal', (status, code) => {
    const d = describeAwsError(
      new ProxyRefusalError(status, {
        message: 'x',
        reason: null,
        operation: null
      })
    );
    expect(d.code).toBe(code);
    expect(d.fix.length).toBeGreaterThan(10);
  });

  it.each([
    ['AccessDeniedException', 'Access denied'],
    ['ThrottlingException', 'throttling'],
    ['ExpiredTokenException', 'expired'],
    ['UnrecognizedClientException', 'does not accept']
  ])('explains %s', (name, title) => {
    const err = Object.assign(new Error('boom'), {
      name,
      $metadata: { httpStatusCode: 400 }
    });
    const d = describeAwsError(err);
    expect(d.title).toContain(title);
    expect(d.message).toBe('boom');
  });

  it('explains an unreachable Jupyter server', () => {
    const err = Object.assign(new TypeError('Failed to fetch'), {
      name: 'NetworkError'
    });
    expect(describeAwsError(err).title).toBe('Cannot reach the Jupyter server');
  });
});

describe('isProxyRefusal', () => {
  const json = { 'content-type': 'application/json' };
  it('recognises Jupyter error JSON', () => {
    expect(
      isProxyRefusal(
        403,
        json,
        enc({ message: 'no', reason: 'Forbidden', operation: 'emr:X' })
      )
    ).toEqual({ message: 'no', reason: 'Forbidden', operation: 'emr:X' });
  });
  it('leaves AWS errors to the SDK', () => {
    expect(
      isProxyRefusal(
        400,
        json,
        enc({ __type: 'ValidationException', message: 'm' })
      )
    ).toBeNull();
    expect(
      isProxyRefusal(
        403,
        { ...json, 'x-amzn-requestid': 'abc' },
        enc({ message: 'm', reason: null })
      )
    ).toBeNull();
    expect(
      isProxyRefusal(403, { 'content-type': 'text/xml' }, enc({}))
    ).toBeNull();
  });
});
