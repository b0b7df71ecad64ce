import type { Database, Table } from '@aws-sdk/client-glue';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorPanel, useSignalValue } from '../ui';
import { CatalogTree, SearchResults } from './CatalogTree';
import {
  CatalogTreeModel,
  databaseKey,
  tableKey,
  TreeRow
} from './CatalogTreeModel';
import { GovernanceModel } from './GovernanceModel';
import { NotebookSpark } from './notebookSpark';
import { DatabaseDetails, TableDetails } from './TableDetails';

export interface IDataPanelProps {
  tree: CatalogTreeModel;
  governance: GovernanceModel;
  notebooks: NotebookSpark;
  /** The Lake Formation principal of the server's identity. */
  caller: () => string;
  trans: TranslationBundle;
}

type Selection =
  | { kind: 'table'; key: string; table: Table }
  | { kind: 'database'; key: string; database: Database };

const SEARCH_DELAY_MS = 300;

/** The Data section: search, the catalog tree, and details of the selection. */
export function DataPanel(props: IDataPanelProps): JSX.Element {
  const { tree, governance, trans } = props;
  useSignalValue(tree.changed, () => null);
  useSignalValue(governance.changed, () => null);
  const [text, setText] = useState('');
  const [selection, setSelection] = useState<Selection | null>(null);
  const timer = useRef<number>();

  useEffect(() => {
    window.clearTimeout(timer.current);
    if (!text.trim()) {
      // Clearing needs no call: the tree comes back at once, not after the pause.
      if (tree.search.text) {
        void tree.setSearch('');
      }
      return;
    }
    timer.current = window.setTimeout(
      () => void tree.setSearch(text),
      SEARCH_DELAY_MS
    );
    return () => window.clearTimeout(timer.current);
  }, [text]);

  const selectTable = useCallback(
    (table: Table) => {
      setSelection({ kind: 'table', key: tableKey(table), table });
      void governance.load({
        catalogId: table.CatalogId,
        database: table.DatabaseName ?? '',
        table: table.Name
      });
    },
    [governance]
  );
  // Stable, so the memoised tree does not re-render when only the search text changes.
  const onSelectRow = useCallback(
    (row: TreeRow) => {
      if (row.kind === 'table') {
        selectTable(row.table);
      } else if (row.kind === 'database') {
        setSelection({
          kind: 'database',
          key: databaseKey(row.database),
          database: row.database
        });
        void governance.load({
          catalogId: row.database.CatalogId,
          database: row.database.Name ?? ''
        });
      }
    },
    [governance, selectTable]
  );
  const searching = tree.search.text !== '';

  return (
    <div className="jp-AwsSparkML-data">
      <div className="jp-AwsSparkML-data-search">
        <input
          type="search"
          className="jp-mod-styled"
          aria-label={trans.__('Search tables and columns in every database')}
          placeholder={trans.__('Search tables or columns')}
          value={text}
          onChange={e => setText(e.target.value)}
        />
        <button
          type="button"
          className="jp-AwsSparkML-iconButton"
          aria-label={trans.__('Reload the catalog')}
          title={trans.__('Reload the catalog')}
          onClick={() => void tree.start()}
        >
          <refreshIcon.react tag="span" elementSize="small" />
        </button>
      </div>
      {searching ? (
        <SearchResults
          model={tree}
          selected={selection?.key ?? null}
          onSelect={hit => selectTable(hit.table)}
          trans={trans}
        />
      ) : (
        <CatalogTree
          model={tree}
          selected={selection?.key ?? null}
          onSelect={onSelectRow}
          trans={trans}
        />
      )}
      {selection?.kind === 'table' && (
        <TableDetails
          table={selection.table}
          governance={governance}
          caller={props.caller()}
          notebooks={props.notebooks}
          trans={trans}
        />
      )}
      {selection?.kind === 'database' && (
        <DatabaseDetails
          database={selection.database}
          governance={governance}
          caller={props.caller()}
          trans={trans}
        />
      )}
      <details
        className="jp-AwsSparkML-locations"
        onToggle={e =>
          (e.target as HTMLDetailsElement).open && void governance.loadAccount()
        }
      >
        <summary>{trans.__('Registered locations')}</summary>
        {governance.accountError && (
          <ErrorPanel error={governance.accountError} />
        )}
        <ul
          className="jp-AwsSparkML-plainList"
          aria-label={trans.__('Registered locations')}
        >
          {governance.locations.map(l => (
            <li key={l.ResourceArn} title={l.RoleArn}>
              {l.ResourceArn}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

export class DataWidget extends ReactWidget {
  constructor(private readonly props: IDataPanelProps) {
    super();
    this.addClass('jp-AwsSparkML-dataWidget');
  }
  protected render(): JSX.Element {
    return <DataPanel {...this.props} />;
  }
}
