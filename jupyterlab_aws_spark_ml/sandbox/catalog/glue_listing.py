"""Glue catalog reads the way AWS pages them, which moto does not: GetDatabases and GetTables
in pages of at most 100, SearchTables across databases, and GetCatalogs.

They read moto's in-process Glue backend, so they always agree with what moto stores.
"""

from __future__ import annotations

from ..aws_errors import entity_not_found, invalid_field
from ..gateway import handles
from ..messages import AwsRequest, AwsResponse
from .wire import answer, paged_answer

# AWS's limits (botocore's glue model): pages of 1..100, SearchTables up to 1000.
LIST_PAGE_MAX = 100
SEARCH_PAGE_MAX = 1000
SEARCH_FIELDS = ("DatabaseName", "TableType", "Owner")


class GlueCatalogReads:
    def __init__(self, account_id: str) -> None:
        self.account_id = account_id

    def _backend(self, region: str):
        from moto.glue.models import glue_backends

        return glue_backends[self.account_id][region]

    @handles("glue", "GetDatabases")
    def get_databases(self, req: AwsRequest) -> AwsResponse:
        databases = sorted(self._backend(req.region).get_databases(), key=lambda d: d.name)
        return paged_answer(
            "DatabaseList", databases, req.params, LIST_PAGE_MAX, lambda x: x.as_dict()
        )

    @handles("glue", "GetTables")
    def get_tables(self, req: AwsRequest) -> AwsResponse | None:
        name = req.params.get("DatabaseName")
        if not name:
            return invalid_field("DatabaseName", "is required")
        backend = self._backend(req.region)
        if name not in backend.databases:
            return entity_not_found(f"Database {name} not found.")
        tables = sorted(
            backend.get_tables(name, req.params.get("Expression")), key=lambda t: t.name
        )
        return paged_answer("TableList", tables, req.params, LIST_PAGE_MAX, lambda x: x.as_dict())

    @handles("glue", "SearchTables")
    def search_tables(self, req: AwsRequest) -> AwsResponse:
        """Case-insensitive match of SearchText in table names, descriptions, column and
        partition-key names and comments (AWS's search is full-text; this is a fair subset)."""
        text = (req.params.get("SearchText") or "").strip().lower()
        filters = req.params.get("Filters") or []
        for f in filters:
            if f.get("Key") not in SEARCH_FIELDS or f.get("Comparator", "EQUALS") != "EQUALS":
                return invalid_field(
                    "Filters", f"the sandbox supports Key in {SEARCH_FIELDS} with EQUALS, got {f}"
                )
        found = []
        for database in sorted(self._backend(req.region).databases.values(), key=lambda d: d.name):
            for table in sorted(database.tables.values(), key=lambda t: t.name):
                table_dict = table.as_dict()
                if all(str(table_dict.get(f["Key"])) == f.get("Value") for f in filters) and (
                    not text or text in _searchable_text(table_dict)
                ):
                    found.append(table_dict)
        return paged_answer("TableList", found, req.params, SEARCH_PAGE_MAX)

    @handles("glue", "GetCatalogs")
    def get_catalogs(self, req: AwsRequest) -> AwsResponse:
        """The sandbox has only the account's default catalog, which AWS does not list here
        (GetCatalogs lists the federated and S3 Tables catalogs under it)."""
        return answer({"CatalogList": []})


def _searchable_text(table: dict) -> str:
    storage = table.get("StorageDescriptor") or {}
    parts = [table.get("Name", ""), table.get("Description") or ""]
    for column in [*(storage.get("Columns") or []), *(table.get("PartitionKeys") or [])]:
        parts += [column.get("Name", ""), column.get("Comment") or ""]
    return "\n".join(parts).lower()
