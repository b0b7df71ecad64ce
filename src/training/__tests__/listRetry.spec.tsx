/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { act, render, screen, within } from '@testing-library/react';
import React from 'react';
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

// What every list does under faults is tested once, in core/__tests__;
// here only what training adds: its Describe calls, and the panel's wiring.
describe('TrainingJobListModel under faults', () => {
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
