/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { act, render, screen, within } from '@testing-library/react';
import React from 'react';
import { ClusterListModel } from '../ClusterListModel';
import { ComputePanel } from '../ComputePanel';
import { SessionListModel } from '../SessionListModel';
import { awsError, fakeAws, manyClusters } from './fakeAws';

// What every list does under faults is tested once, in core/__tests__;
// here only the compute panel's wiring of its two lists.
function renderPanel(clusters: ClusterListModel, sessions: SessionListModel) {
  render(
    <ComputePanel
      clusters={clusters}
      sessions={sessions}
      commands={new CommandRegistry()}
      account={() => '123456789012'}
      trans={nullTranslator.load('x')}
    />
  );
}

describe('Compute lists under faults', () => {
  it('keep their rows and say they are retrying, then update when AWS answers again', async () => {
    let fault: ReturnType<typeof awsError> | undefined;
    const aws = fakeAws({
      clusters: manyClusters(3),
      sessions: [{ Id: 'glue-1', Status: 'READY', Created: 1 }],
      override: () => fault
    });
    const clusters = new ClusterListModel(aws.clients);
    const sessions = new SessionListModel(aws.clients);
    await Promise.all([clusters.refresh(), sessions.refresh()]);
    renderPanel(clusters, sessions);

    fault = awsError('ThrottlingException', 'Rate exceeded');
    await act(() => clusters.refresh());
    fault = awsError('InternalFailure', 'boom', 500);
    await act(() => sessions.refresh().catch(() => undefined));
    const notes = screen.getAllByRole('status').map(n => n.textContent);
    expect(notes).toEqual(['Retrying… (throttled)', 'Retrying… (AWS error)']);
    expect(screen.queryByRole('alert')).toBeNull();
    const list = screen.getByRole('list', { name: 'EMR clusters' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(
      within(screen.getByRole('list', { name: 'Glue sessions' })).getByRole(
        'listitem',
        { name: 'glue-1' }
      )
    ).toBeTruthy();

    fault = undefined;
    aws.clusters.push({
      Id: 'j-NEW',
      Name: 'new',
      State: 'STARTING',
      Created: 9e9
    });
    await act(() => Promise.all([clusters.refresh(), sessions.refresh()]));
    expect(screen.queryByRole('status')).toBeNull();
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    clusters.dispose();
    sessions.dispose();
  });

  it('shows the full error panel for an error a person must fix', async () => {
    const aws = fakeAws({
      override: () =>
        awsError('AccessDeniedException', 'not allowed: ListClusters')
    });
    const clusters = new ClusterListModel(aws.clients);
    const sessions = new SessionListModel(aws.clients);
    await clusters.refresh().catch(() => undefined);
    renderPanel(clusters, sessions);
    expect(screen.getByRole('alert').textContent).toContain('Access denied');
    expect(screen.queryByRole('status')).toBeNull();
    clusters.dispose();
    sessions.dispose();
  });
});
