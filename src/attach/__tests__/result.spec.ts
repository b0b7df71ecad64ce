import {
  CONNECTION_MIME,
  eventFromIOPub,
  eventsFromText
} from '../../core/kernelProtocol';
import { connectResultFromOutputs } from '../result';

const connected = {
  event: 'connected',
  target: 'emr',
  id: 'j-1ABC',
  livy: 'http://127.0.0.1:8998',
  sessionId: 3,
  sparkUi: 'http://127.0.0.1:4040'
};
const failed = {
  event: 'failed',
  target: 'emr',
  id: 'j-1ABC',
  reason: 'cluster j-1ABC is STARTING; wait until WAITING',
  fix: 'wait until the cluster is WAITING, then run this cell again'
};

describe('connectResultFromOutputs', () => {
  it('reads the display data the magic publishes', () => {
    const outputs = [
      { output_type: 'stream', name: 'stdout', text: 'Attached to emr\n' },
      { output_type: 'display_data', data: { [CONNECTION_MIME]: connected } }
    ];
    expect(connectResultFromOutputs(outputs)).toEqual(connected);
  });

  it('takes the last result and skips status reports', () => {
    const outputs = [
      { output_type: 'display_data', data: { [CONNECTION_MIME]: failed } },
      {
        output_type: 'display_data',
        data: { [CONNECTION_MIME]: { event: 'status', target: null } }
      },
      { output_type: 'display_data', data: { [CONNECTION_MIME]: connected } }
    ];
    expect(connectResultFromOutputs(outputs)?.event).toBe('connected');
  });

  it('falls back to the AWS_SPARK_ML line on stdout, even split in chunks', () => {
    const line = `AWS_SPARK_ML ${JSON.stringify(failed)}\n`;
    const outputs = [
      {
        output_type: 'stream',
        name: 'stdout',
        text: ['noise\n', line.slice(0, 20)]
      },
      { output_type: 'stream', name: 'stdout', text: line.slice(20) },
      { output_type: 'error', ename: 'ConnectFailed', evalue: '' }
    ];
    const result = connectResultFromOutputs(outputs);
    expect(result?.reason).toBe(failed.reason);
    expect(result?.fix).toBe(failed.fix);
  });

  it('turns a missing package into a failure that says how to install it', () => {
    const result = connectResultFromOutputs([
      {
        output_type: 'error',
        ename: 'ModuleNotFoundError',
        evalue: "No module named 'jupyterlab_aws_spark_ml'"
      }
    ]);
    expect(result?.event).toBe('failed');
    expect(result?.reason).toMatch(/ModuleNotFoundError/);
    expect(result?.fix).toMatch(/pip install jupyterlab-aws-spark-ml/);
  });

  it('is null while the cell has not reported', () => {
    expect(connectResultFromOutputs([])).toBeNull();
    expect(
      connectResultFromOutputs([
        {
          output_type: 'stream',
          name: 'stdout',
          text: 'AWS_SPARK_ML {broken\n'
        }
      ])
    ).toBeNull();
  });
});

describe('eventsFromText and eventFromIOPub', () => {
  it('ignores lines that are not ours', () => {
    expect(eventsFromText('AWS_SPARK_ML {"event":"other"}\nhello')).toEqual([]);
  });

  it('reads our MIME type from display messages only', () => {
    const msg = (msg_type: string, content: object) =>
      ({ header: { msg_type }, content, channel: 'iopub' }) as any;
    expect(
      eventFromIOPub(
        msg('display_data', { data: { [CONNECTION_MIME]: connected } })
      )
    ).toEqual(connected);
    expect(
      eventFromIOPub(msg('stream', { name: 'stdout', text: 'AWS_SPARK_ML {}' }))
    ).toBeNull();
    expect(
      eventFromIOPub(msg('display_data', { data: { 'text/plain': 'x' } }))
    ).toBeNull();
  });
});
