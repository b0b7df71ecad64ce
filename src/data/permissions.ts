import type {
  DataCellsFilter,
  DataLakePrincipal,
  PrincipalResourcePermissions
} from '@aws-sdk/client-lakeformation';
import {
  anyOf,
  filterColumns,
  findDataFilter,
  rowCondition
} from './dataFilters';
import { IAM_ALLOWED_PRINCIPALS, principalLabel } from './principals';

/** What a principal may do with a table's data, from its Lake Formation grants. */
export type AccessKind = 'all' | 'columns' | 'describe' | 'none';

/** Readable columns whose rows are limited by data filters. */
export interface IRowLimit {
  /** In the table's order. */
  columns: string[];
  /** Row filter expressions (PartiQL); a row is readable when it matches any. */
  where: string[];
}

export interface IAccessSummary {
  kind: AccessKind;
  /** Readable columns, in the table's order (all of them when kind is 'all'). */
  columns: string[];
  /** The table's columns the principal may not read. */
  hidden: string[];
  /** May pass SELECT on to others. */
  grantable: boolean;
  /** The principal is a data lake administrator. */
  admin: boolean;
  /**
   * Readable columns that only some rows of are readable, grouped by their
   * row filters; empty when every readable column reads every row.
   */
  rowLimits: IRowLimit[];
  /** Data filters that grant reads but whose definitions could not be read. */
  unreadFilters: string[];
}

const READS = new Set(['SELECT', 'ALL']);

function appliesTo(grant: PrincipalResourcePermissions, principal: string) {
  const who = grant.Principal?.DataLakePrincipalIdentifier;
  return who === principal || who === IAM_ALLOWED_PRINCIPALS;
}

/**
 * Which of `columns` (and which rows) `principal` can SELECT, given every
 * grant on the table: its own, its column grants, its data filters' grants
 * (resolved through `filters`), and its database's "all tables" grants.
 * Lake Formation unions them: a cell is readable when any grant reaches it.
 */
export function summariseAccess(
  grants: readonly PrincipalResourcePermissions[],
  principal: string,
  columns: readonly string[],
  admins: readonly DataLakePrincipal[] = [],
  filters: readonly DataCellsFilter[] = []
): IAccessSummary {
  const readable = new Set<string>(); // in every row
  const limited = new Map<string, Set<string>>(); // column → row conditions
  const unreadFilters: string[] = [];
  let whole = false;
  let any = false;
  let grantable = false;
  for (const grant of grants) {
    if (!appliesTo(grant, principal)) {
      continue;
    }
    const perms = [
      ...(grant.Permissions ?? []),
      ...(grant.PermissionsWithGrantOption ?? [])
    ];
    if (perms.length === 0) {
      continue;
    }
    any = true;
    const reads = perms.some(p => READS.has(p));
    if (!reads) {
      continue;
    }
    grantable ||= (grant.PermissionsWithGrantOption ?? []).some(p =>
      READS.has(p)
    );
    const resource = grant.Resource ?? {};
    const withColumns = resource.TableWithColumns;
    if (resource.DataCellsFilter) {
      const filter = findDataFilter(resource.DataCellsFilter, filters);
      if (!filter) {
        unreadFilters.push(resource.DataCellsFilter.Name ?? '');
        continue;
      }
      const where = rowCondition(filter);
      for (const column of filterColumns(filter, columns)) {
        if (where === null) {
          readable.add(column);
        } else {
          limited.set(column, (limited.get(column) ?? new Set()).add(where));
        }
      }
    } else if (!withColumns) {
      whole = true; // a Table grant (named or wildcard) reads every column
    } else if (withColumns.ColumnWildcard) {
      const excluded = new Set(
        withColumns.ColumnWildcard.ExcludedColumnNames ?? []
      );
      columns.filter(c => !excluded.has(c)).forEach(c => readable.add(c));
    } else {
      (withColumns.ColumnNames ?? []).forEach(c => readable.add(c));
    }
  }
  const admin = admins.some(a => a.DataLakePrincipalIdentifier === principal);
  if (whole) {
    columns.forEach(c => readable.add(c));
  }
  const rowLimits = groupRowLimits(columns, readable, limited);
  const reachable = (c: string) => readable.has(c) || limited.has(c);
  const inOrder = columns.filter(reachable);
  const extra = { grantable, admin, rowLimits, unreadFilters };
  if (whole || (columns.length > 0 && inOrder.length === columns.length)) {
    return { kind: 'all', columns: [...columns], hidden: [], ...extra };
  }
  const hidden = columns.filter(c => !reachable(c));
  // A filter we cannot read still grants something: never report "no access".
  if (inOrder.length > 0 || unreadFilters.length > 0) {
    return { kind: 'columns', columns: inOrder, hidden, ...extra };
  }
  return {
    kind: any ? 'describe' : 'none',
    columns: [],
    hidden: [...columns],
    grantable: false,
    admin,
    rowLimits: [],
    unreadFilters: []
  };
}

