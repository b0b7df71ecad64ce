import type {
  DataCellsFilter,
  DataLakeSettings,
  LFTagPair,
  ColumnLFTag,
  LakeFormationClient,
  PrincipalResourcePermissions,
  Resource,
  ResourceInfo,
  TableResource
} from '@aws-sdk/client-lakeformation';
import { ISignal, Signal } from '@lumino/signaling';
import { describeAwsError, IAwsErrorDescription } from '../aws/errors';
import type { IAwsClients } from '../tokens';

/** What Lake Formation says about one database or table. */
export interface IGovernance {
  /** `db` or `db.table`. */
  name: string;
  grants: PrincipalResourcePermissions[];
  tagsOnDatabase: LFTagPair[];
  tagsOnTable: LFTagPair[];
  tagsOnColumns: ColumnLFTag[];
  /** Definitions of the table's data filters, read only when a grant names one. */
  dataFilters: DataCellsFilter[];
  /** Why the data filters could not be read (the grants still show). */
  dataFiltersError: IAwsErrorDescription | null;
}

export interface IGovernanceTarget {
  catalogId?: string;
  database: string;
  table?: string;
}

/**
 * Loads grants and LF-tags for the selected database or table, plus the
 * account's admins and registered locations once per session. A database
 * costs 2 calls; a table 4, in parallel: its grants, its database's "all
 * tables" grants, its LF-tags and its data filters (ListDataCellsFilter, one
 * page of up to 1,000). Grants on a filter are asked for per filter only when
 * the table's ListPermissions answer did not already include them, so the
 * view is right whichever way Lake Formation lists them.
 */
export class GovernanceModel {
  constructor(private readonly clients: Pick<IAwsClients, 'client'>) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get calls(): number {
    return this._calls;
  }
  get current(): IGovernance | null {
    return this._current;
  }
  get loading(): boolean {
    return this._loading;
  }
  get error(): IAwsErrorDescription | null {
    return this._error;
  }
  get settings(): DataLakeSettings | null {
    return this._settings;
  }
  get locations(): ResourceInfo[] {
    return this._locations;
  }
  get accountError(): IAwsErrorDescription | null {
    return this._accountError;
  }

  /** Admins and registered locations alone (e.g. for the locations list). */
  async loadAccount(): Promise<void> {
    const lf = await this.clients.client('lakeformation');
    await this._loadAccount(lf, await import('../aws/sdk/lakeformation'));
    this._changed.emit();
  }

  async load(target: IGovernanceTarget): Promise<void> {
    const ticket = ++this._ticket;
    const name = target.table
      ? `${target.database}.${target.table}`
      : target.database;
    this._loading = true;
    this._error = null;
    this._current = null;
    this._changed.emit();
    try {
      const lf = await this.clients.client('lakeformation');
      const sdk = await import('../aws/sdk/lakeformation');
      const account = this._loadAccount(lf, sdk);
      const catalog = target.catalogId ? { CatalogId: target.catalogId } : {};
      const resources: Resource[] = target.table
        ? [
            {
              Table: {
                ...catalog,
                DatabaseName: target.database,
                Name: target.table
              }
            },
            {
              Table: {
                ...catalog,
                DatabaseName: target.database,
                TableWildcard: {}
              }
            }
          ]
        : [{ Database: { ...catalog, Name: target.database } }];
      const noFilters: Pick<IGovernance, 'dataFilters' | 'dataFiltersError'> = {
        dataFilters: [],
        dataFiltersError: null
      };
      const [grantLists, tags, filters] = await Promise.all([
        Promise.all(resources.map(r => this._allGrants(lf, sdk, r))),
        this._send(
          lf,
          new sdk.GetResourceLFTagsCommand({ Resource: resources[0] })
        ),
        target.table
          ? this._dataFilters(lf, sdk, resources[0].Table!)
          : Promise.resolve(noFilters)
      ]);
      const grants = grantLists.flat();
      const unlisted = await this._filterGrantsNotListed(
        lf,
        sdk,
        filters.dataFilters,
        grants
      );
      grants.push(...unlisted.grants);
      filters.dataFiltersError ??= unlisted.error;
      await account;
      if (ticket !== this._ticket) {
        return;
      }
      this._current = {
        name,
        grants,
        tagsOnDatabase: tags.LFTagOnDatabase ?? [],
        tagsOnTable: tags.LFTagsOnTable ?? [],
        tagsOnColumns: tags.LFTagsOnColumns ?? [],
        ...filters
      };
    } catch (err) {
      if (ticket !== this._ticket) {
        return;
      }
      this._error = describeAwsError(err);
    }
    this._loading = false;
    this._changed.emit();
  }

