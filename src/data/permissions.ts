import type {
  DataLakePrincipal,
  PrincipalResourcePermissions
} from '@aws-sdk/client-lakeformation';
import { IAM_ALLOWED_PRINCIPALS, principalLabel } from './principals';

/** What a principal may do with a table's data, from its Lake Formation grants. */
export type AccessKind = 'all' | 'columns' | 'describe' | 'none';

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
}

const READS = new Set(['SELECT', 'ALL']);

function appliesTo(grant: PrincipalResourcePermissions, principal: string) {
  const who = grant.Principal?.DataLakePrincipalIdentifier;
  return who === principal || who === IAM_ALLOWED_PRINCIPALS;
}

/**
 * Which of `columns` `principal` can SELECT, given every grant on the table
 * (its own, its column grants, and its database's "all tables" grants).
 */
export function summariseAccess(
  grants: readonly PrincipalResourcePermissions[],
  principal: string,
  columns: readonly string[],
  admins: readonly DataLakePrincipal[] = []
): IAccessSummary {
  const readable = new Set<string>();
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
    if (!withColumns) {
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
  const inOrder = columns.filter(c => readable.has(c));
  if (whole || (columns.length > 0 && inOrder.length === columns.length)) {
    return { kind: 'all', columns: [...columns], hidden: [], grantable, admin };
  }
  const hidden = columns.filter(c => !readable.has(c));
  if (inOrder.length > 0) {
    return { kind: 'columns', columns: inOrder, hidden, grantable, admin };
  }
  return {
    kind: any ? 'describe' : 'none',
    columns: [],
    hidden: [...columns],
    grantable: false,
    admin
  };
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
      return __('%1 can SELECT every column of %2.', who, options.table);
    case 'columns':
      return __(
        '%1 can SELECT columns %2 — not %3.',
        who,
        summary.columns.join(', '),
        summary.hidden.join(', ')
      );
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
