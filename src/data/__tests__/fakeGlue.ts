/** A fake Glue for the Data section's tests: the catalog reads the tree model makes. */
import {
  GetCatalogsCommand,
  GetDatabasesCommand,
  GetTablesCommand,
  SearchTablesCommand
} from '@aws-sdk/client-glue';

const OPERATIONS: [string, any][] = [
  ['GetCatalogs', GetCatalogsCommand],
  ['GetDatabases', GetDatabasesCommand],
  ['GetTables', GetTablesCommand],
  ['SearchTables', SearchTablesCommand]
];

/** A Glue with `databases` × `tables`, answering the SDK commands the model sends. */
export function fakeGlue(databases: number, tables: number) {
  const sent: { op: string; input: any }[] = [];
  const page = <T>(items: T[], input: any) => {
    const start = Number(input.NextToken ?? 0);
    const size = input.MaxResults ?? 100;
    const next = start + size < items.length ? String(start + size) : undefined;
    return { items: items.slice(start, start + size), next };
  };
  const allTables = (db: string) =>
    Array.from({ length: tables }, (_, i) => ({
      DatabaseName: db,
      Name: `t${String(i).padStart(4, '0')}`,
      StorageDescriptor: {
        Columns: [
          { Name: `col_${db}_${i}`, Type: 'int' },
          { Name: 'id', Type: 'bigint' }
        ]
      }
    }));
  const dbs = Array.from({ length: databases }, (_, i) => ({
    Name: `db${i}`,
    CatalogId: '1'
  }));
  const client = {
    send: async (command: any) => {
      const op =
        OPERATIONS.find(([, type]) => command instanceof type)?.[0] ?? '?';
      sent.push({ op, input: command.input });
      if (op === 'GetCatalogs') {
        return { CatalogList: [] };
      }
      if (op === 'GetDatabases') {
        const p = page(dbs, command.input);
        return { DatabaseList: p.items, NextToken: p.next };
      }
      if (op === 'GetTables') {
        const p = page(allTables(command.input.DatabaseName), command.input);
        return { TableList: p.items, NextToken: p.next };
      }
      if (op === 'SearchTables') {
        const text = command.input.SearchText.toLowerCase();
        const hits = dbs
          .flatMap(d => allTables(d.Name!))
          .filter(
            t =>
              t.Name.includes(text) ||
              t.StorageDescriptor.Columns.some(c => c.Name.includes(text))
          );
        const p = page(hits, command.input);
        return { TableList: p.items, NextToken: p.next };
      }
      throw new Error(`unexpected ${op}`);
    }
  };
  return { clients: { client: async () => client as any }, sent };
}
