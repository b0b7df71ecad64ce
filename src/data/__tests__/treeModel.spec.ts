/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { CatalogTreeModel, TreeRow } from '../CatalogTreeModel';
import { fakeGlue } from './fakeGlue';

const kinds = (rows: TreeRow[]) => rows.map(r => r.kind);
const count = (sent: { op: string }[], op: string) =>
  sent.filter(s => s.op === op).length;

/** Opens a database row, as a click on its caret does, and lets its first page load. */
async function open(model: CatalogTreeModel, name: string): Promise<TreeRow> {
  const row = model
    .rows()
    .find(r => r.kind === 'database' && r.database.Name === name)!;
  model.toggle(row);
  await new Promise(r => setTimeout(r, 0));
  return row;
}

describe('CatalogTreeModel', () => {
  it('opens with one page of databases and no tables loaded', async () => {
    const { clients, sent } = fakeGlue(250, 200);
    const model = new CatalogTreeModel(clients, () => '1');
    await model.start();
    const rows = model.rows();
    expect(kinds(rows).filter(k => k === 'database')).toHaveLength(100);
    expect(rows[rows.length - 1].kind).toBe('more');
    expect(count(sent, 'GetDatabases')).toBe(1);
    expect(count(sent, 'GetTables')).toBe(0);
  });

  it('pages databases and tables on demand', async () => {
    const { clients, sent } = fakeGlue(250, 230);
    const model = new CatalogTreeModel(clients, () => '1');
    await model.start();
    await model.loadMore('catalog:1');
    await model.loadMore('catalog:1');
    expect(model.rows().filter(r => r.kind === 'database')).toHaveLength(250);
    expect(model.rows().some(r => r.kind === 'more')).toBe(false);

    const db7 = await open(model, 'db7');
    expect(model.rows().filter(r => r.kind === 'table')).toHaveLength(100);
    await model.loadMore(db7.key);
    await model.loadMore(db7.key);
    const tables = model.rows().filter(r => r.kind === 'table');
    expect(tables).toHaveLength(230);
    expect(count(sent, 'GetTables')).toBe(3);

    // Columns appear only under an expanded table, and no call is needed for them.
    model.toggle(tables[0]);
    expect(
      model
        .rows()
        .filter(r => r.kind === 'column')
        .map(r => (r as any).name)
    ).toEqual(['col_db7_0', 'id']);
    expect(count(sent, 'GetTables')).toBe(3);
  });

  it('searches across databases by column name and pages the results', async () => {
    const { clients, sent } = fakeGlue(5, 120);
    const model = new CatalogTreeModel(clients, () => '1');
    await model.start();
    await model.setSearch('col_db3_11');
    const names = model.search.items.map(
      h => `${h.table.DatabaseName}.${h.table.Name}`
    );
    expect(names).toEqual([
      'db3.t0011',
      'db3.t0110',
      'db3.t0111',
      'db3.t0112',
      'db3.t0113',
      'db3.t0114',
      'db3.t0115',
      'db3.t0116',
      'db3.t0117',
      'db3.t0118',
      'db3.t0119'
    ]);
    expect(model.search.items[0].columns).toEqual(['col_db3_11']);
    await model.setSearch('t0', false);
    expect(model.search.items).toHaveLength(50);
    expect(model.search.nextToken).toBeDefined();
    await model.setSearch('t0', true);
    expect(model.search.items).toHaveLength(100);
    await model.setSearch('');
    expect(model.search.text).toBe('');
    expect(count(sent, 'SearchTables')).toBe(3);
  });

  it('keeps only the latest search when answers arrive out of order', async () => {
    const { clients } = fakeGlue(2, 10);
    const model = new CatalogTreeModel(clients, () => '1');
    const first = model.setSearch('t0001');
    const second = model.setSearch('t0002');
    await Promise.all([first, second]);
    expect(model.search.text).toBe('t0002');
    expect(model.search.items.map(h => h.table.Name)).toEqual([
      't0002',
      't0002'
    ]);
  });
});

describe('CatalogTreeModel reload', () => {
  it('reload fetches the databases again', async () => {
    const { clients, sent } = fakeGlue(3, 1);
    const model = new CatalogTreeModel(clients, () => '1');
    await model.start();
    await model.start();
    expect(sent.filter(s => s.op === 'GetDatabases')).toHaveLength(2);
    expect(model.rows().filter(r => r.kind === 'database')).toHaveLength(3);
  });

  it('keeps an open database open, with its first page, after a reload', async () => {
    const { clients, sent } = fakeGlue(3, 150);
    const model = new CatalogTreeModel(clients, () => '1');
    await model.start();
    const db1 = await open(model, 'db1');
    expect(model.rows().filter(r => r.kind === 'table')).toHaveLength(100);

    await model.start();
    expect(model.isExpanded(db1.key)).toBe(true);
    expect(model.rows().filter(r => r.kind === 'table')).toHaveLength(100);
    expect(model.rows().some(r => r.kind === 'more')).toBe(true);
    expect(count(sent, 'GetTables')).toBe(2);
  });
});
