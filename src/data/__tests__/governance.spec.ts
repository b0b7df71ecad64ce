/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import {
  GetDataLakeSettingsCommand,
  GetResourceLFTagsCommand,
  ListDataCellsFilterCommand,
  ListPermissionsCommand,
  ListResourcesCommand,
  PrincipalResourcePermissions
} from '@aws-sdk/client-lakeformation';
import { GovernanceModel } from '../GovernanceModel';

const OPERATIONS: [string, any][] = [
  ['GetDataLakeSettings', GetDataLakeSettingsCommand],
  ['GetResourceLFTags', GetResourceLFTagsCommand],
  ['ListDataCellsFilter', ListDataCellsFilterCommand],
  ['ListPermissions', ListPermissionsCommand],
  ['ListResources', ListResourcesCommand]
];
const READER = 'arn:aws:iam::123456789012:user/reader';
const FILTER = {
  TableCatalogId: '123456789012',
  DatabaseName: 'open_data',
  TableName: 'openaq_realtime',
  Name: 'uk_measurements'
};

/** A Lake Formation with a table-wide grant on `plain` and a filter grant on `openaq_realtime`. */
function fakeLakeFormation(
  options: { filtersDenied?: boolean; filterGrantsOnlyByFilter?: boolean } = {}
) {
  const sent: { op: string; input: any }[] = [];
  const filterGrant: PrincipalResourcePermissions = {
    Principal: { DataLakePrincipalIdentifier: READER },
    Resource: { DataCellsFilter: FILTER },
    Permissions: ['SELECT']
  };
  const grants = (table: string): PrincipalResourcePermissions[] =>
    table === 'openaq_realtime'
      ? options.filterGrantsOnlyByFilter
        ? []
        : [
            {
              Principal: { DataLakePrincipalIdentifier: READER },
              Resource: { DataCellsFilter: FILTER },
              Permissions: ['SELECT']
            }
          ]
      : [
          {
            Principal: { DataLakePrincipalIdentifier: READER },
            Resource: { Table: { DatabaseName: 'open_data', Name: table } },
            Permissions: ['SELECT']
          }
        ];
  const client = {
    send: async (command: any) => {
      const op =
        OPERATIONS.find(([, type]) => command instanceof type)?.[0] ?? '?';
      sent.push({ op, input: command.input });
      switch (op) {
        case 'GetDataLakeSettings':
          return { DataLakeSettings: { DataLakeAdmins: [] } };
        case 'ListResources':
          return { ResourceInfoList: [] };
        case 'GetResourceLFTags':
          return {};
        case 'ListPermissions': {
          if (command.input.Resource.DataCellsFilter) {
            return { PrincipalResourcePermissions: [filterGrant] };
          }
          const table = command.input.Resource.Table;
          return {
            PrincipalResourcePermissions: table.TableWildcard
              ? []
              : grants(table.Name)
          };
        }
        case 'ListDataCellsFilter':
          if (options.filtersDenied) {
            throw Object.assign(new Error('not allowed'), {
              name: 'AccessDeniedException'
            });
          }
          if (command.input.Table.Name !== 'openaq_realtime') {
            return { DataCellsFilters: [] };
          }
          return {
            DataCellsFilters: [
              {
                ...FILTER,
                RowFilter: { FilterExpression: "country = 'GB'" },
                ColumnWildcard: { ExcludedColumnNames: [] }
              }
            ]
          };
      }
      throw new Error(`unexpected ${op}`);
    }
  };
  return { clients: { client: async () => client as any }, sent };
}

const table = (name: string) => ({ database: 'open_data', table: name });
const ops = (sent: { op: string }[]) => sent.map(s => s.op).sort();

describe('GovernanceModel and data filters', () => {
  it("reads a table's data filters beside its grants, in one more call", async () => {
    const { clients, sent } = fakeLakeFormation();
    const model = new GovernanceModel(clients);
    await model.load(table('plain'));
    expect(ops(sent)).toEqual([
      'GetDataLakeSettings',
      'GetResourceLFTags',
      'ListDataCellsFilter',
      'ListPermissions',
      'ListPermissions',
      'ListResources'
    ]);
    expect(model.current?.dataFilters).toEqual([]);

    sent.length = 0;
    await model.load(table('openaq_realtime'));
    // Admins and locations are kept; the table's answer already has the filter's grants.
    expect(ops(sent)).toEqual([
      'GetResourceLFTags',
      'ListDataCellsFilter',
      'ListPermissions',
      'ListPermissions'
    ]);
    expect(sent.find(s => s.op === 'ListDataCellsFilter')?.input.Table).toEqual(
      { DatabaseName: 'open_data', Name: 'openaq_realtime' }
    );
    expect(model.current?.dataFilters[0].RowFilter?.FilterExpression).toBe(
      "country = 'GB'"
    );
    expect(model.current?.dataFiltersError).toBeNull();
  });

  it("asks for a filter's grants when the table's answer leaves them out", async () => {
    const { clients, sent } = fakeLakeFormation({
      filterGrantsOnlyByFilter: true
    });
    const model = new GovernanceModel(clients);
    await model.load(table('openaq_realtime'));
    const byFilter = sent.filter(
      s => s.op === 'ListPermissions' && s.input.Resource.DataCellsFilter
    );
    expect(byFilter.map(s => s.input.Resource.DataCellsFilter)).toEqual([
      FILTER
    ]);
    expect(model.current?.grants.map(g => g.Resource)).toEqual([
      { DataCellsFilter: FILTER }
    ]);
  });

  it('keeps the grants when the filters cannot be read', async () => {
    const { clients } = fakeLakeFormation({ filtersDenied: true });
    const model = new GovernanceModel(clients);
    await model.load(table('openaq_realtime'));
    expect(model.error).toBeNull();
    expect(model.current?.grants).toHaveLength(1);
    expect(model.current?.dataFilters).toEqual([]);
    expect(model.current?.dataFiltersError?.code).toBe('AccessDeniedException');
  });
});
