import type { Database, GlueClient, Table } from '@aws-sdk/client-glue';
import { ISignal, Signal } from '@lumino/signaling';
import { describeAwsError, IAwsErrorDescription } from '../aws/errors';
import type { IAwsClients } from '../tokens';
import { catalogKey, columnsOf, databaseKey, tableKey } from './catalogKeys';

/** One page-able list: what is loaded so far and whether AWS has more. */
export interface IPagedList<T> {
  items: T[];
  nextToken?: string;
  loading: boolean;
  loaded: boolean;
  error: IAwsErrorDescription | null;
}

export interface ICatalog {
  /** Glue CatalogId; the account id for the default catalog. */
  id: string;
  name: string;
}

export interface ISearchHit {
  table: Table;
  /** Columns whose name contains the search text. */
  columns: string[];
}

/** A row of the flattened tree, as the list renders it. */
export type TreeRow =
  | { kind: 'catalog'; key: string; depth: 0; catalog: ICatalog }
  | {
      kind: 'database';
      key: string;
      depth: 1;
      catalog: ICatalog;
      database: Database;
    }
  | { kind: 'table'; key: string; depth: 2; table: Table }
  | {
      kind: 'column';
      key: string;
      depth: 3;
      table: Table;
      name: string;
      type: string;
      comment?: string;
      partition: boolean;
    }
  | {
      kind: 'more' | 'loading' | 'error' | 'empty';
      key: string;
      depth: number;
      parent: string;
      error?: IAwsErrorDescription;
    };

/** Page sizes: the most AWS returns per call (GetDatabases/GetTables 100). */
export const PAGE_SIZE = 100;
export const SEARCH_PAGE_SIZE = 50;

function emptyList<T>(): IPagedList<T> {
  return { items: [], loading: false, loaded: false, error: null };
}

/**
 * The Data Catalog as a lazily loaded tree: nothing below a node is fetched
 * until it is expanded, and each level loads one page at a time, so a
 * catalog with thousands of tables opens with one call per open node.
 */
