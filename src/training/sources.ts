import type { IAwsClients } from '../tokens';

/** A place training data can come from, offered in the channel picker. */
export interface IDataSource {
  label: string;
  uri: string;
  kind: 'table' | 'recent';
}

const RECENT_KEY = 'jupyterlab-aws-spark-ml:recent-s3-prefixes';
const MAX_RECENT = 10;

/** s3a:// and s3n:// (Spark's) are the same place as s3://. */
export function normaliseS3(uri: string): string {
  return uri.trim().replace(/^s3[an]:\/\//, 's3://');
}

/** Glue tables with an S3 location (e.g. what a Spark job wrote), up to 10 databases. */
export async function listTableLocations(
  clients: IAwsClients
): Promise<IDataSource[]> {
  const { GetDatabasesCommand, GetTablesCommand } =
    await import('../aws/sdk/glue');
  const glue = await clients.client('glue');
  const dbs = (await glue.send(new GetDatabasesCommand({ MaxResults: 10 })))
    .DatabaseList;
  const out: IDataSource[] = [];
  for (const db of dbs ?? []) {
    const tables = await glue.send(
      new GetTablesCommand({ DatabaseName: db.Name, MaxResults: 100 })
    );
    for (const t of tables.TableList ?? []) {
      const location = normaliseS3(t.StorageDescriptor?.Location ?? '');
      if (location.startsWith('s3://')) {
        out.push({
          label: `${db.Name}.${t.Name}`,
          uri: location,
          kind: 'table'
        });
      }
    }
  }
  return out;
}

export function recentPrefixes(
  storage: Pick<Storage, 'getItem'> = window.localStorage
): IDataSource[] {
  try {
    const list = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]') as string[];
    return list.map(uri => ({ label: uri, uri, kind: 'recent' }));
  } catch {
    return [];
  }
}

/** Remembers S3 locations used in a launch, newest first. */
export function rememberPrefixes(
  uris: string[],
  storage: Pick<Storage, 'getItem' | 'setItem'> = window.localStorage
): void {
  const old = recentPrefixes(storage).map(s => s.uri);
  const next = [...new Set([...uris.map(normaliseS3), ...old])].slice(
    0,
    MAX_RECENT
  );
  try {
    storage.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // Private mode or full storage: the picker just has fewer suggestions.
  }
}