  private async _allGrants(
    lf: LakeFormationClient,
    sdk: typeof import('../aws/sdk/lakeformation'),
    resource: Resource
  ): Promise<PrincipalResourcePermissions[]> {
    const all: PrincipalResourcePermissions[] = [];
    let token: string | undefined;
    do {
      const page = await this._send(
        lf,
        new sdk.ListPermissionsCommand({ Resource: resource, NextToken: token })
      );
      all.push(...(page.PrincipalResourcePermissions ?? []));
      token = page.NextToken;
    } while (token);
    return all;
  }

  /**
   * Grants on each of `filters` that `listed` (the table's answer) lacks, and
   * why they could not be read, if so.
   */
  private async _filterGrantsNotListed(
    lf: LakeFormationClient,
    sdk: typeof import('../aws/sdk/lakeformation'),
    filters: readonly DataCellsFilter[],
    listed: readonly PrincipalResourcePermissions[]
  ): Promise<{
    grants: PrincipalResourcePermissions[];
    error: IAwsErrorDescription | null;
  }> {
    const named = new Set(
      listed.map(g => g.Resource?.DataCellsFilter?.Name).filter(Boolean)
    );
    const missing = filters.filter(f => f.Name && !named.has(f.Name));
    try {
      const lists = await Promise.all(
        missing.map(f =>
          this._allGrants(lf, sdk, {
            DataCellsFilter: {
              TableCatalogId: f.TableCatalogId,
              DatabaseName: f.DatabaseName,
              TableName: f.TableName,
              Name: f.Name
            }
          })
        )
      );
      return { grants: lists.flat(), error: null };
    } catch (err) {
      return { grants: [], error: describeAwsError(err) };
    }
  }

  /**
   * The table's data filters. Failing to read them (e.g. a role without
   * lakeformation:ListDataCellsFilter) leaves the grants readable, so it is
   * reported beside them rather than instead of them.
   */
  private async _dataFilters(
    lf: LakeFormationClient,
    sdk: typeof import('../aws/sdk/lakeformation'),
    table: TableResource
  ): Promise<Pick<IGovernance, 'dataFilters' | 'dataFiltersError'>> {
    const dataFilters: DataCellsFilter[] = [];
    try {
      let token: string | undefined;
      do {
        const page = await this._send(
          lf,
          new sdk.ListDataCellsFilterCommand({
            Table: table,
            MaxResults: 1000,
            NextToken: token
          })
        );
        dataFilters.push(...(page.DataCellsFilters ?? []));
        token = page.NextToken;
      } while (token);
    } catch (err) {
      return { dataFilters, dataFiltersError: describeAwsError(err) };
    }
    return { dataFilters, dataFiltersError: null };
  }

  /** Admins and registered locations change rarely: asked once, kept for the session. */
  private async _loadAccount(
    lf: LakeFormationClient,
    sdk: typeof import('../aws/sdk/lakeformation')
  ): Promise<void> {
    if (this._accountLoaded) {
      return;
    }
    this._accountLoaded = true;
    try {
      const [settings, resources] = await Promise.all([
        this._send(lf, new sdk.GetDataLakeSettingsCommand({})),
        this._send(lf, new sdk.ListResourcesCommand({}))
      ]);
      this._settings = settings.DataLakeSettings ?? null;
      this._locations = resources.ResourceInfoList ?? [];
    } catch (err) {
      this._accountLoaded = false; // try again with the next selection
      this._accountError = describeAwsError(err);
    }
  }

  /** Counts the call (the bench reports calls per view), then sends it. */
  private _send(lf: LakeFormationClient, command: any): Promise<any> {
    this._calls++;
    return lf.send(command);
  }

  private _ticket = 0;
  private _calls = 0;
  private _loading = false;
  private _error: IAwsErrorDescription | null = null;
  private _current: IGovernance | null = null;
  private _settings: DataLakeSettings | null = null;
  private _locations: ResourceInfo[] = [];
  private _accountLoaded = false;
  private _accountError: IAwsErrorDescription | null = null;
  private _changed = new Signal<this, void>(this);
}

/** The registered location that governs `s3Location`, if any (longest prefix wins). */
export function registeredLocationFor(
  s3Location: string | undefined,
  locations: readonly ResourceInfo[]
): ResourceInfo | null {
  if (!s3Location) {
    return null;
  }
  const arn = s3Location
    .replace(/^s3[an]?:\/\//, 'arn:aws:s3:::')
    .replace(/\/$/, '');
  let best: ResourceInfo | null = null;
  for (const info of locations) {
    const registered = (info.ResourceArn ?? '').replace(/\/$/, '');
    if (
      registered &&
      (arn === registered || arn.startsWith(registered + '/')) &&
      registered.length > (best?.ResourceArn?.length ?? 0)
    ) {
      best = info;
    }
  }
  return best;
}
