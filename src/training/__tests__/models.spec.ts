/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { AwsClients } from '../../aws/clients';
import { changingFrequency, steadyFrequency } from '../../core/frequency';
import { nullTranslator } from '@jupyterlab/translation';
import { createTrainingJobOnce } from '../launch';
import { TrainingActions } from '../TrainingActions';
import { toCreateTrainingJob } from '../request';
import { TrainingJobListModel } from '../TrainingJobListModel';
import { readableLogMessage, TrainingLogModel } from '../TrainingLogModel';
import { followJob } from '../watchJob';
import { awsError, fakeSageMaker, ok, summary } from './fakeSageMaker';
import { request } from './fixtures';

const disposables: { dispose(): void }[] = [];
afterEach(() => disposables.splice(0).forEach(d => d.dispose()));
const track = <T extends { dispose(): void }>(d: T) => (disposables.push(d), d);

describe('TrainingJobListModel', () => {
  const jobs = Array.from({ length: 7 }, (_, i) =>
    summary(`job-${i}`, i === 0 ? 'InProgress' : 'Completed', 1000 - i)
  );
  const describe_ = (name: string, status: string) =>
    ok({
      TrainingJobName: name,
      TrainingJobStatus: status,
      SecondaryStatus: status,
      BillableTimeInSeconds: 12
    });

  function fake(status: Record<string, string> = {}) {
    return fakeSageMaker((op, body) => {
      if (op === 'ListTrainingJobs') {
        const start = Number(body.NextToken ?? 0);
        const next =
          start + body.MaxResults < jobs.length
            ? String(start + body.MaxResults)
            : undefined;
        return ok({
          TrainingJobSummaries: jobs.slice(start, start + body.MaxResults),
          NextToken: next
        });
      }
      if (op === 'DescribeTrainingJob') {
        const name = body.TrainingJobName;
        return describe_(
          name,
          status[name] ??
            jobs.find(j => j.TrainingJobName === name)!.TrainingJobStatus
        );
      }
      return awsError('UnknownOperationException', op);
    });
  }

  it('asks newest first, one page, and follows NextToken when more is asked for', async () => {
    const aws = fake();
    const model = track(new TrainingJobListModel(aws.clients, { pageSize: 3 }));
    await model.refresh();
    expect(model.items.map(j => j.TrainingJobName)).toEqual([
      'job-0',
      'job-1',
      'job-2'
    ]);
    expect(model.hasMore).toBe(true);
    const list = aws.calls.filter(c => c.op === 'ListTrainingJobs');
    expect(list[0].body).toEqual({
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 3
    });

    model.loadMore(); // not started: applied on the next refresh
    await model.refresh();
    expect(model.items).toHaveLength(6);
    model.loadMore();
    await model.refresh();
    expect(model.items).toHaveLength(7);
    expect(model.hasMore).toBe(false);
    expect(
      aws.calls
        .filter(c => c.op === 'ListTrainingJobs')
        .map(c => c.body.NextToken)
    ).toEqual([undefined, undefined, '3', undefined, '3', '6']);
  });

  it('describes a finished job once, a running one on every refresh', async () => {
    const aws = fake();
    const model = track(new TrainingJobListModel(aws.clients, { pageSize: 3 }));
    await model.refresh();
    await model.refresh();
    await model.refresh();
    const described = aws.calls
      .filter(c => c.op === 'DescribeTrainingJob')
      .map(c => c.body.TrainingJobName);
    expect(described.filter(n => n === 'job-1')).toHaveLength(1);
    expect(described.filter(n => n === 'job-0')).toHaveLength(3);
    expect(model.details('job-1')?.BillableTimeInSeconds).toBe(12);
  });

  it('polls faster while a job runs and at the steady rate once all are finished', async () => {
    const aws = fake();
    const model = track(
      new TrainingJobListModel(aws.clients, { intervalSeconds: 5, pageSize: 3 })
    );
    await model.refresh();
    expect(model.isChanging).toBe(true);
    expect(model.poll.frequency.interval).toBe(
      changingFrequency(5000).interval
    );
    jobs[0].TrainingJobStatus = 'Completed';
    await model.refresh();
    expect(model.isChanging).toBe(false);
    expect(model.poll.frequency).toEqual(steadyFrequency(5000));
    expect(model.poll.frequency.backoff).toBe(true);
    jobs[0].TrainingJobStatus = 'InProgress';
  });

  it('keeps the error, explained, and rejects so the poll backs off', async () => {
    const aws = fakeSageMaker(() =>
      awsError(
        'AccessDeniedException',
        'not allowed: sagemaker:ListTrainingJobs'
      )
    );
    const model = track(new TrainingJobListModel(aws.clients));
    await expect(model.refresh()).rejects.toBeTruthy();
    expect(model.error?.title).toBe('Access denied');
  });
});