export class CatalogTreeModel {
  constructor(
    private readonly clients: Pick<IAwsClients, 'client'>,
    private readonly account: () => string
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get catalogs(): IPagedList<ICatalog> {
    return this._catalogs;
  }
  get search(): IPagedList<ISearchHit> & { text: string } {
    return this._search;
  }

  /** The default catalog is the account's; other catalogs come from GetCatalogs. */
  async start(): Promise<void> {
    // A (re)start forgets every loaded page; open nodes stay open and load their first page again.
    this._databases.clear();
    this._tables.clear();
    this._catalogs = { ...emptyList(), loading: true };
    this._emit();
    const defaultCatalog = { id: this.account(), name: 'AWS Data Catalog' };
    const others: ICatalog[] = [];
    try {
      const glue = await this._glue();
      const { GetCatalogsCommand } = await import('../aws/sdk/glue');
      const answer = await glue.send(new GetCatalogsCommand({}));
      for (const c of answer.CatalogList ?? []) {
        others.push({ id: c.CatalogId ?? c.Name ?? '', name: c.Name ?? '' });
      }
    } catch {
      // Older regions and partitions have no GetCatalogs: the default catalog is all there is.
    }
    this._catalogs = {
      items: [defaultCatalog, ...others],
      loading: false,
      loaded: true,
      error: null
    };
    this._expanded.add(catalogKey(defaultCatalog));
    await Promise.all(
      this._catalogs.items
        .filter(c => this._expanded.has(catalogKey(c)))
        .map(c => this.loadDatabases(c))
    );
    const open = [...this._databases.values()]
      .flatMap(list => list.items)
      .filter(d => this._expanded.has(databaseKey(d)));
    await Promise.all(open.map(d => this.loadTables(d)));
  }

  isExpanded(key: string): boolean {
    return this._expanded.has(key);
  }

  /** Opens or closes a node; opening loads its first page if it has none yet. */
  toggle(row: TreeRow): void {
    if (this._expanded.delete(row.key)) {
      this._emit();
      return;
    }
    this._expanded.add(row.key);
    this._emit();
    if (row.kind === 'catalog' && !this.databases(row.catalog).loaded) {
      void this.loadDatabases(row.catalog);
    } else if (row.kind === 'database' && !this.tables(row.database).loaded) {
      void this.loadTables(row.database);
    }
  }

  /** Loads the next page under a node (a "more" row's parent). */
  loadMore(parent: string): Promise<void> {
    const catalog = this._catalogs.items.find(c => catalogKey(c) === parent);
    if (catalog) {
      return this.loadDatabases(catalog);
    }
    for (const list of this._databases.values()) {
      const database = list.items.find(d => databaseKey(d) === parent);
      if (database) {
        return this.loadTables(database);
      }
    }
    return Promise.resolve();
  }

  databases(catalog: ICatalog): IPagedList<Database> {
    return this._databases.get(catalog.id) ?? emptyList();
  }

  tables(database: Database): IPagedList<Table> {
    return this._tables.get(databaseKey(database)) ?? emptyList();
  }

  /** Loads the next page of databases (or the first). */
  async loadDatabases(catalog: ICatalog): Promise<void> {
    const list = this.databases(catalog);
    if (list.loading || (list.loaded && !list.nextToken)) {
      return;
    }
    await this._page(this._databases, catalog.id, async glue => {
      const { GetDatabasesCommand } = await import('../aws/sdk/glue');
      const answer = await glue.send(
        new GetDatabasesCommand({
          CatalogId: catalog.id || undefined,
          MaxResults: PAGE_SIZE,
          NextToken: list.nextToken
        })
      );
      return { items: answer.DatabaseList ?? [], nextToken: answer.NextToken };
    });
  }

  /** Loads the next page of a database's tables (or the first). */
  async loadTables(database: Database): Promise<void> {
    const list = this.tables(database);
    if (list.loading || (list.loaded && !list.nextToken)) {
      return;
    }
    await this._page(this._tables, databaseKey(database), async glue => {
      const { GetTablesCommand } = await import('../aws/sdk/glue');
      const answer = await glue.send(
        new GetTablesCommand({
          CatalogId: database.CatalogId,
          DatabaseName: database.Name,
          MaxResults: PAGE_SIZE,
          NextToken: list.nextToken
        })
      );
      return { items: answer.TableList ?? [], nextToken: answer.NextToken };
    });
  }

  /**
   * Searches every database by table or column name (Glue SearchTables).
   * An empty text clears the search. Later calls supersede earlier ones.
   */
  async setSearch(text: string, more = false): Promise<void> {
    const wanted = text.trim();
    const ticket = ++this._searchTicket;
    if (!wanted) {
      this._search = { ...emptyList(), text: '' };
      this._emit();
      return;
    }
    const previous = more && this._search.text === wanted ? this._search : null;
    if (more && !previous?.nextToken) {
      return;
    }
    this._search = {
      items: previous?.items ?? [],
      nextToken: previous?.nextToken,
      loading: true,
      loaded: previous?.loaded ?? false,
      error: null,
      text: wanted
    };
    this._emit();
    try {
      const glue = await this._glue();
      const { SearchTablesCommand } = await import('../aws/sdk/glue');
      const answer = await glue.send(
        new SearchTablesCommand({
          SearchText: wanted,
          MaxResults: SEARCH_PAGE_SIZE,
          NextToken: previous?.nextToken
        })
      );
      if (ticket !== this._searchTicket) {
        return;
      }
      const needle = wanted.toLowerCase();
      const hits = (answer.TableList ?? []).map(table => ({
        table,
        columns: columnsOf(table)
          .map(c => c.Name ?? '')
          .filter(n => n.toLowerCase().includes(needle))
      }));
      this._search = {
        items: [...(previous?.items ?? []), ...hits],
        nextToken: answer.NextToken,
        loading: false,
        loaded: true,
        error: null,
        text: wanted
      };
    } catch (err) {
      if (ticket !== this._searchTicket) {
        return;
      }
      this._search = {
        ...this._search,
        loading: false,
        error: describeAwsError(err)
      };
    }
    this._emit();
  }

  /** The tree as the rows a list shows, expanded nodes opened. */
  rows(): TreeRow[] {
    const rows: TreeRow[] = [];
    for (const catalog of this._catalogs.items) {
      const key = catalogKey(catalog);
      rows.push({ kind: 'catalog', key, depth: 0, catalog });
      if (!this._expanded.has(key)) {
        continue;
      }
      const databases = this.databases(catalog);
      for (const database of databases.items) {
        const dbKey = databaseKey(database);
        rows.push({
          kind: 'database',
          key: dbKey,
          depth: 1,
          catalog,
          database
        });
        if (this._expanded.has(dbKey)) {
          this._tableRows(database, rows);
        }
      }
      pushStatus(rows, databases, key, 1);
    }
    return rows;
  }

  private _tableRows(database: Database, rows: TreeRow[]): void {
    const dbKey = databaseKey(database);
    const tables = this.tables(database);
    for (const table of tables.items) {
      const key = tableKey(table);
      rows.push({ kind: 'table', key, depth: 2, table });
      if (!this._expanded.has(key)) {
        continue;
      }
      const partitions = new Set((table.PartitionKeys ?? []).map(p => p.Name));
      for (const c of columnsOf(table)) {
        rows.push({
          kind: 'column',
          key: `${key}/${c.Name}`,
          depth: 3,
          table,
          name: c.Name ?? '',
          type: c.Type ?? '',
          comment: c.Comment,
          partition: partitions.has(c.Name)
        });
      }
    }
    pushStatus(rows, tables, dbKey, 2);
  }

  private async _page<T>(
    store: Map<string, IPagedList<T>>,
    key: string,
    fetch: (glue: GlueClient) => Promise<{ items: T[]; nextToken?: string }>
  ): Promise<void> {
    const before = store.get(key) ?? emptyList<T>();
    store.set(key, { ...before, loading: true, error: null });
    this._emit();
    try {
      const glue = await this._glue();
      const page = await fetch(glue);
      store.set(key, {
        items: [...before.items, ...page.items],
        nextToken: page.nextToken,
        loading: false,
        loaded: true,
        error: null
      });
    } catch (err) {
      store.set(key, {
        ...before,
        loading: false,
        error: describeAwsError(err)
      });
    }
    this._emit();
  }

  private _glue(): Promise<GlueClient> {
    return this.clients.client('glue');
  }

  private _emit(): void {
    this._changed.emit();
  }

  private _catalogs: IPagedList<ICatalog> = emptyList();
  private _databases = new Map<string, IPagedList<Database>>();
  private _tables = new Map<string, IPagedList<Table>>();
  private _expanded = new Set<string>();
  private _search: IPagedList<ISearchHit> & { text: string } = {
    ...emptyList(),
    text: ''
  };
  private _searchTicket = 0;
  private _changed = new Signal<this, void>(this);
}

function pushStatus(
  rows: TreeRow[],
  list: IPagedList<unknown>,
  parent: string,
  depth: number
): void {
  if (list.error) {
    rows.push({
      kind: 'error',
      key: `${parent}#error`,
      depth,
      parent,
      error: list.error
    });
  } else if (list.loading) {
    rows.push({ kind: 'loading', key: `${parent}#loading`, depth, parent });
  } else if (list.nextToken) {
    rows.push({ kind: 'more', key: `${parent}#more`, depth, parent });
  } else if (list.loaded && list.items.length === 0) {
    rows.push({ kind: 'empty', key: `${parent}#empty`, depth, parent });
  }
}

export { catalogKey, columnsOf, databaseKey, tableKey } from './catalogKeys';
