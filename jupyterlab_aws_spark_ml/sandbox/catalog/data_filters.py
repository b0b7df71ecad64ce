"""Lake Formation data cells filters (row and column filters), which moto lacks.

Create/Get/List/DeleteDataCellsFilter with AWS's request and response shapes and errors, and
Grant/RevokePermissions on a `DataCellsFilter` resource: moto would store any resource blindly,
so grants on filters are checked here (the filter exists, only SELECT/DESCRIBE/DROP) and stored in
moto's own permission catalog, where ListPermissions finds them.

The filters live on moto's Lake Formation backend object, so moto's reset clears them with the
grants, and a second sandbox sharing moto's state sees them too.
"""

from __future__ import annotations

import re
import threading

from ..aws_errors import entity_not_found, invalid_field, json_error
from ..gateway import handles
from ..messages import AwsRequest, AwsResponse
from .wire import answer, paged_answer

FILTER_KEYS = ("TableCatalogId", "DatabaseName", "TableName", "Name")
# What AWS lets you grant on a data filter (Lake Formation guide, "Granting data filter permissions").
FILTER_PERMISSIONS = {"SELECT", "DESCRIBE", "DROP"}
LIST_PAGE_MAX = 1000  # botocore: ListDataCellsFilter MaxResults 1..1000
NAME_MAX = 255
EXPRESSION_MAX = 2048

# PartiQL tokens of a row filter: literals, quoted identifiers, numbers, dotted names.
_TOKENS = re.compile(
    r"""'(?:[^']|'')*'|"(?P<quoted>(?:[^"]|"")*)"|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?"""
    r"""|(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?P<call>\s*\()?|\S"""
)
_KEYWORDS = {"and", "or", "not", "in", "is", "null", "missing", "like", "escape", "between",
             "true", "false", "date", "time", "timestamp"}  # fmt: skip


