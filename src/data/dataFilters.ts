import type {
  DataCellsFilter,
  DataCellsFilterResource
} from '@aws-sdk/client-lakeformation';

/**
 * Lake Formation data cells filters ("data filters" in the console): a named
 * row filter plus a column list on one table. A grant on a filter names it
 * only; these helpers find its definition and say what it lets through.
 */

/** The definition a grant's `DataCellsFilter` resource names, if it was read. */
export function findDataFilter(
  ref: DataCellsFilterResource,
  filters: readonly DataCellsFilter[]
): DataCellsFilter | null {
  return (
    filters.find(
      f =>
        f.Name === ref.Name &&
        f.TableName === ref.TableName &&
        f.DatabaseName === ref.DatabaseName &&
        (!ref.TableCatalogId ||
          !f.TableCatalogId ||
          f.TableCatalogId === ref.TableCatalogId)
    ) ?? null
  );
}

/** Which of the table's `columns` the filter lets through, in table order. */
export function filterColumns(
  filter: DataCellsFilter,
  columns: readonly string[]
): string[] {
  // AWS may send an empty ColumnNames beside a ColumnWildcard: the wildcard decides.
  if (filter.ColumnWildcard) {
    const excluded = new Set(filter.ColumnWildcard.ExcludedColumnNames ?? []);
    return columns.filter(c => !excluded.has(c));
  }
  const named = new Set(filter.ColumnNames ?? []);
  return columns.filter(c => named.has(c));
}

/** The filter's PartiQL row condition; null when it lets every row through. */
export function rowCondition(filter: DataCellsFilter): string | null {
  const expression = filter.RowFilter?.FilterExpression?.trim();
  return filter.RowFilter?.AllRowsWildcard || !expression ? null : expression;
}

/** Several filters let a row through when any of them does. */
export function anyOf(conditions: readonly string[]): string {
  return conditions.length === 1
    ? conditions[0]
    : conditions.map(c => `(${c})`).join(' or ');
}
