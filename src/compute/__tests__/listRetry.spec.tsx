/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { act, render, screen, within } from '@testing-library/react';
import React from 'react';
import { ProxyRefusalError } from '../../aws/errors';
import { ClusterListModel } from '../ClusterListModel';
import { ComputePanel } from '../ComputePanel';
import { retryReason } from '../ListModel';
import { SessionListModel } from '../SessionListModel';
import { awsError, fakeAws, manyClusters } from './fakeAws';

describe('retryReason', () => {
  it('retries throttling, 5xx and lost connections, not what a person must fix', () => {
    const aws = (name: string, status: number) =>
      Object.assign(new Error(name), {
        name,
        $metadata: { httpStatusCode: status }
      });
    const refusal = (status: number) =>
      new ProxyRefusalError(status, {
        message: 'x',
        reason: null,
        operation: null
      });
    expect(retryReason(aws('ThrottlingException', 400))).toBe('throttled');
    expect(retryReason(aws('SlowDown', 503))).toBe('throttled');
    expect(retryReason(aws('InternalFailure', 500))).toBe('error');
    expect(retryReason(refusal(502))).toBe('error');
    expect(retryReason(refusal(504))).toBe('error');
    expect(retryReason(new TypeError('Failed to fetch'))).toBe('error');
    expect(retryReason(aws('AccessDeniedException', 400))).toBeNull();
    expect(retryReason(refusal(403))).toBeNull();
    expect(retryReason(refusal(400))).toBeNull();
  });
});

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
    render(
      <ComputePanel
        clusters={clusters}
        sessions={sessions}
        commands={new CommandRegistry()}
        account={() => '123456789012'}
        trans={nullTranslator.load('x')}
      />
    );

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
    render(
      <ComputePanel
        clusters={clusters}
        sessions={sessions}
        commands={new CommandRegistry()}
        account={() => '123456789012'}
        trans={nullTranslator.load('x')}
      />
    );
    expect(screen.getByRole('alert').textContent).toContain('Access denied');
    expect(screen.queryByRole('status')).toBeNull();
    clusters.dispose();
    sessions.dispose();
  });
});
