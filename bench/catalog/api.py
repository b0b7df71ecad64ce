"""The baseline: the Data panel's views as bare AWS calls, boto3 straight to the sandbox.

Same operations, parameters and page sizes as src/data (CatalogTreeModel, GovernanceModel), so
the browser's time for a view divided by this time is what the proxy and rendering add.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

PAGE = 100  # CatalogTreeModel.PAGE_SIZE
SEARCH_PAGE = 50  # CatalogTreeModel.SEARCH_PAGE_SIZE


def use_sandbox_keys(lab) -> None:
    """boto3 in this process signs with the lab's sandbox keys (its credentials file)."""
    os.environ.pop("AWS_ACCESS_KEY_ID", None)
    os.environ.pop("AWS_SECRET_ACCESS_KEY", None)
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(lab.work / "sandbox" / "credentials")
    os.environ["AWS_PROFILE"] = "sandbox"


class Calls:
    """boto3 clients for the sandbox that count the calls made through them."""

    def __init__(self, endpoint: str) -> None:
        import boto3

        # Keys: the sandbox's profile (use_sandbox_keys).
        kw = dict(endpoint_url=endpoint, region_name="us-east-1")
        self.glue = boto3.client("glue", **kw)
        self.lf = boto3.client("lakeformation", **kw)
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, client, operation: str, **params):
        with self._lock:
            self.count += 1
        return getattr(client, operation)(**params)


def first_render(c: Calls) -> None:
    """Panel opens: GetCatalogs, then the first page of the default catalog's databases."""
    c(c.glue, "get_catalogs")
    c(c.glue, "get_databases", MaxResults=PAGE)


def open_database(c: Calls, name: str) -> str | None:
    return c(c.glue, "get_tables", DatabaseName=name, MaxResults=PAGE).get("NextToken")


def load_more_tables(c: Calls, name: str, token: str) -> None:
    c(c.glue, "get_tables", DatabaseName=name, MaxResults=PAGE, NextToken=token)


def search(c: Calls, text: str) -> int:
    return len(c(c.glue, "search_tables", SearchText=text, MaxResults=SEARCH_PAGE)["TableList"])


def table_view(c: Calls, db: str, table: str, first: bool) -> None:
    """Select a table: grants (named + all-tables), LF-tags, data filters (the bench tables have
    none, so no per-filter grants); admins + locations once a session."""
    named = {"DatabaseName": db, "Name": table}
    c(c.lf, "list_permissions", Resource={"Table": named})
    c(c.lf, "list_permissions", Resource={"Table": {"DatabaseName": db, "TableWildcard": {}}})
    c(c.lf, "get_resource_lf_tags", Resource={"Table": named})
    c(c.lf, "list_data_cells_filter", Table=named, MaxResults=1000)
    if first:
        c(c.lf, "get_data_lake_settings")
        c(c.lf, "list_resources")


def load_everything(c: Calls, databases: list[str]) -> int:
    """What an eager Data section would do once the databases are listed: every page of every
    database, 6 databases at a time (a browser's connections per host)."""

    def all_pages(name: str) -> int:
        tables, token = 0, None
        for _ in range(100):  # bounded: 10,000 tables a database
            extra = {"NextToken": token} if token else {}
            page = c(c.glue, "get_tables", DatabaseName=name, MaxResults=PAGE, **extra)
            tables += len(page["TableList"])
            token = page.get("NextToken")
            if not token:
                break
        return tables

    with ThreadPoolExecutor(6) as pool:
        return sum(pool.map(all_pages, databases))


def database_names(endpoint: str) -> list[str]:
    """Databases in the default catalog (the bench's plus the sandbox's own)."""
    pages = Calls(endpoint).glue.get_paginator("get_databases").paginate()
    return [d["Name"] for d in pages.build_full_result()["DatabaseList"]]


def timed(endpoint: str, action, repeat: int) -> dict:
    """Median and worst wall time of `action(calls)` over `repeat` runs, and its call count."""
    times, count = [], 0
    for _ in range(repeat):
        c = Calls(endpoint)
        started = time.perf_counter()
        action(c)
        times.append((time.perf_counter() - started) * 1000)
        count = c.count
    return {"calls": count, "p50": statistics.median(times), "max": max(times)}


def measure(endpoint: str, views: dict, repeat: int) -> dict:
    """The views the browser measures (names and targets from `views`), each `repeat` times."""
    db, column, table = views["database"], views["column"], views["table"]
    token = open_database(Calls(endpoint), db)
    return {
        "firstRender": timed(endpoint, first_render, repeat),
        "openDatabase": timed(endpoint, lambda c: open_database(c, db), repeat),
        "loadMore": timed(endpoint, lambda c: load_more_tables(c, db, token), repeat),
        "searchColumn": timed(endpoint, lambda c: search(c, column), repeat),
        "searchCommon": timed(endpoint, lambda c: search(c, views["common"]), repeat),
        "selectFirst": timed(endpoint, lambda c: table_view(c, db, table, True), repeat),
        "selectAnother": timed(
            endpoint, lambda c: table_view(c, db, views["other"], False), repeat
        ),
        "loadEverything": timed(
            endpoint, lambda c: load_everything(c, views["databases"]), max(1, repeat // 2)
        ),
    }
