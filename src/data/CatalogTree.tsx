import type { TranslationBundle } from '@jupyterlab/translation';
import {
  caretDownIcon,
  caretRightIcon,
  tableRowsIcon,
  folderIcon
} from '@jupyterlab/ui-components';
import React from 'react';
import { ErrorPanel, ResourceList, useSignalValue } from '../ui';
import {
  CatalogTreeModel,
  ISearchHit,
  tableKey,
  TreeRow
} from './CatalogTreeModel';

export interface ISelection {
  key: string;
}

/**
 * The catalogs → databases → tables → columns tree; rows render only in view.
 * It re-renders when its model changes or the selection does, not when the
 * panel around it does (a keystroke in the search box would otherwise rebuild
 * every row of a 10,000-table tree).
 */
export const CatalogTree = React.memo(CatalogTreeList);

function CatalogTreeList(props: {
  model: CatalogTreeModel;
  selected: string | null;
  onSelect: (row: TreeRow) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const rows = useSignalValue(model.changed, () => model.rows());
  return (
    <ResourceList<TreeRow>
      items={rows}
      getKey={r => r.key}
      getLabel={r => rowLabel(r)}
      label={trans.__('Data Catalog')}
      rowHeight={26}
      maxHeight={320}
      empty={
        model.catalogs.error ? (
          <ErrorPanel error={model.catalogs.error} />
        ) : (
          trans.__('Loading the catalog…')
        )
      }
      renderRow={row => (
        <TreeRowView
          row={row}
          model={model}
          selected={props.selected === row.key}
          onSelect={props.onSelect}
          trans={trans}
        />
      )}
    />
  );
}

function rowLabel(row: TreeRow): string {
  switch (row.kind) {
    case 'catalog':
      return row.catalog.name;
    case 'database':
      return row.database.Name ?? '';
    case 'table':
      return row.table.Name ?? '';
    case 'column':
      return row.name;
    default:
      return row.kind;
  }
}

function TreeRowView(props: {
  row: TreeRow;
  model: CatalogTreeModel;
  selected: boolean;
  onSelect: (row: TreeRow) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { row, model, trans } = props;
  const indent = { paddingLeft: 4 + row.depth * 14 };
  if (row.kind === 'more') {
    return (
      <div className="jp-AwsSparkML-tree-row" style={indent}>
        <button
          type="button"
          className="jp-AwsSparkML-linkButton"
          onClick={() => void model.loadMore(row.parent)}
        >
          {trans.__('Load more…')}
        </button>
      </div>
    );
  }
  if (row.kind === 'loading' || row.kind === 'empty') {
    return (
      <div
        className="jp-AwsSparkML-tree-row jp-AwsSparkML-muted"
        style={indent}
      >
        {row.kind === 'loading'
          ? trans.__('Loading…')
          : trans.__('Nothing here.')}
      </div>
    );
  }
  if (row.kind === 'error') {
    return (
      <div style={indent}>
        <ErrorPanel error={row.error!} />
      </div>
    );
  }
  if (row.kind === 'column') {
    return (
      <div
        className="jp-AwsSparkML-tree-row jp-AwsSparkML-tree-column"
        style={indent}
        title={row.comment || undefined}
      >
        <span className="jp-AwsSparkML-tree-name">{row.name}</span>
        <span className="jp-AwsSparkML-tree-type">
          {row.partition ? trans.__('%1 · partition', row.type) : row.type}
        </span>
      </div>
    );
  }
  const expanded = model.isExpanded(row.key);
  const Caret = expanded ? caretDownIcon : caretRightIcon;
  const Icon = row.kind === 'table' ? tableRowsIcon : folderIcon;
  const name = rowLabel(row);
  const selectable = row.kind !== 'catalog';
  return (
    <div
      className={`jp-AwsSparkML-tree-row${props.selected ? ' jp-mod-selected' : ''}`}
      style={indent}
    >
      <button
        type="button"
        className="jp-AwsSparkML-iconButton"
        aria-expanded={expanded}
        aria-label={
          expanded ? trans.__('Collapse %1', name) : trans.__('Expand %1', name)
        }
        onClick={() => model.toggle(row)}
      >
        <Caret.react tag="span" elementSize="small" />
      </button>
      <Icon.react
        tag="span"
        elementSize="small"
        className="jp-AwsSparkML-tree-icon"
      />
      <button
        type="button"
        className="jp-AwsSparkML-tree-label"
        title={name}
        onClick={() => (selectable ? props.onSelect(row) : model.toggle(row))}
      >
        {name}
      </button>
    </div>
  );
}

/** Search results across databases: table, its database, and the columns that matched. */
export function SearchResults(props: {
  model: CatalogTreeModel;
  selected: string | null;
  onSelect: (hit: ISearchHit) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const search = model.search;
  return (
    <div className="jp-AwsSparkML-search-results">
      {search.error && <ErrorPanel error={search.error} />}
      <ResourceList<ISearchHit>
        items={search.items}
        getKey={h => tableKey(h.table)}
        getLabel={h => `${h.table.DatabaseName}.${h.table.Name}`}
        label={trans.__('Tables matching “%1”', search.text)}
        rowHeight={40}
        maxHeight={320}
        empty={
          search.loading
            ? trans.__('Searching…')
            : trans.__('No table or column matches “%1”.', search.text)
        }
        renderRow={hit => (
          <button
            type="button"
            className={`jp-AwsSparkML-search-hit${
              props.selected === tableKey(hit.table) ? ' jp-mod-selected' : ''
            }`}
            onClick={() => props.onSelect(hit)}
          >
            <span className="jp-AwsSparkML-tree-name">
              {hit.table.DatabaseName}.<b>{hit.table.Name}</b>
            </span>
            <span className="jp-AwsSparkML-muted">
              {hit.columns.length > 0
                ? trans.__('columns: %1', hit.columns.join(', '))
                : trans.__('table name or description')}
            </span>
          </button>
        )}
      />
      {search.nextToken && !search.loading && (
        <button
          type="button"
          className="jp-AwsSparkML-linkButton"
          onClick={() => void model.setSearch(search.text, true)}
        >
          {trans.__('More results…')}
        </button>
      )}
    </div>
  );
}
