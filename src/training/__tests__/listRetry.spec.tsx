/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { act, render, screen, within } from '@testing-library/react';
import React from 'react';
import { steadyFrequency } from '../states';
import { TrainingJobListModel } from '../TrainingJobListModel';
import { TrainingPanel } from '../TrainingPanel';
import { awsError, fakeSageMaker, ok, summary } from './fakeSageMaker';

const disposables: { dispose(): void }[] = [];
afterEach(() => disposables.splice(0).forEach(d => d.dispose()));
const track = <T extends { dispose(): void }>(d: T) => (disposables.push(d), d);

/** A SageMaker that lists `jobs` and answers `fault()` instead while it returns one. */
function sageMaker(jobs: ReturnType<typeof summary>[], fault: () => any) {
  return fakeSageMaker((op, body) => {
    const f = fault();
    if (f) {
      return f;
    }
    if (op === 'ListTrainingJobs') {
      return ok({ TrainingJobSummaries: jobs });
    }
    return ok({
      TrainingJobName: body.TrainingJobName,
      TrainingJobStatus: 'Completed'
    });
  });
}

describe('TrainingJobListModel under faults', () => {
  it('keeps its rows while throttled, backs off, and recovers', async () => {
    const jobs = [summary('job-a', 'Completed', 1000)];
    let fault: any = null;
    const aws = sageMaker(jobs, () => fault);
    const model = track(
      new TrainingJobListModel(aws.clients, { intervalSeconds: 5 })
    );
    await model.refresh();
    expect(model.retrying).toBeNull();

    fault = awsError('ThrottlingException', 'Rate exceeded');
    await model.refresh(); // throttling resolves: the interval doubles instead
    expect(model.items.map(j => j.TrainingJobName)).toEqual(['job-a']);
    expect(model.retrying).toBe('throttled');
    expect(model.poll.frequency.interval).toBe(10_000);
    await model.refresh();
    expect(model.poll.frequency.interval).toBe(20_000);

    fault = null;
    jobs.unshift(summary('job-b', 'Completed', 2000));
    await model.refresh();
    expect(model.retrying).toBeNull();
    expect(model.error).toBeNull();
    expect(model.items.map(j => j.TrainingJobName)).toEqual(['job-b', 'job-a']);
    expect(model.poll.frequency).toEqual(steadyFrequency(5000));
  });

  it('keeps its rows on a 5xx or a failed DescribeTrainingJob and rejects so the poll backs off', async () => {
    const jobs = [summary('job-a', 'InProgress', 1000)];
    let fault: (op?: string) => any = () => null;
    const aws = fakeSageMaker((op, body) => {
      const f = fault(op);
      if (f) {
        return f;
      }
      return op === 'ListTrainingJobs'
        ? ok({ TrainingJobSummaries: jobs })
        : ok({ TrainingJobName: body.TrainingJobName });
    });
    const model = track(new TrainingJobListModel(aws.clients));
    await model.refresh();

    fault = () => awsError('InternalFailure', 'boom', 500);
    await expect(model.refresh()).rejects.toBeTruthy();
    expect(model.items).toHaveLength(1);
    expect(model.retrying).toBe('error');

    // The list answers, the running job's describe fails: still the last rows.
    jobs.push(summary('job-new', 'InProgress', 2000));
    fault = op =>
      op === 'DescribeTrainingJob'
        ? awsError('InternalFailure', 'boom', 500)
        : null;
    await expect(model.refresh()).rejects.toBeTruthy();
    expect(model.items.map(j => j.TrainingJobName)).toEqual(['job-a']);
    expect(model.retrying).toBe('error');
  });

  it('does not call an error a person must fix "retrying"', async () => {
    const aws = fakeSageMaker(() =>
      awsError(
        'AccessDeniedException',
        'not allowed: sagemaker:ListTrainingJobs'
      )
    );
    const model = track(new TrainingJobListModel(aws.clients));
    await expect(model.refresh()).rejects.toBeTruthy();
    expect(model.retrying).toBeNull();
    expect(model.error?.title).toBe('Access denied');
  });

  it('shows the rows and a "Retrying… (throttled)" line, not an error panel', async () => {
    let fault: any = null;
    const aws = sageMaker([summary('job-a', 'Completed', 1000)], () => fault);
    const model = track(new TrainingJobListModel(aws.clients));
    await model.refresh();
    render(
      <TrainingPanel
        jobs={model}
        clients={aws.clients}
        commands={new CommandRegistry()}
        intervalMs={() => 5000}
        trans={nullTranslator.load('x')}
      />
    );
    fault = awsError('ThrottlingException', 'Rate exceeded');
    await act(() => model.refresh());
    const list = screen.getByRole('list', { name: 'Training jobs' });
    expect(within(list).getByRole('listitem', { name: 'job-a' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(
      'Retrying… (throttled)'
    );
    expect(screen.queryByRole('alert')).toBeNull();

    fault = null;
    await act(() => model.refresh());
    expect(screen.queryByText(/Retrying/)).toBeNull();
  });
});
