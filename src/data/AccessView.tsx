import type { Column } from '@aws-sdk/client-glue';
import type {
  DataCellsFilter,
  LFTagPair,
  PrincipalResourcePermissions
} from '@aws-sdk/client-lakeformation';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { ErrorPanel } from '../ui';
import { GovernanceModel, registeredLocationFor } from './GovernanceModel';
import { grantScope } from './grantScope';
import { describeAccess, summariseAccess } from './permissions';
import { principalLabel } from './principals';

/** Lake Formation for the selection: your access in words, grants, LF-tags, admins. */
export function AccessView(props: {
  governance: GovernanceModel;
  caller: string;
  columns: Column[] | null;
  location?: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { governance, caller, trans } = props;
  const current = governance.current;
  const [picked, setPicked] = useState<string | null>(null);
  if (governance.error) {
    return <ErrorPanel error={governance.error} />;
  }
  if (!current) {
    return (
      <div className="jp-AwsSparkML-muted">
        {trans.__('Loading Lake Formation…')}
      </div>
    );
  }
  const admins = governance.settings?.DataLakeAdmins ?? [];
  const principals = Array.from(
    new Set([
      caller,
      ...current.grants.map(g => g.Principal?.DataLakePrincipalIdentifier ?? '')
    ])
  ).filter(Boolean);
  const principal = picked && principals.includes(picked) ? picked : caller;
  const columnNames = (props.columns ?? []).map(c => c.Name ?? '');
  const summary = props.columns
    ? summariseAccess(
        current.grants,
        principal,
        columnNames,
        admins,
        current.dataFilters
      )
    : null;
  const registered = registeredLocationFor(
    props.location,
    governance.locations
  );
  return (
    <div className="jp-AwsSparkML-access">
      <label className="jp-AwsSparkML-access-who">
        <span>{trans.__('Evaluate for')}</span>
        <select
          className="jp-mod-styled"
          value={principal}
          aria-label={trans.__('Principal to evaluate')}
          onChange={e => setPicked(e.target.value)}
        >
          {principals.map(p => (
            <option key={p} value={p} title={p}>
              {p === caller
                ? trans.__('You (%1)', principalLabel(p))
                : principalLabel(p)}
            </option>
          ))}
        </select>
      </label>
      {summary && (
        <p
          className={`jp-AwsSparkML-access-summary jp-mod-${summary.kind}${
            summary.rowLimits.length > 0 ? ' jp-mod-rows' : ''
          }`}
          data-access={summary.kind}
          data-rows={summary.rowLimits.length > 0 ? 'filtered' : 'all'}
        >
          {describeAccess(
            summary,
            {
              principal,
              isCaller: principal === caller,
              table: current.name,
              admins
            },
            trans.__.bind(trans)
          )}
        </p>
      )}
      {props.location !== undefined && (
        <p className="jp-AwsSparkML-muted">
          {registered
            ? trans.__(
                'Data location registered with Lake Formation (%1).',
                registered.ResourceArn
              )
            : trans.__(
                'Data location not registered with Lake Formation: S3 and IAM policies decide who reads the files.'
              )}
        </p>
      )}
      <h4 className="jp-AwsSparkML-subheading">
        {trans.__('Grants (%1)', current.grants.length)}
      </h4>
      {current.dataFiltersError && (
        <ErrorPanel error={current.dataFiltersError} />
      )}
      <GrantList
        grants={current.grants}
        filters={current.dataFilters}
        trans={trans}
      />
      <h4 className="jp-AwsSparkML-subheading">{trans.__('LF-tags')}</h4>
      <TagList label={trans.__('Database')} tags={current.tagsOnDatabase} />
      {current.tagsOnTable.length > 0 && (
        <TagList label={trans.__('Table')} tags={current.tagsOnTable} />
      )}
      {current.tagsOnColumns.length === 0 &&
        current.tagsOnDatabase.length === 0 &&
        current.tagsOnTable.length === 0 && (
          <div className="jp-AwsSparkML-muted">{trans.__('No LF-tags.')}</div>
        )}
      <h4 className="jp-AwsSparkML-subheading">
        {trans.__('Data lake administrators')}
      </h4>
      <ul className="jp-AwsSparkML-plainList">
        {admins.length === 0 && (
          <li className="jp-AwsSparkML-muted">{trans.__('None set.')}</li>
        )}
        {admins.map(a => (
          <li
            key={a.DataLakePrincipalIdentifier}
            title={a.DataLakePrincipalIdentifier}
          >
            {principalLabel(a.DataLakePrincipalIdentifier ?? '')}
          </li>
        ))}
      </ul>
    </div>
  );
}

function GrantList(props: {
  grants: PrincipalResourcePermissions[];
  filters: readonly DataCellsFilter[];
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  if (props.grants.length === 0) {
    return <div className="jp-AwsSparkML-muted">{trans.__('No grants.')}</div>;
  }
  return (
    <ul
      className="jp-AwsSparkML-grants"
      aria-label={trans.__('Lake Formation grants')}
    >
      {props.grants.map((g, i) => {
        const who = g.Principal?.DataLakePrincipalIdentifier ?? '';
        const grantable = new Set(g.PermissionsWithGrantOption ?? []);
        return (
          <li key={i} className="jp-AwsSparkML-grant">
            <div className="jp-AwsSparkML-grant-who" title={who}>
              {principalLabel(who)}
            </div>
            <div className="jp-AwsSparkML-grant-what">
              {(g.Permissions ?? []).map(p => (
                <span
                  key={p}
                  className="jp-AwsSparkML-chip"
                  title={grantable.has(p) ? trans.__('grantable') : undefined}
                >
                  {p}
                  {grantable.has(p) ? ' ✱' : ''}
                </span>
              ))}
              <span className="jp-AwsSparkML-muted">
                {grantScope(g, trans, props.filters)}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function TagList(props: {
  label: string;
  tags: LFTagPair[];
}): JSX.Element | null {
  if (props.tags.length === 0) {
    return null;
  }
  return (
    <div className="jp-AwsSparkML-tags">
      <span className="jp-AwsSparkML-muted">{props.label}</span>
      {props.tags.map(t => (
        <span key={t.TagKey} className="jp-AwsSparkML-chip jp-mod-tag">
          {t.TagKey}={(t.TagValues ?? []).join('|')}
        </span>
      ))}
    </div>
  );
}
