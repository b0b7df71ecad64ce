"""bench/catalog: the Data panel's AWS calls against a sandbox catalog of 50 databases × 200
tables (10,000 tables), as the panel makes them (same operations, same page sizes).

    .venv/bin/python bench/catalog/run.py [--databases 50] [--tables 200] [--repeat 5]

Measures per view: AWS calls and wall time (boto3 → sandbox gateway → moto), median of --repeat.
The browser adds the signing proxy and React rendering on top; the call counts are exact.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time

from jupyterlab_aws_spark_ml.sandbox import Sandbox
from jupyterlab_aws_spark_ml.sandbox.catalog.component import LakeFormationSandbox
from jupyterlab_aws_spark_ml.sandbox.catalog.many import create_many_tables

PAGE = 100  # CatalogTreeModel.PAGE_SIZE
SEARCH_PAGE = 50  # CatalogTreeModel.SEARCH_PAGE_SIZE


class Counter:
    def __init__(self, sandbox) -> None:
        self.glue = sandbox.client("glue")
        self.lf = sandbox.client("lakeformation")
        self.calls = 0

    def __call__(self, client, operation: str, **params):
        self.calls += 1
        return getattr(client, operation)(**params)


def first_render(c: Counter) -> None:
    """Panel opens: GetCatalogs, then the first page of the default catalog's databases."""
    c(c.glue, "get_catalogs")
    c(c.glue, "get_databases", MaxResults=PAGE)


def open_database(c: Counter, name: str) -> None:
    c(c.glue, "get_tables", DatabaseName=name, MaxResults=PAGE)


def search(c: Counter, text: str) -> int:
    return len(c(c.glue, "search_tables", SearchText=text, MaxResults=SEARCH_PAGE)["TableList"])


def table_view(c: Counter, db: str, table: str, first: bool) -> None:
    """Select a table: grants (named + all-tables), LF-tags; admins + locations once a session."""
    c(c.lf, "list_permissions", Resource={"Table": {"DatabaseName": db, "Name": table}})
    c(c.lf, "list_permissions", Resource={"Table": {"DatabaseName": db, "TableWildcard": {}}})
    c(c.lf, "get_resource_lf_tags", Resource={"Table": {"DatabaseName": db, "Name": table}})
    if first:
        c(c.lf, "get_data_lake_settings")
        c(c.lf, "list_resources")


def load_everything(c: Counter) -> int:
    """What an eager browser would do: every database, then every page of every database."""
    tables, token = 0, None
    databases = []
    while True:
        page = c(
            c.glue, "get_databases", MaxResults=PAGE, **({"NextToken": token} if token else {})
        )
        databases += [d["Name"] for d in page["DatabaseList"]]
        token = page.get("NextToken")
        if not token:
            break
    for name in databases:
        token = None
        while True:
            extra = {"NextToken": token} if token else {}
            page = c(c.glue, "get_tables", DatabaseName=name, MaxResults=PAGE, **extra)
            tables += len(page["TableList"])
            token = page.get("NextToken")
            if not token:
                break
    return tables


def measure(sandbox, name: str, action, repeat: int) -> dict:
    times, calls, result = [], 0, None
    for i in range(repeat):
        c = Counter(sandbox)
        started = time.perf_counter()
        result = action(c, i)
        times.append((time.perf_counter() - started) * 1000)
        calls = c.calls
    return {"view": name, "calls": calls, "ms": statistics.median(times), "result": result}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", type=int, default=50)
    parser.add_argument("--tables", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with Sandbox(components=[LakeFormationSandbox(seed=False)], seed=False) as sandbox:
        started = time.perf_counter()
        total = create_many_tables(sandbox, args.databases, args.tables)
        seeded = time.perf_counter() - started
        last_db = f"bench_{args.databases - 1:03d}"
        views = [
            measure(sandbox, "first render (catalog + first 100 databases)",
                    lambda c, i: first_render(c), args.repeat),
            measure(sandbox, "open a database (first 100 tables)",
                    lambda c, i: open_database(c, last_db), args.repeat),
            measure(sandbox, "search a column name across all databases",
                    lambda c, i: search(c, f"measure_{args.databases - 1}_{args.tables - 1}_3"),
                    args.repeat),
            measure(sandbox, "search a common word (first 50 of many)",
                    lambda c, i: search(c, "event_id"), args.repeat),
            measure(sandbox, "select a table (first in session)",
                    lambda c, i: table_view(c, last_db, "table_0007", True), args.repeat),
            measure(sandbox, "select another table", lambda c, i: table_view(c, last_db, "table_0008", False),
                    args.repeat),
            measure(sandbox, "for comparison: load every table up front",
                    lambda c, i: load_everything(c), max(1, args.repeat // 5)),
        ]  # fmt: skip
    print(f"Seeded {total} tables in {args.databases} databases in {seeded:.1f} s (moto backend)")
    print("| view | AWS calls | median ms |")
    print("|---|---|---|")
    for v in views:
        print(f"| {v['view']} | {v['calls']} | {v['ms']:.0f} |")


if __name__ == "__main__":
    main()