describe('TrainingLogModel', () => {
  it('turns #011 back into a tab', () => {
    expect(
      readableLogMessage('[3]#011train-rmse:0.25#011validation-rmse:0.3')
    ).toBe('[3]\ttrain-rmse:0.25\tvalidation-rmse:0.3');
  });

  it('reads every stream forward with nextForwardToken and stops once the job is finished', async () => {
    let status = 'InProgress';
    const events: Record<string, string[]> = {
      a: ['[0]#011train-rmse:1.0', '[1]#011train-rmse:0.5'],
      b: []
    };
    const aws = fakeSageMaker((op, body) => {
      if (op === 'DescribeLogStreams') {
        expect(body.logStreamNamePrefix).toBe('job-1/');
        return ok({ logStreams: [{ logStreamName: 'job-1/algo-1-1' }] });
      }
      if (op === 'GetLogEvents') {
        const read = Number(body.nextToken ?? 0);
        const all = events.a;
        const fresh = all.slice(read);
        return ok({
          events: fresh.map((message, i) => ({ message, timestamp: read + i })),
          nextForwardToken: String(all.length)
        });
      }
      return awsError('UnknownOperationException', op);
    });
    const model = track(
      new TrainingLogModel(aws.clients, 'job-1', {
        status: () => status,
        intervalMs: 60_000
      })
    );
    await model.start();
    await new Promise<void>(r => model.changed.connect(() => r()));
    expect(model.lines.map(l => l.message)).toEqual([
      '[0]\ttrain-rmse:1.0',
      '[1]\ttrain-rmse:0.5'
    ]);

    events.a.push('Training complete');
    status = 'Completed';
    await model.poll.refresh();
    await model.poll.tick;
    await new Promise(r => setTimeout(r, 50));
    expect(model.lines.map(l => l.message)).toContain('Training complete');
    expect(model.complete).toBe(false); // new lines came: read once more
    await model.poll.refresh();
    await new Promise(r => setTimeout(r, 50));
    expect(model.complete).toBe(true);
    expect(model.poll.isDisposed).toBe(true);
    const tokens = aws.calls
      .filter(c => c.op === 'GetLogEvents')
      .map(c => c.body.nextToken);
    expect(tokens[0]).toBeUndefined();
    expect(tokens).toContain('2');
  });

  it('treats a missing log group as "no lines yet"', async () => {
    const aws = fakeSageMaker(() =>
      awsError(
        'ResourceNotFoundException',
        'The specified log group does not exist.'
      )
    );
    const model = track(
      new TrainingLogModel(aws.clients, 'job-2', {
        status: () => 'InProgress',
        intervalMs: 60_000
      })
    );
    await model.start();
    await new Promise<void>(r => model.changed.connect(() => r()));
    expect(model.error).toBeNull();
    expect(model.lines).toHaveLength(0);
  });
});

describe('followJob', () => {
  it('stops polling at a terminal state and reports each change once', async () => {
    const states = [
      'InProgress/Starting',
      'InProgress/Training',
      'InProgress/Training',
      'Completed/Completed'
    ];
    const aws = fakeSageMaker(() => {
      const [s, sec] = (states.shift() ?? 'Completed/Completed').split('/');
      return ok({
        TrainingJobName: 'j',
        TrainingJobStatus: s,
        SecondaryStatus: sec
      });
    });
    const seen: string[] = [];
    const job = await followJob(aws.clients, 'j', {
      intervalMs: 1,
      onStatus: (s, sec) => seen.push(`${s}/${sec}`)
    });
    expect(job.TrainingJobStatus).toBe('Completed');
    expect(seen).toEqual([
      'InProgress/Starting',
      'InProgress/Training',
      'Completed/Completed'
    ]);
    const calls = aws.calls.length;
    await new Promise(r => setTimeout(r, 1100));
    expect(aws.calls.length).toBe(calls);
  });
});

