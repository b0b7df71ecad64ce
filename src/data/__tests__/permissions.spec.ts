import type {
  DataCellsFilter,
  PrincipalResourcePermissions
} from '@aws-sdk/client-lakeformation';
import { nullTranslator } from '@jupyterlab/translation';
import { grantScope } from '../grantScope';
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

function sentence(
  grants: PrincipalResourcePermissions[],
  filters: DataCellsFilter[] = []
): string {
  const admins = [{ DataLakePrincipalIdentifier: ADMIN }];
  const summary = summariseAccess(grants, ME, COLUMNS, admins, filters);
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

describe('summariseAccess with data filters (row filters)', () => {
  const ref = (name: string) => ({
    TableCatalogId: '123456789012',
    DatabaseName: 'db',
    TableName: 't',
    Name: name
  });
  const filter = (
    name: string,
    rows: DataCellsFilter['RowFilter'],
    columns: Partial<DataCellsFilter>
  ): DataCellsFilter => ({ ...ref(name), RowFilter: rows, ...columns });
  const strong = filter(
    'strong',
    { FilterExpression: 'mag >= 4.0' },
    { ColumnWildcard: { ExcludedColumnNames: [] } }
  );
  const strongAbc = filter(
    'strong_abc',
    { FilterExpression: 'mag >= 4.0' },
    { ColumnNames: ['c', 'a', 'b'] }
  );
  const onFilter = (name: string, permissions = ['SELECT']) =>
    grant(ME, { DataCellsFilter: ref(name) }, permissions);

  it('reads every column, only the filtered rows', () => {
    const s = summariseAccess([onFilter('strong')], ME, COLUMNS, [], [strong]);
    expect(s).toMatchObject({
      kind: 'all',
      columns: COLUMNS,
      rowLimits: [{ columns: COLUMNS, where: ['mag >= 4.0'] }]
    });
    expect(sentence([onFilter('strong')], [strong])).toBe(
      'You (role Studio) can SELECT every column of db.t — only rows where mag >= 4.0.'
    );
  });

  it("reads the filter's columns, only the filtered rows", () => {
    const s = summariseAccess(
      [onFilter('strong_abc')],
      ME,
      COLUMNS,
      [],
      [strongAbc]
    );
    expect(s).toMatchObject({
      kind: 'columns',
      columns: ['a', 'b', 'c'],
      hidden: ['d', 'e'],
      rowLimits: [{ columns: ['a', 'b', 'c'], where: ['mag >= 4.0'] }]
    });
    expect(sentence([onFilter('strong_abc')], [strongAbc])).toBe(
      'You (role Studio) can SELECT columns a, b, c — not d, e — and only rows where mag >= 4.0.'
    );
  });

  it('reads the whole table when a table-wide grant joins the filter', () => {
    const grants = [
      onFilter('strong'),
      grant(ME, { Table: TABLE }, ['SELECT'])
    ];
    const s = summariseAccess(grants, ME, COLUMNS, [], [strong]);
    expect(s).toMatchObject({ kind: 'all', columns: COLUMNS, rowLimits: [] });
    expect(sentence(grants, [strong])).toBe(
      'You (role Studio) can SELECT every column of db.t.'
    );
  });

  it('treats an all-rows filter as a column grant', () => {
    const noPersonal = filter(
      'no_personal',
      { AllRowsWildcard: {} },
      { ColumnNames: [], ColumnWildcard: { ExcludedColumnNames: ['d', 'e'] } }
    );
    expect(
      summariseAccess([onFilter('no_personal')], ME, COLUMNS, [], [noPersonal])
    ).toMatchObject({
      kind: 'columns',
      columns: ['a', 'b', 'c'],
      rowLimits: []
    });
  });

  it('joins the rows of several filters with "or"', () => {
    const recent = filter(
      'recent',
      { FilterExpression: "year = '2003'" },
      { ColumnWildcard: {} }
    );
    expect(
      sentence([onFilter('strong'), onFilter('recent')], [strong, recent])
    ).toBe(
      "You (role Studio) can SELECT every column of db.t — only rows where (mag >= 4.0) or (year = '2003')."
    );
  });

  it('says which columns a filter limits when other columns read every row', () => {
    const cd = filter(
      'cd',
      { FilterExpression: 'mag >= 4.0' },
      { ColumnNames: ['c', 'd'] }
    );
    const ab = grant(
      ME,
      { TableWithColumns: { ...TABLE, ColumnNames: ['a', 'b'] } },
      ['SELECT']
    );
    expect(sentence([ab, onFilter('cd')], [cd])).toBe(
      'You (role Studio) can SELECT columns a, b, c, d — not e. Of these, c, d only in rows where mag >= 4.0.'
    );
  });

  it('never reports "no access" when a filter could not be read', () => {
    const s = summariseAccess([onFilter('secret')], ME, COLUMNS);
    expect(s).toMatchObject({ kind: 'columns', unreadFilters: ['secret'] });
    expect(sentence([onFilter('secret')])).toBe(
      'You (role Studio) can SELECT some of db.t through data filter secret, whose definition could not be read.'
    );
  });

  it('separates DESCRIBE on a filter from reading through it', () => {
    const s = summariseAccess(
      [onFilter('strong', ['DESCRIBE'])],
      ME,
      COLUMNS,
      [],
      [strong]
    );
    expect(s.kind).toBe('describe');
  });

  it('shows a filter grant as its rows and columns', () => {
    const trans = nullTranslator.load('jupyterlab_aws_spark_ml');
    expect(grantScope(onFilter('strong_abc'), trans, [strongAbc])).toBe(
      'data filter strong_abc: rows where mag >= 4.0, columns c, a, b'
    );
    const all = filter('all', { AllRowsWildcard: {} }, { ColumnWildcard: {} });
    expect(grantScope(onFilter('all'), trans, [all])).toBe(
      'data filter all: all rows, all columns'
    );
    expect(grantScope(onFilter('gone'), trans, [])).toBe(
      'data filter gone (definition not readable)'
    );
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
