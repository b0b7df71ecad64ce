import type {
  ColumnWildcard,
  DataCellsFilter,
  PrincipalResourcePermissions
} from '@aws-sdk/client-lakeformation';
import type { TranslationBundle } from '@jupyterlab/translation';
import { findDataFilter, rowCondition } from './dataFilters';

/**
 * What a grant covers, in words: "table", "all tables", "columns a, b",
 * "all columns except a, b", "data filter f: rows where x > 1, all columns".
 */
export function grantScope(
  grant: PrincipalResourcePermissions,
  trans: TranslationBundle,
  filters: readonly DataCellsFilter[] = []
): string {
  const r = grant.Resource ?? {};
  if (r.TableWithColumns) {
    return columnScope(
      r.TableWithColumns.ColumnNames,
      r.TableWithColumns.ColumnWildcard,
      trans
    );
  }
  if (r.DataCellsFilter) {
    const filter = findDataFilter(r.DataCellsFilter, filters);
    if (!filter) {
      return trans.__(
        'data filter %1 (definition not readable)',
        r.DataCellsFilter.Name
      );
    }
    const where = rowCondition(filter);
    return trans.__(
      'data filter %1: %2, %3',
      filter.Name,
      where === null ? trans.__('all rows') : trans.__('rows where %1', where),
      columnScope(filter.ColumnNames, filter.ColumnWildcard, trans)
    );
  }
  if (r.Table) {
    return r.Table.TableWildcard
      ? trans.__('all tables in %1', r.Table.DatabaseName)
      : trans.__('table');
  }
  if (r.Database) {
    return trans.__('database');
  }
  return Object.keys(r).join(', ');
}

function columnScope(
  names: string[] | undefined,
  wildcard: ColumnWildcard | undefined,
  trans: TranslationBundle
): string {
  if (wildcard) {
    const excluded = wildcard.ExcludedColumnNames ?? [];
    return excluded.length
      ? trans.__('all columns except %1', excluded.join(', '))
      : trans.__('all columns');
  }
  return trans.__('columns %1', (names ?? []).join(', '));
}