describe('one click = one job', () => {
  const input = toCreateTrainingJob(request(), 'us-east-1');

  it('a retry that meets ResourceInUse for its own job is a success', async () => {
    const aws = fakeSageMaker(op =>
      op === 'CreateTrainingJob'
        ? awsError(
            'ResourceInUse',
            'Training job names must be unique within an AWS account and region'
          )
        : ok({
            TrainingJobName: input.TrainingJobName,
            RoleArn: input.RoleArn,
            AlgorithmSpecification: input.AlgorithmSpecification,
            OutputDataConfig: input.OutputDataConfig
          })
    );
    await expect(createTrainingJobOnce(aws.clients, input)).resolves.toBe(
      'existed'
    );
    expect(aws.ops()).toEqual(['CreateTrainingJob', 'DescribeTrainingJob']);
  });

  it("the SDK's own retry after a lost answer finds the job, and makes no second one", async () => {
    const jobs = new Map<string, unknown>();
    const aws = fakeSageMaker((op, body) => {
      if (op === 'CreateTrainingJob') {
        if (jobs.has(body.TrainingJobName)) {
          return awsError('ResourceInUse', 'Training job names must be unique');
        }
        jobs.set(body.TrainingJobName, body);
        // AWS created it; the answer is lost on the way back (the proxy says 502).
        return awsError('InternalFailure', 'connection dropped', 500);
      }
      return ok(jobs.get(body.TrainingJobName));
    });
    const clients = new AwsClients({
      serverSettings: aws.settings,
      region: 'us-east-1' // and the production number of attempts
    });
    await expect(createTrainingJobOnce(clients, input)).resolves.toBe(
      'existed'
    );
    expect(aws.ops()).toEqual([
      'CreateTrainingJob',
      'CreateTrainingJob',
      'DescribeTrainingJob'
    ]);
    expect(jobs.size).toBe(1);
  });

  it("someone else's job with that name is still an error", async () => {
    const aws = fakeSageMaker(op =>
      op === 'CreateTrainingJob'
        ? awsError('ResourceInUse', 'in use')
        : ok({
            TrainingJobName: input.TrainingJobName,
            RoleArn: 'arn:aws:iam::123456789012:role/other',
            AlgorithmSpecification: input.AlgorithmSpecification
          })
    );
    await expect(
      createTrainingJobOnce(aws.clients, input)
    ).rejects.toMatchObject({ name: 'ResourceInUse' });
  });

  it('a double click on Launch sends one CreateTrainingJob', async () => {
    const aws = fakeSageMaker(op =>
      op === 'CreateTrainingJob'
        ? ok({ TrainingJobArn: 'arn' })
        : ok({
            TrainingJobName: input.TrainingJobName,
            TrainingJobStatus: 'Completed'
          })
    );
    const jobs = { expectChange: <T>(p: Promise<T>) => p } as any;
    const actions = new TrainingActions(
      aws.clients,
      jobs,
      { get: jest.fn() },
      nullTranslator.load('jupyterlab_aws_spark_ml'),
      {} as any
    );
    actions.intervalMs = 1;
    await Promise.all([actions.launch(request()), actions.launch(request())]);
    expect(aws.ops().filter(op => op === 'CreateTrainingJob')).toHaveLength(1);
  });

  it('sends the generated name unchanged', async () => {
    const aws = fakeSageMaker(() => ok({ TrainingJobArn: 'arn' }));
    await expect(createTrainingJobOnce(aws.clients, input)).resolves.toBe(
      'created'
    );
    expect(aws.calls[0].body.TrainingJobName).toBe(
      'xgboost-20250101-120000-ab12'
    );
  });
});
