/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { act, fireEvent, render, screen } from '@testing-library/react';
import React from 'react';
import type { ICompute } from '../../tokens';
import { Picker } from '../PickerDialog';

/** A Compute list as the picker reads it: items, changed, loaded, error, refresh. */
function fakeList<T>(items: T[]) {
  const list = {
    items,
    loaded: true,
    error: null as any,
    changed: new Signal<any, void>({}),
    refresh: jest.fn(async () => undefined),
    set(next: T[]) {
      list.items = next;
      list.changed.emit();
    }
  };
  return list;
}

const cluster = (Id: string, State: string) => ({
  Id,
  Name: `name-${Id}`,
  Status: { State }
});

function setup(compute: ICompute | null, current: any = null) {
  const onSelect = jest.fn();
  render(
    <Picker
      compute={compute}
      region="eu-west-1"
      current={current}
      trans={nullTranslator.load('x')}
      onSelect={onSelect}
    />
  );
  return { onSelect };
}

describe('attach picker', () => {
  it('offers the Compute lists’ attachable targets, read fresh on open', () => {
    const clusters = fakeList([
      cluster('j-WAIT', 'WAITING'),
      cluster('j-START', 'STARTING'),
      cluster('j-RUN', 'RUNNING')
    ]);
    const sessions = fakeList([
      { Id: 'ready', Status: 'READY', GlueVersion: '5.0' },
      { Id: 'gone', Status: 'STOPPED' }
    ]);
    setup({ clusters, sessions } as any);
    expect(clusters.refresh).toHaveBeenCalledTimes(1);
    expect(sessions.refresh).toHaveBeenCalledTimes(1);
    const values = screen
      .getAllByRole('radio')
      .map(r => (r as HTMLInputElement).value);
    expect(values).toEqual([
      'emr:j-WAIT',
      'emr:j-RUN',
      'glue:ready',
      'local:local'
    ]);
  });

  it('follows the lists while open: a cluster that becomes WAITING appears', () => {
    const clusters = fakeList([cluster('j-1', 'STARTING')]);
    const sessions = fakeList<any>([]);
    setup({ clusters, sessions } as any);
    expect(screen.getByText(/No WAITING or RUNNING cluster/)).toBeTruthy();
    act(() => clusters.set([cluster('j-1', 'WAITING')]));
    expect(screen.getByRole('radio', { name: /name-j-1/ })).toBeTruthy();
  });

  it('says it is loading until the lists have answered, and shows their error', () => {
    const clusters = fakeList<any>([]);
    const sessions = fakeList<any>([]);
    clusters.loaded = false;
    setup({ clusters, sessions } as any);
    expect(screen.getAllByText('Loading…')).toHaveLength(2);
    act(() => {
      clusters.error = { title: 'AccessDenied', fix: 'ask an admin' };
      clusters.changed.emit();
    });
    expect(screen.getByRole('alert').textContent).toContain('AccessDenied');
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('selects the current attachment, and reports a new choice', () => {
    const clusters = fakeList([cluster('j-RUN', 'RUNNING')]);
    const sessions = fakeList<any>([]);
    const current = { target: 'emr', id: 'j-RUN', region: 'eu-west-1' };
    const { onSelect } = setup({ clusters, sessions } as any, current);
    expect(
      (screen.getByRole('radio', { name: /name-j-RUN/ }) as HTMLInputElement)
        .checked
    ).toBe(true);
    expect(onSelect).toHaveBeenLastCalledWith(current);
    fireEvent.click(screen.getByRole('radio', { name: /Local Spark/ }));
    expect(onSelect).toHaveBeenLastCalledWith({
      target: 'local',
      id: 'local',
      region: 'eu-west-1'
    });
  });

  it('offers only local Spark without the Compute section', () => {
    setup(null);
    expect(screen.getAllByRole('radio')).toHaveLength(1);
    expect(screen.queryByText(/EMR clusters/)).toBeNull();
  });
});
