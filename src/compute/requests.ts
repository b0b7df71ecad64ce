import type { RunJobFlowCommandInput } from '@aws-sdk/client-emr';
import type { CreateSessionCommandInput } from '@aws-sdk/client-glue';
import { flowTags } from '../core/resumable';

/** What the Provision cluster dialog collects (advanced section included). */
export interface IClusterRequest {
  name: string;
  releaseLabel: string;
  applications: string[];
  primaryInstanceType: string;
  coreInstanceType: string;
  /** 0 makes a single-node cluster. */
  coreInstanceCount: number;
  serviceRole: string;
  jobFlowRole: string;
  subnetId: string;
  logUri: string;
  tags: Record<string, string>;
  bootstrapActions: { name: string; path: string; args: string[] }[];
  idleTimeoutMinutes: number;
}

/** A cluster template from settings (`clusterTemplates`). */
export interface IClusterTemplate extends Partial<
  Omit<IClusterRequest, 'name'>
> {
  id: string;
  label: string;
}

/** What the Create Glue session dialog collects. */
export interface ISessionRequest {
  id: string;
  glueVersion: string;
  workerType: string;
  numberOfWorkers: number;
  idleTimeoutMinutes: number;
  role: string;
  connections: string[];
  tags: Record<string, string>;
}

export interface ISessionTemplate extends Partial<Omit<ISessionRequest, 'id'>> {
  id: string;
  label: string;
}

export function clusterRequestFromTemplate(
  t: IClusterTemplate,
  name: string
): IClusterRequest {
  return {
    name,
    releaseLabel: t.releaseLabel ?? 'emr-7.5.0',
    applications: [...(t.applications ?? ['Spark', 'Livy'])],
    primaryInstanceType: t.primaryInstanceType ?? 'm5.xlarge',
    coreInstanceType: t.coreInstanceType ?? 'm5.xlarge',
    coreInstanceCount: t.coreInstanceCount ?? 2,
    serviceRole: t.serviceRole ?? 'EMR_DefaultRole',
    jobFlowRole: t.jobFlowRole ?? 'EMR_EC2_DefaultRole',
    subnetId: t.subnetId ?? '',
    logUri: t.logUri ?? '',
    tags: { ...(t.tags ?? {}) },
    bootstrapActions: (t.bootstrapActions ?? []).map(b => ({
      ...b,
      args: [...(b.args ?? [])]
    })),
    idleTimeoutMinutes: t.idleTimeoutMinutes ?? 60
  };
}

export function sessionRequestFromTemplate(
  t: ISessionTemplate,
  id: string,
  account: string
): ISessionRequest {
  return {
    id,
    glueVersion: t.glueVersion ?? '5.0',
    workerType: t.workerType ?? 'G.1X',
    numberOfWorkers: t.numberOfWorkers ?? 2,
    // Glue's own default is 48 h of paid idling; ours is one hour.
    idleTimeoutMinutes: t.idleTimeoutMinutes ?? 60,
    role: (t.role ?? '').replace('{account}', account),
    connections: [...(t.connections ?? [])],
    tags: { ...(t.tags ?? {}) }
  };
}

/** RunJobFlow input; auto-termination is always on; `flowId` tags it as its click's. */
export function toRunJobFlowInput(
  r: IClusterRequest,
  flowId: string
): RunJobFlowCommandInput {
  const groups: NonNullable<
    RunJobFlowCommandInput['Instances']
  >['InstanceGroups'] = [
    {
      Name: 'Primary',
      InstanceRole: 'MASTER',
      InstanceType: r.primaryInstanceType,
      InstanceCount: 1,
      Market: 'ON_DEMAND'
    }
  ];
  if (r.coreInstanceCount > 0) {
    groups.push({
      Name: 'Core',
      InstanceRole: 'CORE',
      InstanceType: r.coreInstanceType,
      InstanceCount: r.coreInstanceCount,
      Market: 'ON_DEMAND'
    });
  }
  return {
    Name: r.name,
    ReleaseLabel: r.releaseLabel,
    Applications: r.applications.map(Name => ({ Name })),
    Instances: {
      InstanceGroups: groups,
      // Interactive clusters wait for work instead of ending after the last step.
      KeepJobFlowAliveWhenNoSteps: true,
      TerminationProtected: false,
      Ec2SubnetId: r.subnetId || undefined
    },
    ServiceRole: r.serviceRole,
    JobFlowRole: r.jobFlowRole,
    LogUri: r.logUri || undefined,
    VisibleToAllUsers: true,
    AutoTerminationPolicy: { IdleTimeout: r.idleTimeoutMinutes * 60 },
    BootstrapActions: r.bootstrapActions.length
      ? r.bootstrapActions.map(b => ({
          Name: b.name,
          ScriptBootstrapAction: { Path: b.path, Args: b.args }
        }))
      : undefined,
    Tags: [
      ...Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })),
      ...flowTags({ id: flowId }, 'cluster')
    ]
  };
}

/** CreateSession input; `flowId` marks the session as this click's. */
export function toCreateSessionInput(
  r: ISessionRequest,
  flowId?: string
): CreateSessionCommandInput {
  const tags = flowId
    ? {
        ...r.tags,
        ...Object.fromEntries(
          flowTags({ id: flowId }, 'session').map(t => [t.Key, t.Value])
        )
      }
    : r.tags;
  return {
    Id: r.id,
    Role: r.role,
    Command: { Name: 'glueetl', PythonVersion: '3' },
    GlueVersion: r.glueVersion,
    WorkerType: r.workerType as CreateSessionCommandInput['WorkerType'],
    NumberOfWorkers: r.numberOfWorkers,
    IdleTimeout: r.idleTimeoutMinutes,
    Connections: r.connections.length
      ? { Connections: r.connections }
      : undefined,
    Tags: Object.keys(tags).length ? tags : undefined
  };
}
