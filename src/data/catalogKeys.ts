import type { Database, Table } from '@aws-sdk/client-glue';
import type { ICatalog } from './CatalogTreeModel';

/** Columns a reader sees: the table's own, then its partition keys. */
export function columnsOf(table: Table) {
  return [
    ...(table.StorageDescriptor?.Columns ?? []),
    ...(table.PartitionKeys ?? [])
  ];
}

export const catalogKey = (c: ICatalog) => `catalog:${c.id}`;
export const databaseKey = (d: Database) => `db:${d.CatalogId ?? ''}/${d.Name}`;
export const tableKey = (t: Table) =>
  `table:${t.CatalogId ?? ''}/${t.DatabaseName}/${t.Name}`;