class DataCellsFilters:
    def __init__(self, account_id: str) -> None:
        self.account_id = account_id
        self._lock = threading.Lock()

    def _lf(self, region: str):
        from moto.lakeformation.models import lakeformation_backends

        return lakeformation_backends[self.account_id][region]

    def _filters(self, region: str) -> dict[tuple, dict]:
        backend = self._lf(region)
        if not hasattr(backend, "sandbox_data_cells_filters"):
            backend.sandbox_data_cells_filters = {}
        return backend.sandbox_data_cells_filters

    def _columns(self, region: str, db: str, table: str) -> list[str] | None:
        from moto.glue.models import glue_backends

        try:
            found = glue_backends[self.account_id][region].get_table(db, table).as_dict()
        except Exception:
            return None
        storage = found.get("StorageDescriptor") or {}
        return [c["Name"] for c in [*(storage.get("Columns") or []),
                                    *(found.get("PartitionKeys") or [])]]  # fmt: skip

    # --- the four operations -----------------------------------------------------------------

    @handles("lakeformation", "CreateDataCellsFilter")
    def create_data_cells_filter(self, req: AwsRequest) -> AwsResponse:
        data = req.json().get("TableData")
        if not isinstance(data, dict):
            return invalid_field("TableData", "is required")
        problem = _missing(data, FILTER_KEYS)
        if problem:
            return problem
        key = _key(data)
        if data["TableCatalogId"] != self.account_id:
            return _not_found(f"Catalog {data['TableCatalogId']}")
        columns = self._columns(req.region, data["DatabaseName"], data["TableName"])
        if columns is None:
            return _not_found(f"Table {data['DatabaseName']}.{data['TableName']}")
        problem = _check_definition(data, columns)
        if problem:
            return problem
        definition = {k: data[k] for k in FILTER_KEYS}
        definition["RowFilter"] = data["RowFilter"]
        if "ColumnWildcard" in data:
            definition["ColumnWildcard"] = {
                "ExcludedColumnNames": data["ColumnWildcard"].get("ExcludedColumnNames") or []
            }
        else:
            definition["ColumnNames"] = list(data["ColumnNames"])
        with self._lock:
            filters = self._filters(req.region)
            if key in filters:
                return json_error(
                    "AlreadyExistsException",
                    f"A data cells filter named {data['Name']} already exists on table "
                    f"{data['DatabaseName']}.{data['TableName']}.",
                )
            filters[key] = definition
        return answer({})

    @handles("lakeformation", "GetDataCellsFilter")
    def get_data_cells_filter(self, req: AwsRequest) -> AwsResponse:
        params = req.json()
        problem = _missing(params, FILTER_KEYS)
        if problem:
            return problem
        found = self._filters(req.region).get(_key(params))
        if found is None:
            return _filter_not_found(params)
        return answer({"DataCellsFilter": found})

    @handles("lakeformation", "ListDataCellsFilter")
    def list_data_cells_filter(self, req: AwsRequest) -> AwsResponse:
        params = req.json()
        table = params.get("Table")
        if table is not None and not table.get("DatabaseName"):
            return invalid_field("Table.DatabaseName", "is required")
        if table and table.get("Name") and "TableWildcard" in table:
            return invalid_field("Table", "give Name or TableWildcard, not both")
        catalog = (table or {}).get("CatalogId") or self.account_id
        found = [
            f
            for f in self._filters(req.region).values()
            if f["TableCatalogId"] == catalog
            and (not table or f["DatabaseName"] == table["DatabaseName"])
            and (not table or not table.get("Name") or f["TableName"] == table["Name"])
        ]
        found.sort(key=lambda f: (f["DatabaseName"], f["TableName"], f["Name"]))
        return paged_answer("DataCellsFilters", found, params, LIST_PAGE_MAX)

    @handles("lakeformation", "DeleteDataCellsFilter")
    def delete_data_cells_filter(self, req: AwsRequest) -> AwsResponse:
        params = req.json()
        problem = _missing(params, FILTER_KEYS)
        if problem:
            return problem
        with self._lock:
            if self._filters(req.region).pop(_key(params), None) is None:
                return _filter_not_found(params)
        # Grants on a deleted filter would name nothing: they go with it.
        catalog = self._lf(req.region).grants.get(params["TableCatalogId"])
        for grant in list(catalog.permissions) if catalog else []:
            on = grant.resource.get("DataCellsFilter")
            if on and _key(on) == _key(params):
                catalog.permissions.discard(grant)
        return answer({})

    # --- grants on filters ----------------------------------------------------------------------

    @handles("lakeformation", "GrantPermissions")
    def grant_permissions(self, req: AwsRequest) -> AwsResponse | None:
        return self._change_grant(req, grant=True)

    @handles("lakeformation", "RevokePermissions")
    def revoke_permissions(self, req: AwsRequest) -> AwsResponse | None:
        return self._change_grant(req, grant=False)

    def _change_grant(self, req: AwsRequest, grant: bool) -> AwsResponse | None:
        params = req.json()
        spec = (params.get("Resource") or {}).get("DataCellsFilter")
        if spec is None:
            return None  # not a filter: moto's own grant
        spec = {"TableCatalogId": params.get("CatalogId") or self.account_id, **spec}
        problem = _missing(spec, FILTER_KEYS, prefix="Resource.DataCellsFilter.")
        if problem:
            return problem
        principal = params.get("Principal") or {}
        if not principal.get("DataLakePrincipalIdentifier"):
            return invalid_field("Principal.DataLakePrincipalIdentifier", "is required")
        permissions = list(params.get("Permissions") or [])
        with_grant = list(params.get("PermissionsWithGrantOption") or [])
        wrong = sorted(set(permissions + with_grant) - FILTER_PERMISSIONS)
        if wrong:
            return invalid_field(
                "Permissions",
                f"{', '.join(wrong)} cannot be granted on a data cells filter; "
                f"use {', '.join(sorted(FILTER_PERMISSIONS))}",
            )
        if _key(spec) not in self._filters(req.region):
            return _filter_not_found(spec)
        # One spelling of principal and resource, so moto's revoke finds what grant stored.
        who = {"DataLakePrincipalIdentifier": principal["DataLakePrincipalIdentifier"]}
        resource = {"DataCellsFilter": {k: spec[k] for k in FILTER_KEYS}}
        lf = self._lf(req.region)
        change = lf.grant_permissions if grant else lf.revoke_permissions
        change(spec["TableCatalogId"], who, resource, permissions, with_grant)
        return answer({})


