import type { EndpointSummary } from '@aws-sdk/client-sagemaker';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import React, { useState } from 'react';
import type { IAwsClients } from '../tokens';
import { ResourceList, useSignalValue } from '../ui';
import { ListRefreshStatus } from '../ui/ListRefreshStatus';
import { CommandIDs } from './commands';
import { costsWhileIdle, EndpointListModel } from './EndpointListModel';
import { EndpointRow } from './EndpointRow';

export interface IEndpointsPanelProps {
  endpoints: EndpointListModel;
  clients: IAwsClients;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

/** The Endpoints section: what serves, what it costs, a test box, delete. */
export function EndpointsPanel(props: IEndpointsPanelProps): JSX.Element {
  const { endpoints, trans } = props;
  useSignalValue(endpoints.changed, () => endpoints.items);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (name: string) => {
    const next = new Set(open);
    next.has(name) ? next.delete(name) : next.add(name);
    setOpen(next);
  };
  const idle = endpoints.items.filter(e =>
    costsWhileIdle(endpoints.details(e.EndpointName ?? ''))
  ).length;
  return (
    <div className="jp-AwsSparkML-endpoints">
      <div className="jp-AwsSparkML-sectionActions">
        <span className="jp-AwsSparkML-sectionNote">
          {idle
            ? trans.__('%1 real-time endpoint(s) bill while idle', idle)
            : trans.__('Deploy a Completed training job from its details.')}
        </span>
        <button
          type="button"
          className="jp-AwsSparkML-iconButton"
          aria-label={trans.__('Refresh endpoints')}
          title={trans.__('Refresh endpoints')}
          onClick={() => void props.commands.execute(CommandIDs.refresh)}
        >
          <refreshIcon.react tag="span" elementSize="small" />
        </button>
      </div>
      <ListRefreshStatus list={endpoints} trans={trans} />
      <ResourceList<EndpointSummary>
        items={endpoints.items}
        getKey={e => e.EndpointName ?? ''}
        getLabel={e => e.EndpointName ?? ''}
        label={trans.__('Endpoints')}
        rowHeight={48}
        empty={
          endpoints.loaded ? trans.__('No endpoints.') : trans.__('Loading…')
        }
        renderRow={e => (
          <EndpointRow
            endpoint={e}
            expanded={open.has(e.EndpointName ?? '')}
            onToggle={() => toggle(e.EndpointName ?? '')}
            model={endpoints}
            clients={props.clients}
            commands={props.commands}
            trans={trans}
          />
        )}
      />
    </div>
  );
}

export class EndpointsWidget extends ReactWidget {
  constructor(private readonly props: IEndpointsPanelProps) {
    super();
    this.addClass('jp-AwsSparkML-endpointsWidget');
  }
  protected render(): JSX.Element {
    return <EndpointsPanel {...this.props} />;
  }
  protected onAfterShow(): void {
    this.props.endpoints.setVisible(true);
  }
  protected onAfterHide(): void {
    this.props.endpoints.setVisible(false);
  }
}
