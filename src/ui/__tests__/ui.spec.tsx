import { render, screen } from '@testing-library/react';
import React from 'react';
import { ResourceList } from '../ResourceList';
import { StatusBadge, statusTone } from '../StatusBadge';
import { ErrorPanel } from '../ErrorPanel';

describe('statusTone', () => {
  it.each([
    ['WAITING', 'ok'],
    ['InService', 'ok'],
    ['READY', 'ok'],
    ['BOOTSTRAPPING', 'busy'],
    ['Creating', 'busy'],
    ['TERMINATED', 'idle'],
    ['Stopped', 'idle'],
    ['TERMINATED_WITH_ERRORS', 'error'],
    ['TIMEOUT', 'error'],
    ['Failed', 'error']
  ])('%s is %s', (state, tone) => {
    expect(statusTone(state)).toBe(tone);
  });

  it('shows the AWS state verbatim', () => {
    render(<StatusBadge state="WAITING" />);
    expect(screen.getByText('WAITING').className).toContain('jp-mod-ok');
  });
});

describe('ResourceList', () => {
  it('renders only a window of 2,000 rows', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `cluster-${i}`);
    render(
      <ResourceList
        items={items}
        getKey={s => s}
        renderRow={s => <span>{s}</span>}
        label="EMR clusters"
      />
    );
    const list = screen.getByRole('list', { name: 'EMR clusters' });
    const rows = screen.getAllByRole('listitem');
    expect(list).toBeTruthy();
    expect(rows.length).toBeLessThan(60);
    expect(rows[0].getAttribute('aria-setsize')).toBe('2000');
    expect(screen.getByText('cluster-0')).toBeTruthy();
    expect(screen.queryByText('cluster-1999')).toBeNull();
  });

  it('shows the empty message', () => {
    render(
      <ResourceList
        items={[]}
        getKey={s => s}
        renderRow={s => s}
        label="x"
        empty="No clusters"
      />
    );
    expect(screen.getByText('No clusters')).toBeTruthy();
  });
});

describe('ErrorPanel', () => {
  it('shows commands in backticks as code', () => {
    render(
      <ErrorPanel error={{ title: 'T', fix: 'Run `aws configure` now' }} />
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.getByText('aws configure').tagName).toBe('CODE');
  });
});
