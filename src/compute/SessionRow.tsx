import type { Session } from '@aws-sdk/client-glue';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretRightIcon } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import React, { useEffect, useState } from 'react';
import { SharedCommandIDs } from '../tokens';
import { CopyButton, StatusBadge } from '../ui';
import { CommandIDs } from './commands';
import { SessionListModel } from './SessionListModel';
import { RECREATABLE_SESSION_STATES, TERMINAL_SESSION_STATES } from './states';

interface IRowProps {
  session: Session;
  expanded: boolean;
  onToggle: () => void;
  model: SessionListModel;
  account: string;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

export function SessionRow(props: IRowProps): JSX.Element {
  const { session, expanded, trans } = props;
  const id = session.Id ?? '';
  const Caret = expanded ? caretDownIcon : caretRightIcon;
  return (
    <div className="jp-AwsSparkML-sessionRow" data-session-id={id}>
      <button
        type="button"
        className="jp-AwsSparkML-rowHeader"
        aria-expanded={expanded}
        aria-label={trans.__('%1, %2', id, session.Status ?? '')}
        onClick={props.onToggle}
      >
        <Caret.react tag="span" elementSize="small" />
        <span className="jp-AwsSparkML-rowName">{id}</span>
        <StatusBadge state={session.Status} title={session.ErrorMessage} />
      </button>
      {expanded && <SessionDetails {...props} />}
    </div>
  );
}

function SessionDetails(props: IRowProps): JSX.Element {
  const { session: s, model, commands, trans, account } = props;
  const id = s.Id ?? '';
  const status = s.Status ?? '';
  const [tags, setTags] = useState<string>('…');
  useEffect(() => {
    let live = true;
    model.tags(id, account).then(
      t =>
        live &&
        setTags(
          Object.entries(t)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || '—'
        ),
      () => live && setTags(trans.__('unavailable'))
    );
    return () => {
      live = false;
    };
  }, [id]);
  const run = (command: string) => () => void commands.execute(command, { id });

  return (
    <div
      className="jp-AwsSparkML-details"
      aria-label={trans.__('Details of %1', id)}
    >
      {RECREATABLE_SESSION_STATES.has(status) && (
        <div className="jp-AwsSparkML-note" role="status">
          {trans.__(
            'This session is %1 and cannot be restarted. %2',
            status,
            s.ErrorMessage ?? ''
          )}
        </div>
      )}
      <dl>
        <dt>{trans.__('Session id')}</dt>
        <dd>
          <code>{id}</code>{' '}
          <CopyButton value={id} label={trans.__('Copy session id')} />
        </dd>
        <dt>{trans.__('Glue version')}</dt>
        <dd>{s.GlueVersion ?? '—'}</dd>
        <dt>{trans.__('Workers')}</dt>
        <dd>
          {trans.__('%1 × %2', s.NumberOfWorkers ?? '?', s.WorkerType ?? '?')}
        </dd>
        <dt>{trans.__('Idle timeout')}</dt>
        <dd>
          {s.IdleTimeout !== undefined
            ? trans.__('%1 min', s.IdleTimeout)
            : '—'}
        </dd>
        <dt>{trans.__('Role')}</dt>
        <dd className="jp-AwsSparkML-wrap">{s.Role ?? '—'}</dd>
        <dt>{trans.__('Created')}</dt>
        <dd>{s.CreatedOn ? s.CreatedOn.toLocaleString() : '—'}</dd>
        <dt>{trans.__('Connections')}</dt>
        <dd>{s.Connections?.Connections?.join(', ') || '—'}</dd>
        <dt>{trans.__('Tags')}</dt>
        <dd>{tags}</dd>
      </dl>
      <div className="jp-AwsSparkML-actions">
        {status === 'READY' &&
          commands.hasCommand(SharedCommandIDs.attachCluster) && (
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              onClick={() =>
                void commands.execute(SharedCommandIDs.attachCluster, {
                  kind: 'glue',
                  id
                })
              }
            >
              {trans.__('Attach to notebook')}
            </button>
          )}
        {RECREATABLE_SESSION_STATES.has(status) && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            onClick={run(CommandIDs.recreateSession)}
          >
            {trans.__('Recreate with the same settings')}
          </button>
        )}
        {(status === 'READY' || status === 'PROVISIONING') && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-warn"
            onClick={run(CommandIDs.stopSession)}
          >
            {trans.__('Stop')}
          </button>
        )}
        {(TERMINAL_SESSION_STATES.has(status) || status === 'READY') && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-reject"
            onClick={run(CommandIDs.deleteSession)}
          >
            {trans.__('Delete')}
          </button>
        )}
      </div>
    </div>
  );
}
