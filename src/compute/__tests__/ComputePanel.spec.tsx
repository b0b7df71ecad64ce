/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import React from 'react';
import { ClusterListModel } from '../ClusterListModel';
import { CommandIDs } from '../commands';
import { ComputePanel } from '../ComputePanel';
import { SessionListModel } from '../SessionListModel';
import { fakeAws, manyClusters } from './fakeAws';

async function setup(busy = false) {
  const aws = fakeAws({
    clusters: [
      ...manyClusters(2000),
      {
        Id: 'j-NEWEST',
        Name: 'newest',
        State: 'STARTING',
        Created: 1_800_000_000
      }
    ],
    sessions: [{ Id: 'glue-failed', Status: 'FAILED', Created: 1 }],
    pageSize: 500
  });
  const clusters = new ClusterListModel(aws.clients);
  const sessions = new SessionListModel(aws.clients);
  await Promise.all([clusters.refresh(), sessions.refresh()]);
  const commands = new CommandRegistry();
  const executed: string[] = [];
  for (const id of Object.values(CommandIDs)) {
    commands.addCommand(id, {
      execute: () => void executed.push(id),
      isEnabled: () => !busy
    });
  }
  render(
    <ComputePanel
      clusters={clusters}
      sessions={sessions}
      commands={commands}
      account={() => '123456789012'}
      trans={nullTranslator.load('x')}
    />
  );
  return { aws, clusters, executed };
}

describe('ComputePanel', () => {
  it('lists clusters as named list items, renders a window of 2,001, and opens one on demand', async () => {
    const { aws, executed } = await setup();
    const list = screen.getByRole('list', { name: 'EMR clusters' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeLessThan(60);
    const row = within(list).getByRole('listitem', { name: 'newest' });
    expect(aws.calls).not.toContain('DescribeCluster');

    const header = within(row).getByRole('button', {
      name: /newest, STARTING/
    });
    expect(header.getAttribute('aria-expanded')).toBe('false');
    await act(async () => fireEvent.click(header));
    expect(header.getAttribute('aria-expanded')).toBe('true');
    expect(await within(row).findByText('emr-7.5.0')).toBeTruthy();
    expect(aws.calls.filter(c => c === 'DescribeCluster')).toHaveLength(1);

    fireEvent.click(within(row).getByRole('button', { name: 'Terminate' }));
    expect(executed).toEqual([CommandIDs.terminateCluster]);
  });

  it('filters as you type without calling AWS', async () => {
    const { aws } = await setup();
    const before = aws.requests.length;
    fireEvent.change(
      screen.getByRole('searchbox', { name: /Search clusters/ }),
      { target: { value: 'cluster-1999' } }
    );
    const list = screen.getByRole('list', { name: 'EMR clusters' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(r => r.getAttribute('aria-label'))
    ).toEqual(['cluster-1999']);
    expect(aws.requests.length).toBe(before);
  });

  it('offers to recreate a failed Glue session', async () => {
    const { executed } = await setup();
    // Failed sessions are not active: they show under "All".
    expect(screen.queryByRole('list', { name: 'Glue sessions' })).toBeNull();
    await act(async () =>
      fireEvent.change(
        screen.getByRole('combobox', { name: 'Which states to show' }),
        {
          target: { value: 'all' }
        }
      )
    );
    const list = screen.getByRole('list', { name: 'Glue sessions' });
    fireEvent.click(
      within(list).getByRole('button', { name: /glue-failed, FAILED/ })
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Recreate with the same settings'
      })
    );
    expect(executed).toEqual([CommandIDs.recreateSession]);
  });

  it('disables Provision cluster while a submission is running', async () => {
    await setup(true);
    expect(
      (
        screen.getByRole('button', {
          name: 'Provision cluster'
        }) as HTMLButtonElement
      ).disabled
    ).toBe(true);
  });
});
