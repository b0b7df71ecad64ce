"""Lake Formation reads the UI needs, answered as AWS does where moto falls short.

- ListPermissions: a Table filter also returns that table's column grants (TableWithColumns)
  and grants on its data cells filters, a wildcard filter returns the database's "all tables"
  grants; pages by MaxResults.
- GetResourceLFTags: tags inherited down database → table → column, no KeyError for untagged
  resources, and every column of a table (moto only answers for columns named in the request).
"""

from __future__ import annotations

from ..aws_errors import entity_not_found, invalid_field
from ..gateway import handles
from ..messages import AwsRequest, AwsResponse
from .wire import answer, paged_answer

PERMISSIONS_PAGE_MAX = 1000
RESOURCE_TYPES = {
    "CATALOG": ("Catalog",),
    "DATABASE": ("Database",),
    "TABLE": ("Table", "TableWithColumns", "DataCellsFilter"),
    "DATA_LOCATION": ("DataLocation",),
}
NO_CATALOG_ID = ("Catalog", "DataCellsFilter")


class LakeFormationReads:
    def __init__(self, account_id: str) -> None:
        self.account_id = account_id

    def _lf(self, region: str):
        from moto.lakeformation.models import lakeformation_backends

        return lakeformation_backends[self.account_id][region]

    def _glue(self, region: str):
        from moto.glue.models import glue_backends

        return glue_backends[self.account_id][region]

    @handles("lakeformation", "ListPermissions")
    def list_permissions(self, req: AwsRequest) -> AwsResponse:
        params = req.json()
        principal = (params.get("Principal") or {}).get("DataLakePrincipalIdentifier")
        resource = params.get("Resource")
        if principal and not resource:
            return invalid_field("Resource", "is mandatory if Principal is set in the input")
        kinds = RESOURCE_TYPES.get(params.get("ResourceType") or "", None)
        if params.get("ResourceType") and kinds is None:
            return invalid_field("ResourceType", f"must be one of {sorted(RESOURCE_TYPES)}")
        catalog_id = params.get("CatalogId") or self.account_id
        grants = self._lf(req.region).grants.get(catalog_id)
        found = []
        for grant in list(grants.permissions) if grants else []:
            if principal and grant.principal.get("DataLakePrincipalIdentifier") != principal:
                continue
            if kinds and not any(k in grant.resource for k in kinds):
                continue
            if resource and not _matches(resource, grant.resource):
                continue
            found.append(_external(grant, catalog_id))
        found.sort(
            key=lambda g: (str(g["Resource"]), g["Principal"]["DataLakePrincipalIdentifier"])
        )
        return paged_answer("PrincipalResourcePermissions", found, params, PERMISSIONS_PAGE_MAX)

    @handles("lakeformation", "GetResourceLFTags")
    def get_resource_lf_tags(self, req: AwsRequest) -> AwsResponse:
        params = req.json()
        resource = params.get("Resource") or {}
        assigned_only = bool(params.get("ShowAssignedLFTags"))
        catalog_id = params.get("CatalogId") or self.account_id
        lf = self._lf(req.region)
        if "Database" in resource:
            name = resource["Database"].get("Name")
            if name not in self._glue(req.region).databases:
                return entity_not_found(f"Database {name} not found.")
            return answer({"LFTagOnDatabase": lf.lf_database_tags.get((catalog_id, name), [])})
        spec = resource.get("Table") or resource.get("TableWithColumns")
        if not spec:
            return invalid_field("Resource", "name a Database, Table or TableWithColumns")
        db, name = spec.get("DatabaseName"), spec.get("Name")
        try:
            table = self._glue(req.region).get_table(db, name)
        except Exception:
            return entity_not_found(f"Table {db}.{name} not found.")
        on_db = lf.lf_database_tags.get((catalog_id, db), [])
        own = lf.lf_table_tags.get((catalog_id, db, name), [])
        on_table = own if assigned_only else _inherit(on_db, own)
        columns = [c["Name"] for c in _columns(table.as_dict())]
        if "TableWithColumns" in resource and spec.get("ColumnNames"):
            columns = [c for c in columns if c in spec["ColumnNames"]]
        on_columns = []
        for column in columns:
            tags = lf.lf_columns_tags.get((catalog_id, db, name, column), [])
            tags = tags if assigned_only else _inherit(on_table, tags)
            if tags:
                on_columns.append({"Name": column, "LFTags": tags})
        return answer(
            {"LFTagOnDatabase": on_db, "LFTagsOnTable": on_table, "LFTagsOnColumns": on_columns}
        )


def _matches(wanted: dict, granted: dict) -> bool:
    if "Catalog" in wanted:
        return "Catalog" in granted
    if "Database" in wanted:
        return granted.get("Database", {}).get("Name") == wanted["Database"].get("Name")
    if "DataLocation" in wanted:
        arn = wanted["DataLocation"].get("ResourceArn")
        return granted.get("DataLocation", {}).get("ResourceArn") == arn
    if "DataCellsFilter" in wanted:
        keys = ("DatabaseName", "TableName", "Name")
        on = granted.get("DataCellsFilter") or {}
        return bool(on) and all(on.get(k) == wanted["DataCellsFilter"].get(k) for k in keys)
    spec = wanted.get("Table") or wanted.get("TableWithColumns")
    if not spec:
        return False
    cells = granted.get("DataCellsFilter")
    if cells:  # a filter on the named table is a grant on (part of) that table
        return (
            "TableWildcard" not in spec
            and cells.get("DatabaseName") == spec.get("DatabaseName")
            and cells.get("TableName") == spec.get("Name")
        )
    on = granted.get("Table") or granted.get("TableWithColumns")
    if not on or on.get("DatabaseName") != spec.get("DatabaseName"):
        return False
    if "TableWildcard" in spec:
        return "TableWildcard" in on
    return on.get("Name") == spec.get("Name")


def _external(grant, catalog_id: str) -> dict:
    form = grant.to_external_form()
    # Catalog has no catalog id; a data cells filter names its table's (TableCatalogId).
    resource = {
        kind: ({"CatalogId": catalog_id, **spec} if kind not in NO_CATALOG_ID else spec)
        for kind, spec in form["Resource"].items()
    }
    return {
        "Principal": form["Principal"],
        "Resource": resource,
        "Permissions": sorted(form["Permissions"]),
        "PermissionsWithGrantOption": sorted(form["PermissionsWithGrantOption"]),
    }


def _inherit(parent: list[dict], own: list[dict]) -> list[dict]:
    """A tag set on the child replaces the parent's value for that key (LF's inheritance)."""
    keys = {t["TagKey"] for t in own}
    return [t for t in parent if t["TagKey"] not in keys] + list(own)


def _columns(table: dict) -> list[dict]:
    storage = table.get("StorageDescriptor") or {}
    return [*(storage.get("Columns") or []), *(table.get("PartitionKeys") or [])]
