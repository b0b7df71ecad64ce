"""A large catalog for benchmarks: `databases` × `tables` Glue tables in one go.

Written straight into moto's in-process Glue backend: 10,000 CreateTable calls over HTTP take
minutes on this machine, the backend takes about a second, and the result is the same objects.
"""

from __future__ import annotations

from jupyterlab_aws_spark_ml.sandbox.catalog.prepared import PARQUET

COLUMNS_PER_TABLE = 12


def bench_table_input(db: int, table: int) -> dict:
    columns = [
        {"Name": f"measure_{db}_{table}_{c}", "Type": "double"} for c in range(COLUMNS_PER_TABLE)
    ]
    columns[0] = {"Name": "event_id", "Type": "bigint", "Comment": "row key"}
    return {
        "Name": f"table_{table:04d}",
        "Description": f"Benchmark table {table} of database {db}",
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": "parquet"},
        "PartitionKeys": [{"Name": "dt", "Type": "string"}],
        "StorageDescriptor": {
            "Columns": columns,
            "Location": f"s3://bench-catalog/db_{db:03d}/table_{table:04d}/",
            **PARQUET,
        },
    }


def create_many_tables(sandbox, databases: int = 50, tables: int = 200) -> int:
    """Create databases `bench_000…` each with `tables` tables; returns how many tables."""
    from moto.glue.models import glue_backends

    backend = glue_backends[sandbox.account_id][sandbox.region]
    for db in range(databases):
        name = f"bench_{db:03d}"
        backend.create_database(name, {"Name": name, "Description": f"Benchmark database {db}"})
        for table in range(tables):
            table_input = bench_table_input(db, table)
            backend.create_table(name, table_input["Name"], table_input)
    return databases * tables
