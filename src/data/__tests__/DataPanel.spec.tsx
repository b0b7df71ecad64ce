/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { act, fireEvent, render, screen } from '@testing-library/react';
import React from 'react';
import { CatalogTreeModel } from '../CatalogTreeModel';
import { DataPanel } from '../DataPanel';
import { GovernanceModel } from '../GovernanceModel';
import { fakeGlue } from './fakeGlue';

/** The Data section over a catalog of 50 databases, the first one open (200 tables). */
async function setup() {
  const glue = fakeGlue(50, 200);
  const tree = new CatalogTreeModel(glue.clients, () => '1');
  await tree.start();
  tree.toggle(tree.rows().find(r => r.kind === 'database')!);
  await act(() => new Promise(r => setTimeout(r, 0)));
  const rows = jest.spyOn(tree, 'rows');
  render(
    <DataPanel
      tree={tree}
      governance={new GovernanceModel(glue.clients)}
      notebooks={{} as any}
      caller={() => ''}
      trans={nullTranslator.load('x')}
    />
  );
  const box = screen.getByRole('searchbox', {
    name: 'Search tables and columns in every database'
  });
  return { glue, rows, box };
}

describe('DataPanel search box', () => {
  afterEach(() => jest.useRealTimers());

  it('does not rebuild the tree on each keystroke', async () => {
    const { rows, box } = await setup();
    const before = rows.mock.calls.length;
    for (const text of ['c', 'co', 'col', 'col_']) {
      fireEvent.change(box, { target: { value: text } });
    }
    // With 10,000 tables open, every rebuild walks every row: typing must not.
    expect(rows.mock.calls.length).toBe(before);
    expect(screen.getByRole('list', { name: 'Data Catalog' })).toBeTruthy();
  });

  it('searches once typing pauses, and shows the tree at once when cleared', async () => {
    const { glue, box } = await setup();
    jest.useFakeTimers();
    fireEvent.change(box, { target: { value: 'col_db3_1' } });
    fireEvent.change(box, { target: { value: 'col_db3_11' } });
    await act(async () => {
      jest.advanceTimersByTime(300);
    });
    await screen.findByRole('list', { name: 'Tables matching “col_db3_11”' });
    expect(glue.sent.filter(s => s.op === 'SearchTables')).toHaveLength(1);

    fireEvent.change(box, { target: { value: '' } });
    // No timer advanced: clearing does not wait for the typing pause.
    expect(screen.getByRole('list', { name: 'Data Catalog' })).toBeTruthy();
    expect(glue.sent.filter(s => s.op === 'SearchTables')).toHaveLength(1);
  });
});
