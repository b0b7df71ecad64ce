import {
  checkAttachment,
  connectCellSource,
  ConnectCellError,
  isConnectCell,
  quoteArgument
} from '../connectCell';

describe('connectCellSource', () => {
  it('writes the EMR connect cell without --region in the default region', () => {
    expect(
      connectCellSource(
        { target: 'emr', id: 'j-1ABCDEFGHIJK', region: 'us-east-1' },
        'us-east-1'
      )
    ).toBe(
      '%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect emr --cluster-id j-1ABCDEFGHIJK'
    );
  });

  it('adds --region only when the target is in another region', () => {
    expect(
      connectCellSource(
        { target: 'emr', id: 'j-1ABC', region: 'eu-west-1' },
        'us-east-1'
      )
    ).toBe(
      '%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect emr --cluster-id j-1ABC --region eu-west-1'
    );
  });

  it('writes the Glue and local connect cells', () => {
    expect(
      connectCellSource(
        { target: 'glue', id: 'my-session', region: 'us-west-2' },
        'us-east-1'
      )
    ).toBe(
      '%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect glue --session-id my-session --region us-west-2'
    );
    expect(
      connectCellSource(
        { target: 'local', id: 'local', region: 'eu-west-1' },
        'us-east-1'
      )
    ).toBe('%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect local');
  });

  it('quotes Glue ids for shlex and escapes IPython $ and {} expansion', () => {
    const source = connectCellSource(
      { target: 'glue', id: "it's {my} $HOME", region: 'us-east-1' },
      'us-east-1'
    );
    expect(source.split('\n')[1]).toBe(
      `%aws_spark connect glue --session-id 'it'"'"'s {{my}} $$HOME'`
    );
  });

  it('never writes anything but target, id and region (no secrets)', () => {
    const leaky = {
      target: 'emr',
      id: 'j-1ABC',
      region: 'us-east-1',
      password: 'hunter2',
      secretAccessKey: 'AKIA…'
    } as any;
    const source = connectCellSource(leaky, 'us-east-1');
    expect(source).not.toMatch(/hunter2|AKIA|password|secret/i);
    expect(source.split('\n')).toHaveLength(2);
  });

  it('refuses ids that are not ids, naming the field and the fix', () => {
    const bad = [
      { target: 'emr', id: 'cluster-1', region: 'us-east-1' },
      { target: 'emr', id: 'j-1ABC; rm -rf /', region: 'us-east-1' },
      { target: 'glue', id: 'two\nlines', region: 'us-east-1' },
      { target: 'glue', id: '', region: 'us-east-1' }
    ] as const;
    for (const a of bad) {
      expect(() => checkAttachment(a)).toThrow(ConnectCellError);
      try {
        checkAttachment(a);
      } catch (e) {
        expect((e as ConnectCellError).field).toBe('id');
        expect((e as Error).message).toMatch(/Compute panel/);
      }
    }
    expect(() =>
      connectCellSource(
        { target: 'glue', id: 's', region: 'us-east-1 --livy-port 1' },
        'x'
      )
    ).toThrow(/Region must look like us-east-1/);
  });
});

describe('quoteArgument', () => {
  it('leaves plain ids alone', () => {
    expect(quoteArgument('j-1ABC')).toBe('j-1ABC');
    expect(quoteArgument('session_1.2')).toBe('session_1.2');
  });
  it('single-quotes spaces and quotes', () => {
    expect(quoteArgument('a b')).toBe("'a b'");
  });
});

describe('isConnectCell', () => {
  it('knows our cells by metadata only', () => {
    expect(isConnectCell({ aws_spark_ml: { connect: true } })).toBe(true);
    expect(isConnectCell({ aws_spark_ml: { connect: 'yes' } })).toBe(false);
    expect(isConnectCell({ tags: ['connect'] })).toBe(false);
    expect(isConnectCell(null)).toBe(false);
  });
});
