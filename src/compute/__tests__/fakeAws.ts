import { AwsClients } from '../../aws/clients';
import {
  ICapturedRequest,
  IFakeReply,
  STS_IDENTITY_XML,
  fakeServer
} from '../../aws/__tests__/fakeServer';

/** A cluster as the fake EMR keeps it. */
export interface IFakeCluster {
  Id: string;
  Name: string;
  State: string;
  Created: number;
  Tags?: { Key: string; Value: string }[];
  TerminationProtected?: boolean;
}

export interface IFakeSession {
  Id: string;
  Status: string;
  Created: number;
  Tags?: Record<string, string>;
}

const ACCOUNT = '123456789012';

const JSON_HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amzn-requestid': 'fake'
};

function ok(body: unknown): IFakeReply {
  return { headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export function awsError(
  type: string,
  message: string,
  status = 400
): IFakeReply {
  return {
    status,
    headers: JSON_HEADERS,
    body: JSON.stringify({ __type: type, message })
  };
}

/**
 * A small in-memory EMR + Glue behind the fake Jupyter server: the real SDK
 * serialises requests and parses these answers. `override` can answer first.
 */
export function fakeAws(options: {
  clusters?: IFakeCluster[];
  sessions?: IFakeSession[];
  pageSize?: number;
  /** SDK attempts per call; production uses 3. */
  maxAttempts?: number;
  override?: (
    op: string,
    body: any,
    req: ICapturedRequest
  ) => IFakeReply | undefined;
}) {
  const clusters = options.clusters ?? [];
  const sessions = options.sessions ?? [];
  const pageSize = options.pageSize ?? 50;
  const calls: string[] = [];
  const page = <T>(list: T[], token?: string) => {
    const start = token ? Number(token) : 0;
    const next =
      start + pageSize < list.length ? String(start + pageSize) : undefined;
    return { items: list.slice(start, start + pageSize), next };
  };
  const summary = (c: IFakeCluster) => ({
    Id: c.Id,
    Name: c.Name,
    Status: { State: c.State, Timeline: { CreationDateTime: c.Created } }
  });

  const server = fakeServer(req => {
    const target = req.headers['x-amz-target'] ?? '';
    if (!target && req.body?.includes('Action=GetCallerIdentity')) {
      calls.push('GetCallerIdentity');
      return {
        headers: { 'content-type': 'text/xml' },
        body: STS_IDENTITY_XML
      };
    }
    const op = target.split('.').pop() ?? '';
    calls.push(op);
    const body = req.body ? JSON.parse(req.body) : {};
    const overridden = options.override?.(op, body, req);
    if (overridden) {
      return overridden;
    }
    switch (op) {
      case 'ListClusters': {
        const wanted: string[] | undefined = body.ClusterStates;
        const list = clusters.filter(c => !wanted || wanted.includes(c.State));
        const { items, next } = page(list, body.Marker);
        return ok({ Clusters: items.map(summary), Marker: next });
      }
      case 'DescribeCluster': {
        const c = clusters.find(x => x.Id === body.ClusterId);
        return c
          ? ok({
              Cluster: {
                ...summary(c),
                ReleaseLabel: 'emr-7.5.0',
                Tags: c.Tags ?? [],
                TerminationProtected: !!c.TerminationProtected,
                Applications: [{ Name: 'Spark', Version: '3.5.2' }]
              }
            })
          : awsError(
              'InvalidRequestException',
              `Cluster id '${body.ClusterId}' is not valid.`
            );
      }
      case 'ListInstanceGroups':
        return ok({
          InstanceGroups: [
            {
              Id: 'ig-1',
              InstanceGroupType: 'MASTER',
              InstanceType: 'm5.xlarge',
              RunningInstanceCount: 1
            }
          ]
        });
      case 'GetAutoTerminationPolicy':
        return ok({ AutoTerminationPolicy: { IdleTimeout: 3600 } });
      case 'RunJobFlow': {
        const id = `j-${clusters.length + 1}NEW`;
        clusters.push({
          Id: id,
          Name: body.Name,
          State: 'STARTING',
          Created: Date.now() / 1000,
          Tags: body.Tags
        });
        return ok({
          JobFlowId: id,
          ClusterArn: `arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/${id}`
        });
      }
      case 'ListSessions': {
        const { items, next } = page(sessions, body.NextToken);
        return ok({
          Ids: items.map(s => s.Id),
          Sessions: items.map(s => ({
            Id: s.Id,
            Status: s.Status,
            CreatedOn: s.Created
          })),
          NextToken: next
        });
      }
      case 'CreateSession': {
        if (sessions.some(s => s.Id === body.Id)) {
          return awsError(
            'AlreadyExistsException',
            `Session ${body.Id} already exists`
          );
        }
        sessions.push({
          Id: body.Id,
          Status: 'PROVISIONING',
          Created: Date.now() / 1000,
          Tags: body.Tags
        });
        return ok({ Session: { Id: body.Id, Status: 'PROVISIONING' } });
      }
      case 'GetTags': {
        const prefix = `arn:aws:glue:us-east-1:${ACCOUNT}:session/`;
        const s = String(body.ResourceArn).startsWith(prefix)
          ? sessions.find(x => x.Id === body.ResourceArn.slice(prefix.length))
          : undefined;
        return s
          ? ok({ Tags: s.Tags ?? {} })
          : awsError(
              'EntityNotFoundException',
              `${body.ResourceArn} not found`
            );
      }
      default:
        return awsError('UnknownOperationException', op);
    }
  });
  const clients = new AwsClients({
    serverSettings: server.settings,
    region: 'us-east-1',
    maxAttempts: options.maxAttempts ?? 1
  });
  return { ...server, clients, clusters, sessions, calls };
}

export function manyClusters(n: number, state = 'WAITING'): IFakeCluster[] {
  return Array.from({ length: n }, (_, i) => ({
    Id: `j-${String(i).padStart(5, '0')}`,
    Name: `cluster-${i}`,
    State: state,
    Created: 1_700_000_000 + i
  }));
}
