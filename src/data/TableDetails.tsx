import type { Database, Table } from '@aws-sdk/client-glue';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';
import { CopyButton, ErrorPanel } from '../ui';
import { AccessView } from './AccessView';
import { columnsOf } from './CatalogTreeModel';
import { GovernanceModel } from './GovernanceModel';
import { NotAttachedError, NotebookSpark } from './notebookSpark';
import { IPreviewRows, tableFormat } from './sparkRead';

type PreviewState =
  | { state: 'idle' }
  | { state: 'running'; what: string }
  | { state: 'rows'; rows: IPreviewRows }
  | { state: 'not-attached' }
  | { state: 'error'; message: string };

/** Everything about one table: facts, columns with their LF-tags, access, preview. */
export function TableDetails(props: {
  table: Table;
  governance: GovernanceModel;
  caller: string;
  notebooks: NotebookSpark;
  trans: TranslationBundle;
}): JSX.Element {
  const { table, governance, trans, notebooks } = props;
  const [preview, setPreview] = useState<PreviewState>({ state: 'idle' });
  const name = `${table.DatabaseName}.${table.Name}`;
  useEffect(() => setPreview({ state: 'idle' }), [name]);
  const columns = columnsOf(table);
  const partitions = new Set((table.PartitionKeys ?? []).map(p => p.Name));
  const columnTags = new Map(
    (governance.current?.tagsOnColumns ?? []).map(c => [c.Name, c.LFTags ?? []])
  );
  const tableTags = new Map(
    (governance.current?.tagsOnTable ?? []).map(t => [
      t.TagKey,
      (t.TagValues ?? []).join('|')
    ])
  );
  const updated = table.UpdateTime ?? table.CreateTime;
  const location = table.StorageDescriptor?.Location;

  const runPreview = async () => {
    const panel = await notebooks.notebook(false);
    if (!panel) {
      setPreview({ state: 'not-attached' });
      return;
    }
    setPreview({
      state: 'running',
      what: trans.__('Reading the first rows with the notebook’s Spark…')
    });
    try {
      setPreview({
        state: 'rows',
        rows: await notebooks.preview(panel, table)
      });
    } catch (err) {
      setPreview(
        err instanceof NotAttachedError
          ? { state: 'not-attached' }
          : { state: 'error', message: (err as Error).message }
      );
    }
  };
  const attachThenPreview = async () => {
    const panel = await notebooks.notebook(true);
    if (!panel) {
      return;
    }
    setPreview({
      state: 'running',
      what: trans.__('Starting local Spark in the notebook…')
    });
    if (!(await notebooks.attachLocal(panel))) {
      setPreview({
        state: 'error',
        message: trans.__('The connect cell failed; see the notebook.')
      });
      return;
    }
    await runPreview();
  };

  return (
    <div
      className="jp-AwsSparkML-details"
      aria-label={trans.__('Table %1', name)}
    >
      <div className="jp-AwsSparkML-details-title">
        <b>{table.Name}</b>
        <span className="jp-AwsSparkML-chip">{tableFormat(table)}</span>
        <span className="jp-AwsSparkML-chip">{table.TableType ?? '—'}</span>
      </div>
      {table.Description && (
        <p className="jp-AwsSparkML-muted">{table.Description}</p>
      )}
      <dl className="jp-AwsSparkML-facts">
        <dt>{trans.__('Database')}</dt>
        <dd>{table.DatabaseName}</dd>
        <dt>{trans.__('Location')}</dt>
        <dd className="jp-AwsSparkML-facts-location">
          <span title={location}>{location ?? '—'}</span>
          {location && (
            <CopyButton value={location} label={trans.__('Copy S3 location')} />
          )}
        </dd>
        <dt>{trans.__('Partitions')}</dt>
        <dd>
          {(table.PartitionKeys ?? []).map(p => p.Name).join(', ') ||
            trans.__('none')}
        </dd>
        <dt>{trans.__('Updated')}</dt>
        <dd>{updated ? new Date(updated).toLocaleString() : '—'}</dd>
      </dl>
      <div className="jp-AwsSparkML-details-actions">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          onClick={() => void notebooks.openInNotebook(table)}
        >
          {trans.__('Open in notebook')}
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          disabled={preview.state === 'running'}
          onClick={() => void runPreview()}
        >
          {trans.__('Preview')}
        </button>
      </div>
      <PreviewView
        state={preview}
        onAttach={() => void attachThenPreview()}
        trans={trans}
      />

      <h4 className="jp-AwsSparkML-subheading">{trans.__('Lake Formation')}</h4>
      <AccessView
        governance={governance}
        caller={props.caller}
        columns={columns}
        location={location ?? ''}
        trans={trans}
      />
      <h4 className="jp-AwsSparkML-subheading">
        {trans.__('Columns (%1)', columns.length)}
      </h4>
      <table
        className="jp-AwsSparkML-columns"
        aria-label={trans.__('Columns of %1', name)}
      >
        <tbody>
          {columns.map(c => (
            <tr key={c.Name}>
              <td className="jp-AwsSparkML-columns-name">
                {c.Name}
                {partitions.has(c.Name) && (
                  <span className="jp-AwsSparkML-chip">
                    {trans.__('partition')}
                  </span>
                )}
                {(columnTags.get(c.Name) ?? [])
                  .filter(
                    t =>
                      tableTags.get(t.TagKey) !== (t.TagValues ?? []).join('|')
                  )
                  .map(t => (
                    <span
                      key={t.TagKey}
                      className="jp-AwsSparkML-chip jp-mod-tag"
                    >
                      {t.TagKey}={(t.TagValues ?? []).join('|')}
                    </span>
                  ))}
                {c.Comment && (
                  <div className="jp-AwsSparkML-muted">{c.Comment}</div>
                )}
              </td>
              <td className="jp-AwsSparkML-columns-type" title={c.Type}>
                {c.Type}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <Parameters values={table.Parameters} trans={trans} />
    </div>
  );
}

function PreviewView(props: {
  state: PreviewState;
  onAttach: () => void;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { state, trans } = props;
  switch (state.state) {
    case 'running':
      return (
        <div className="jp-AwsSparkML-muted" role="status">
          {state.what}
        </div>
      );
    case 'not-attached':
      return (
        <ErrorPanel
          error={{
            title: trans.__('No Spark attached'),
            message: trans.__(
              'Preview runs on the Spark the current notebook is attached to.'
            ),
            fix: trans.__(
              'Attach local Spark here, or attach to an EMR cluster or Glue session from Compute.'
            )
          }}
          actions={[
            { label: trans.__('Attach local Spark'), onClick: props.onAttach }
          ]}
        />
      );
    case 'error':
      return (
        <ErrorPanel
          error={{ title: trans.__('Preview failed'), message: state.message }}
        />
      );
    case 'rows':
      return (
        <div
          className="jp-AwsSparkML-preview"
          role="region"
          aria-label={trans.__('Preview rows')}
        >
          <table>
            <thead>
              <tr>
                {state.rows.columns.map(c => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {state.rows.data.map((row, i) => (
                <tr key={i}>
                  {row.map((v, j) => (
                    <td key={j}>{v ?? 'null'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="jp-AwsSparkML-muted">
            {trans.__('%1 rows', state.rows.data.length)}
          </div>
        </div>
      );
    default:
      return null;
  }
}

function Parameters(props: {
  values?: Record<string, string>;
  trans: TranslationBundle;
}): JSX.Element | null {
  const entries = Object.entries(props.values ?? {});
  if (entries.length === 0) {
    return null;
  }
  return (
    <details className="jp-AwsSparkML-parameters">
      <summary>{props.trans.__('Parameters (%1)', entries.length)}</summary>
      <dl className="jp-AwsSparkML-facts">
        {entries.map(([k, v]) => (
          <React.Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </React.Fragment>
        ))}
      </dl>
    </details>
  );
}

/** A database: description, location, parameters and its Lake Formation view. */
export function DatabaseDetails(props: {
  database: Database;
  governance: GovernanceModel;
  caller: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { database, trans } = props;
  return (
    <div
      className="jp-AwsSparkML-details"
      aria-label={trans.__('Database %1', database.Name)}
    >
      <div className="jp-AwsSparkML-details-title">
        <b>{database.Name}</b>
      </div>
      {database.Description && (
        <p className="jp-AwsSparkML-muted">{database.Description}</p>
      )}
      <dl className="jp-AwsSparkML-facts">
        <dt>{trans.__('Location')}</dt>
        <dd>{database.LocationUri ?? '—'}</dd>
        <dt>{trans.__('Created')}</dt>
        <dd>
          {database.CreateTime
            ? new Date(database.CreateTime).toLocaleString()
            : '—'}
        </dd>
      </dl>
      <h4 className="jp-AwsSparkML-subheading">{trans.__('Lake Formation')}</h4>
      <AccessView
        governance={props.governance}
        caller={props.caller}
        columns={null}
        trans={trans}
      />
      <Parameters values={database.Parameters} trans={trans} />
    </div>
  );
}