/** Columns read only through row filters, grouped by the same conditions. */
function groupRowLimits(
  columns: readonly string[],
  everyRow: ReadonlySet<string>,
  limited: ReadonlyMap<string, ReadonlySet<string>>
): IRowLimit[] {
  const groups = new Map<string, IRowLimit>();
  for (const column of columns) {
    const where = limited.get(column);
    if (!where || everyRow.has(column)) {
      continue;
    }
    const sorted = [...where].sort();
    const key = JSON.stringify(sorted);
    const group = groups.get(key) ?? { columns: [], where: sorted };
    group.columns.push(column);
    groups.set(key, group);
  }
  return [...groups.values()];
}

type Translate = (msg: string, ...args: any[]) => string;
const plain: Translate = (msg, ...args) =>
  msg.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1] ?? ''));

/** The summary in plain words, e.g. "You (user moto) can SELECT columns a, b, c." */
export function describeAccess(
  summary: IAccessSummary,
  options: {
    principal: string;
    isCaller: boolean;
    table: string;
    admins: readonly DataLakePrincipal[];
  },
  __: Translate = plain
): string {
  const who = options.isCaller
    ? __('You (%1)', principalLabel(options.principal))
    : principalLabel(options.principal);
  const askWhom =
    options.admins.length > 0
      ? options.admins
          .map(a => principalLabel(a.DataLakePrincipalIdentifier ?? ''))
          .join(', ')
      : __('a data lake administrator');
  switch (summary.kind) {
    case 'all':
    case 'columns':
      return [
        readSentence(summary, who, options.table, __),
        ...rowSentences(summary, __)
      ].join(' ');
    case 'describe':
      return __(
        '%1 can see %2 but not read its data — ask %3 for SELECT on %2.',
        who,
        options.table,
        askWhom
      );
    default:
      if (summary.admin) {
        return options.isCaller
          ? __(
              '%1 have no grant on %2, but as a data lake administrator you can grant it.',
              who,
              options.table
            )
          : __(
              '%1 has no grant on %2 but is a data lake administrator.',
              who,
              options.table
            );
      }
      return options.isCaller
        ? __(
            '%1 have no access to %2 — ask %3 for SELECT on %2.',
            who,
            options.table,
            askWhom
          )
        : __(
            '%1 has no access to %2 — ask %3 for SELECT on %2.',
            who,
            options.table,
            askWhom
          );
  }
}

/** The row filter that limits every readable column, if one does. */
function rowsOfAll(summary: IAccessSummary): string | null {
  const limits = summary.rowLimits;
  return limits.length === 1 &&
    limits[0].columns.length === summary.columns.length
    ? anyOf(limits[0].where)
    : null;
}

/** What can be read: columns, and rows when one filter limits them all. */
function readSentence(
  summary: IAccessSummary,
  who: string,
  table: string,
  __: Translate
): string {
  const filters = summary.unreadFilters.join(', ');
  if (summary.columns.length === 0) {
    return __(
      '%1 can SELECT some of %2 through data filter %3, whose definition could not be read.',
      who,
      table,
      filters
    );
  }
  const rows = rowsOfAll(summary);
  if (summary.kind === 'all') {
    return rows
      ? __(
          '%1 can SELECT every column of %2 — only rows where %3.',
          who,
          table,
          rows
        )
      : __('%1 can SELECT every column of %2.', who, table);
  }
  const columns = summary.columns.join(', ');
  const hidden = summary.hidden.join(', ');
  return rows
    ? __(
        '%1 can SELECT columns %2 — not %3 — and only rows where %4.',
        who,
        columns,
        hidden,
        rows
      )
    : __('%1 can SELECT columns %2 — not %3.', who, columns, hidden);
}

/** Row filters that limit only some of the readable columns; filters not read. */
function rowSentences(summary: IAccessSummary, __: Translate): string[] {
  if (summary.columns.length === 0) {
    return []; // the read sentence already names the unread filters
  }
  const sentences: string[] = [];
  if (summary.rowLimits.length > 0 && rowsOfAll(summary) === null) {
    const parts = summary.rowLimits.map(l =>
      __('%1 only in rows where %2', l.columns.join(', '), anyOf(l.where))
    );
    sentences.push(__('Of these, %1.', parts.join('; ')));
  }
  if (summary.unreadFilters.length > 0) {
    sentences.push(
      __(
        'Data filter %1 may allow more; its definition could not be read.',
        summary.unreadFilters.join(', ')
      )
    );
  }
  return sentences;
}
