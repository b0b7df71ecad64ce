/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { act, render, screen } from '@testing-library/react';
import React from 'react';
import { ProxyRefusalError } from '../../aws/errors';
import { ListRefreshStatus } from '../../ui/ListRefreshStatus';
import { useSignalValue } from '../../ui';
import { ResourceListModel } from '../ResourceListModel';
import { retryReason } from '../retry';

const aws = (name: string, status: number) =>
  Object.assign(new Error(name), {
    name,
    $metadata: { httpStatusCode: status }
  });

describe('retryReason', () => {
  it('retries throttling, 5xx and lost connections, not what a person must fix', () => {
    const refusal = (status: number) =>
      new ProxyRefusalError(status, {
        message: 'x',
        reason: null,
        operation: null
      });
    expect(retryReason(aws('ThrottlingException', 400))).toBe('throttled');
    expect(retryReason(aws('TooManyRequestsException', 429))).toBe('throttled');
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

/** A list of names whose next refresh fails with `fault` while it is set. */
function names(rows: string[]) {
  let fault: Error | null = null;
  const model = new ResourceListModel<string>({
    fetchAll: async () => {
      if (fault) {
        throw fault;
      }
      return [...rows];
    },
    key: n => n,
    name: n => n,
    state: () => 'UP',
    created: () => 0,
    inGroup: () => true,
    isChanging: () => false
  });
  return { model, fail: (err: Error | null) => (fault = err) };
}

/** What a feature panel renders from its list: the status line, then the rows. */
function Panel(props: { model: ResourceListModel<string> }): JSX.Element {
  const model = useSignalValue(props.model.changed, () => props.model);
  return (
    <div>
      <ListRefreshStatus list={model} trans={nullTranslator.load('x')} />
      <ul aria-label="things">
        {model.visible.map(n => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

describe('a list under faults', () => {
  it('keeps its rows with a quiet "Retrying…" line while AWS throttles or fails, then clears it', async () => {
    const { model, fail } = names(['a', 'b']);
    await model.refresh();
    render(<Panel model={model} />);

    fail(aws('ThrottlingException', 400));
    await act(() => model.refresh());
    expect(screen.getByRole('status').textContent).toBe(
      'Retrying… (throttled)'
    );
    expect(screen.getAllByRole('listitem')).toHaveLength(2);

    fail(aws('InternalFailure', 500));
    await act(() => model.refresh().catch(() => undefined));
    expect(screen.getByRole('status').textContent).toBe(
      'Retrying… (AWS error)'
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);

    fail(null);
    await act(() => model.refresh());
    expect(screen.queryByRole('status')).toBeNull();
    model.dispose();
  });

  it('shows the full error panel for an error a person must fix', async () => {
    const { model, fail } = names(['a']);
    fail(aws('AccessDeniedException', 400));
    render(<Panel model={model} />);
    await act(() => model.refresh().catch(() => undefined));
    expect(model.retrying).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('Access denied');
    expect(screen.queryByRole('status')).toBeNull();
    model.dispose();
  });
});
