import type { PrincipalResourcePermissions } from '@aws-sdk/client-lakeformation';
import { describeAccess, summariseAccess } from '../permissions';
import { lakeFormationPrincipal, principalLabel } from '../principals';

const ME = 'arn:aws:iam::123456789012:role/Studio';
const ADMIN = 'arn:aws:iam::123456789012:role/LakeAdmin';
const COLUMNS = ['a', 'b', 'c', 'd', 'e'];
const TABLE = { DatabaseName: 'db', Name: 't' };

function grant(
  principal: string,
  resource: PrincipalResourcePermissions['Resource'],
  permissions: string[],
  grantable: string[] = []
): PrincipalResourcePermissions {
  return {
    Principal: { DataLakePrincipalIdentifier: principal },
    Resource: resource,
    Permissions: permissions as any,
    PermissionsWithGrantOption: grantable as any
  };
}

function sentence(grants: PrincipalResourcePermissions[]): string {
  const admins = [{ DataLakePrincipalIdentifier: ADMIN }];
  const summary = summariseAccess(grants, ME, COLUMNS, admins);
  return describeAccess(summary, {
    principal: ME,
    isCaller: true,
    table: 'db.t',
    admins
  });
}

describe('summariseAccess', () => {
  it('reads every column with a table-wide SELECT', () => {
    const s = summariseAccess(
      [grant(ME, { Table: TABLE }, ['SELECT'])],
      ME,
      COLUMNS
    );
    expect(s.kind).toBe('all');
    expect(s.columns).toEqual(COLUMNS);
    expect(sentence([grant(ME, { Table: TABLE }, ['SELECT'])])).toBe(
      'You (role Studio) can SELECT every column of db.t.'
    );
  });

  it('reads every column through a database "all tables" grant', () => {
    const wildcard = { Table: { DatabaseName: 'db', TableWildcard: {} } };
    expect(
      summariseAccess([grant(ME, wildcard, ['ALL'])], ME, COLUMNS).kind
    ).toBe('all');
  });

  it('reads only the included columns, in table order', () => {
    const g = grant(
      ME,
      { TableWithColumns: { ...TABLE, ColumnNames: ['c', 'a', 'b'] } },
      ['SELECT']
    );
    const s = summariseAccess([g], ME, COLUMNS);
    expect(s).toMatchObject({
      kind: 'columns',
      columns: ['a', 'b', 'c'],
      hidden: ['d', 'e']
    });
    expect(sentence([g])).toBe(
      'You (role Studio) can SELECT columns a, b, c — not d, e.'
    );
  });

  it('reads all but the excluded columns', () => {
    const g = grant(
      ME,
      {
        TableWithColumns: {
          ...TABLE,
          ColumnWildcard: { ExcludedColumnNames: ['b', 'd'] }
        }
      },
      ['SELECT']
    );
    expect(summariseAccess([g], ME, COLUMNS)).toMatchObject({
      kind: 'columns',
      columns: ['a', 'c', 'e'],
      hidden: ['b', 'd']
    });
  });

  it('says whom to ask when there is no grant', () => {
    const other = grant(
      'arn:aws:iam::123456789012:role/Other',
      { Table: TABLE },
      ['SELECT']
    );
    const s = summariseAccess([other], ME, COLUMNS);
    expect(s).toMatchObject({ kind: 'none', columns: [], hidden: COLUMNS });
    expect(sentence([other])).toBe(
      'You (role Studio) have no access to db.t — ask role LakeAdmin for SELECT on db.t.'
    );
  });

  it('separates DESCRIBE from reading the data', () => {
    const g = grant(ME, { Table: TABLE }, ['DESCRIBE']);
    expect(summariseAccess([g], ME, COLUMNS).kind).toBe('describe');
    expect(sentence([g])).toContain('can see db.t but not read its data');
  });

  it('counts IAM_ALLOWED_PRINCIPALS grants for everyone, and grant options', () => {
    const open = grant(
      'IAM_ALLOWED_PRINCIPALS',
      { Table: TABLE },
      [],
      ['SELECT']
    );
    expect(summariseAccess([open], ME, COLUMNS)).toMatchObject({
      kind: 'all',
      grantable: true
    });
  });

  it('unions column grants that together cover the table', () => {
    const one = grant(
      ME,
      { TableWithColumns: { ...TABLE, ColumnNames: ['a', 'b'] } },
      ['SELECT']
    );
    const two = grant(
      ME,
      {
        TableWithColumns: {
          ...TABLE,
          ColumnWildcard: { ExcludedColumnNames: ['a', 'b'] }
        }
      },
      ['SELECT']
    );
    expect(summariseAccess([one, two], ME, COLUMNS).kind).toBe('all');
  });
});

describe('principals', () => {
  it('evaluates an assumed role as its IAM role', () => {
    expect(
      lakeFormationPrincipal(
        'arn:aws:sts::111122223333:assumed-role/SageMakerExecutionRole/SageMaker'
      )
    ).toBe('arn:aws:iam::111122223333:role/SageMakerExecutionRole');
    expect(lakeFormationPrincipal('arn:aws:sts::123456789012:user/moto')).toBe(
      'arn:aws:iam::123456789012:user/moto'
    );
    expect(principalLabel('arn:aws:iam::1:role/service-role/Name')).toBe(
      'role Name'
    );
  });
});
