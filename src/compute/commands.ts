import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, refreshIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { ClusterActions } from './ClusterActions';
import { askClusterRequest, askSessionRequest } from './dialogs';
import type { IClusterTemplate, ISessionTemplate } from './requests';
import type { SessionActions } from './SessionActions';

export namespace CommandIDs {
  export const provisionCluster = 'aws-spark-ml:provision-cluster';
  export const terminateCluster = 'aws-spark-ml:terminate-cluster';
  export const createSession = 'aws-spark-ml:create-glue-session';
  export const stopSession = 'aws-spark-ml:stop-glue-session';
  export const deleteSession = 'aws-spark-ml:delete-glue-session';
  export const recreateSession = 'aws-spark-ml:recreate-glue-session';
  export const refresh = 'aws-spark-ml:refresh-compute';
}

export interface IComputeCommandOptions {
  clusters: ClusterActions;
  sessions: SessionActions;
  trans: TranslationBundle;
  clusterTemplates: () => IClusterTemplate[];
  sessionTemplates: () => ISessionTemplate[];
  /** AWS account id, for `{account}` in session templates. */
  account: () => string;
  palette: ICommandPalette | null;
}

const idArg = (description: string) => ({
  args: {
    type: 'object' as const,
    properties: { id: { type: 'string' as const, description } }
  }
});

export function addComputeCommands(
  app: JupyterFrontEnd,
  o: IComputeCommandOptions
): void {
  const { commands } = app;
  const { clusters, sessions, trans } = o;
  /** From the args, or from the row under the context menu. */
  const target = (
    args: ReadonlyPartialJSONObject,
    attr: 'clusterId' | 'sessionId'
  ) =>
    (args.id as string) ||
    (app.contextMenuHitTest(n => !!n.dataset?.[attr])?.dataset[attr] ?? '');

  commands.addCommand(CommandIDs.provisionCluster, {
    label: trans.__('Provision EMR Cluster…'),
    caption: trans.__(
      'Create an EMR cluster from a template, with auto-termination on'
    ),
    icon: args => (args.toolbar ? addIcon : undefined),
    isEnabled: () => !clusters.busy.active,
    describedBy: { args: { type: 'object', properties: {} } },
    execute: async () => {
      const request = await askClusterRequest(o.clusterTemplates(), trans);
      if (request) {
        await clusters.provisionCluster(request);
      }
    }
  });
  commands.addCommand(CommandIDs.terminateCluster, {
    label: trans.__('Terminate Cluster…'),
    caption: trans.__('Terminate the EMR cluster (asks first)'),
    isEnabled: args => !!target(args, 'clusterId'),
    describedBy: idArg(trans.__('EMR cluster id, e.g. j-1ABC…')),
    execute: args => clusters.terminateCluster(target(args, 'clusterId'))
  });
  commands.addCommand(CommandIDs.createSession, {
    label: trans.__('Create Glue Session…'),
    caption: trans.__(
      'Create a Glue interactive session (idle timeout 60 min by default)'
    ),
    isEnabled: () => !sessions.busy.active,
    describedBy: { args: { type: 'object', properties: {} } },
    execute: async () => {
      const request = await askSessionRequest(
        o.sessionTemplates(),
        o.account(),
        trans
      );
      if (request) {
        await sessions.createSession(request);
      }
    }
  });
  commands.addCommand(CommandIDs.stopSession, {
    label: trans.__('Stop Glue Session…'),
    caption: trans.__('Stop the Glue interactive session (asks first)'),
    isEnabled: args => !!target(args, 'sessionId'),
    describedBy: idArg(trans.__('Glue session id')),
    execute: args => sessions.stopSession(target(args, 'sessionId'))
  });
  commands.addCommand(CommandIDs.deleteSession, {
    label: trans.__('Delete Glue Session…'),
    caption: trans.__('Delete the Glue interactive session (asks first)'),
    isEnabled: args => !!target(args, 'sessionId'),
    describedBy: idArg(trans.__('Glue session id')),
    execute: args => sessions.deleteSession(target(args, 'sessionId'))
  });
  commands.addCommand(CommandIDs.recreateSession, {
    label: trans.__('Recreate Glue Session with the Same Settings…'),
    caption: trans.__(
      'A failed or timed-out session cannot restart: create a new one like it'
    ),
    isEnabled: args => !!target(args, 'sessionId') && !sessions.busy.active,
    describedBy: idArg(trans.__('Glue session id to copy')),
    execute: async args => {
      const old = sessions.sessions.find(target(args, 'sessionId'));
      if (!old) {
        return;
      }
      const request = await askSessionRequest(
        o.sessionTemplates(),
        o.account(),
        trans,
        {
          id: `${old.Id}-2`.slice(0, 255),
          glueVersion: old.GlueVersion ?? '5.0',
          workerType: old.WorkerType ?? 'G.1X',
          numberOfWorkers: old.NumberOfWorkers ?? 2,
          idleTimeoutMinutes: old.IdleTimeout ?? 60,
          role: old.Role ?? '',
          connections: old.Connections?.Connections ?? [],
          tags: {}
        }
      );
      if (request) {
        await sessions.createSession(request);
      }
    }
  });
  commands.addCommand(CommandIDs.refresh, {
    label: trans.__('Refresh Clusters and Sessions'),
    caption: trans.__('Ask AWS again now'),
    icon: args => (args.toolbar ? refreshIcon : undefined),
    describedBy: { args: { type: 'object', properties: {} } },
    execute: () => {
      clusters.clusters.refreshSoon();
      sessions.sessions.refreshSoon();
    }
  });

  clusters.busy.changed.connect(() =>
    commands.notifyCommandChanged(CommandIDs.provisionCluster)
  );
  sessions.busy.changed.connect(() => {
    commands.notifyCommandChanged(CommandIDs.createSession);
    commands.notifyCommandChanged(CommandIDs.recreateSession);
  });

  const category = trans.__('AWS Spark & ML');
  for (const command of [
    CommandIDs.provisionCluster,
    CommandIDs.createSession,
    CommandIDs.refresh
  ]) {
    o.palette?.addItem({ command, category });
  }
  for (const [command, rank] of [[CommandIDs.terminateCluster, 1]] as const) {
    app.contextMenu.addItem({
      command,
      selector: '.jp-AwsSparkML-clusterRow',
      rank
    });
  }
  [
    CommandIDs.stopSession,
    CommandIDs.deleteSession,
    CommandIDs.recreateSession
  ].forEach((command, rank) =>
    app.contextMenu.addItem({
      command,
      selector: '.jp-AwsSparkML-sessionRow',
      rank
    })
  );
}
