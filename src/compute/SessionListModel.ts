import type { Session } from '@aws-sdk/client-glue';
import type { IAwsClients } from '../tokens';
import {
  IListSource,
  ResourceListModel,
  readAllPages
} from '../core/ResourceListModel';
import { ACTIVE_SESSION_STATES, CHANGING_SESSION_STATES } from './states';

/** Every page of Glue ListSessions (following `NextToken`). */
export async function listAllSessions(
  clients: IAwsClients
): Promise<Session[]> {
  const { ListSessionsCommand } = await import('../aws/sdk/glue');
  const glue = await clients.client('glue');
  return readAllPages(async token => {
    const page = await glue.send(
      new ListSessionsCommand({ NextToken: token, MaxResults: 1000 })
    );
    return { items: page.Sessions, next: page.NextToken };
  });
}

function sessionSource(clients: IAwsClients): IListSource<Session> {
  return {
    // ListSessions has no state filter: the group is applied locally.
    fetchAll: () => listAllSessions(clients),
    key: s => s.Id ?? '',
    name: s => s.Id ?? '',
    state: s => s.Status ?? '',
    created: s => s.CreatedOn?.getTime() ?? 0,
    inGroup: (s, group) =>
      group === 'all' || ACTIVE_SESSION_STATES.has(s.Status ?? ''),
    isChanging: s => CHANGING_SESSION_STATES.has(s.Status ?? '')
  };
}

/** Glue interactive sessions in the region, live. */
export class SessionListModel extends ResourceListModel<Session> {
  constructor(
    private readonly clients: IAwsClients,
    options: ResourceListModel.IOptions = {}
  ) {
    super(sessionSource(clients), {
      name: 'aws-spark-ml:sessions',
      ...options
    });
  }

  /** Tags need the session ARN and a GetTags call: only when a row is opened. */
  async tags(id: string, account: string): Promise<Record<string, string>> {
    const cached = this._tags.get(id);
    if (cached) {
      return cached;
    }
    const { GetTagsCommand } = await import('../aws/sdk/glue');
    const glue = await this.clients.client('glue');
    const arn = `arn:aws:glue:${this.clients.region}:${account}:session/${id}`;
    const out = await glue.send(new GetTagsCommand({ ResourceArn: arn }));
    const tags = out.Tags ?? {};
    this._tags.set(id, tags);
    return tags;
  }

  private _tags = new Map<string, Record<string, string>>();
}