def _key(spec: dict) -> tuple:
    return tuple(spec.get(k) for k in FILTER_KEYS)


def _missing(params: dict, keys, prefix: str = "") -> AwsResponse | None:
    for key in keys:
        value = params.get(key)
        if not isinstance(value, str) or not value:
            return invalid_field(prefix + key, "is required")
        if len(value) > NAME_MAX:
            return invalid_field(prefix + key, f"is longer than {NAME_MAX} characters")
    return None


def _not_found(what: str) -> AwsResponse:
    return entity_not_found(f"{what} not found.")


def _filter_not_found(spec: dict) -> AwsResponse:
    return _not_found(
        f"Data cells filter {spec['Name']} on table {spec['DatabaseName']}.{spec['TableName']}"
    )


def _check_definition(data: dict, columns: list[str]) -> AwsResponse | None:
    """AWS wants exactly one row choice and exactly one column choice, naming real columns."""
    rows = data.get("RowFilter")
    if not isinstance(rows, dict) or ("FilterExpression" in rows) == ("AllRowsWildcard" in rows):
        return invalid_field(
            "TableData.RowFilter", "give exactly one of FilterExpression or AllRowsWildcard"
        )
    if "ColumnNames" in data and "ColumnWildcard" in data:
        return invalid_field("TableData", "give ColumnNames or ColumnWildcard, not both")
    if "ColumnNames" not in data and "ColumnWildcard" not in data:
        return invalid_field("TableData", "give ColumnNames, or ColumnWildcard for every column")
    known = {c.lower() for c in columns}
    named = data.get("ColumnNames")
    if named is not None and not named:
        return invalid_field(
            "TableData.ColumnNames", "is empty; use ColumnWildcard for every column"
        )
    named = named or (data["ColumnWildcard"] or {}).get("ExcludedColumnNames") or []
    unknown = [c for c in named if c.lower() not in known]
    if unknown:
        return invalid_field("TableData", f"columns {', '.join(unknown)} are not in the table")
    if "FilterExpression" in rows:
        expression = rows["FilterExpression"]
        if not isinstance(expression, str) or not expression.strip():
            return invalid_field(
                "RowFilter.FilterExpression", "is empty; use AllRowsWildcard for every row"
            )
        if len(expression) > EXPRESSION_MAX:
            return invalid_field(
                "RowFilter.FilterExpression", f"is longer than {EXPRESSION_MAX} characters"
            )
        unknown = _unknown_names(expression, known)
        if unknown:
            return invalid_field(
                "RowFilter.FilterExpression",
                f"refers to {', '.join(unknown)}, which the table does not have",
            )
    return None


def _unknown_names(expression: str, known: set[str]) -> list[str]:
    """Names in a PartiQL predicate that are neither columns, keywords nor function calls.

    A fair subset of AWS's check: a typo in a column name is refused at creation, as on AWS.
    """
    unknown = []
    for token in _TOKENS.finditer(expression):
        name = token.group("quoted") or token.group("name")
        if not name or token.group("call"):
            continue
        plain = token.group("name") is not None
        if plain and name.lower() in _KEYWORDS:
            continue
        if name.lower() not in known and name not in unknown:
            unknown.append(name)
    return unknown
