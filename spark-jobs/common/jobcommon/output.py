"""All-or-nothing Parquet output plus Glue table registration.

Each run writes to its own folder `<output_uri>/run-<run_id>/` (S3 has no atomic rename, so we never
"move" data). Only once Spark has committed every file is the Glue table pointed at that folder;
any failure before that deletes the run folder, so readers of the table never see a partial run.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from dataclasses import dataclass

from . import fs

log = logging.getLogger(__name__)
GLUE_NAME = re.compile(r"^[a-z0-9_]{1,255}$")


@dataclass(frozen=True)
class WrittenRun:
    data_uri: str
    rows: int
    partitions: list[str]
    glue_table: str | None = None


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def write_run(
    df,
    output_uri: str,
    partition_by: str,
    glue_database: str | None = None,
    glue_table: str | None = None,
    description: str = "",
    run_id: str | None = None,
) -> WrittenRun:
    spark = df.sparkSession
    data_uri = f"{output_uri.rstrip('/')}/run-{run_id or new_run_id()}"
    df = df.cache()  # counted, written and listed: compute once
    try:
        rows = df.count()
        df.write.mode("errorifexists").partitionBy(partition_by).parquet(data_uri)
        values = sorted(str(r[0]) for r in df.select(partition_by).distinct().collect())
        table = None
        if glue_database and glue_table:
            register_glue_table(
                glue_database, glue_table, data_uri, df.schema, partition_by, values, description
            )
            table = f"{glue_database}.{glue_table}"
    except BaseException:
        log.warning("Run failed; removing its partial output %s", data_uri)
        fs.delete(spark, data_uri)
        raise
    finally:
        df.unpersist()
    return WrittenRun(data_uri=data_uri, rows=rows, partitions=values, glue_table=table)


def glue_client():
    """boto3 reads AWS_ENDPOINT_URL itself, so the sandbox's Glue is used when it is set."""
    import boto3

    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return boto3.client("glue", region_name=region)


def _s3(uri: str) -> str:
    """Glue and Athena name S3 locations s3://, whatever Hadoop scheme wrote them."""
    return re.sub(r"^s3[an]?://", "s3://", uri.rstrip("/")) + "/"


def register_glue_table(
    database: str, table: str, data_uri: str, schema, partition_by: str, values, description=""
) -> None:
    """Create or update a Parquet table over `data_uri` and replace its partitions."""
    glue = glue_client()
    columns = [
        {"Name": f.name, "Type": f.dataType.simpleString()}
        for f in schema.fields
        if f.name != partition_by
    ]
    partition_type = next(
        f.dataType.simpleString() for f in schema.fields if f.name == partition_by
    )
    storage = {
        "Columns": columns,
        "Location": _s3(data_uri),
        "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "SerdeInfo": {
            "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
        },
    }
    table_input = {
        "Name": table,
        "Description": description,
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": "parquet", "EXTERNAL": "TRUE"},
        "PartitionKeys": [{"Name": partition_by, "Type": partition_type}],
        "StorageDescriptor": storage,
    }
    try:
        glue.get_database(Name=database)
    except glue.exceptions.EntityNotFoundException:
        glue.create_database(DatabaseInput={"Name": database})
    try:
        glue.get_table(DatabaseName=database, Name=table)
        glue.update_table(DatabaseName=database, TableInput=table_input)
        old = glue.get_partitions(DatabaseName=database, TableName=table).get("Partitions", [])
        for start in range(0, len(old), 25):
            glue.batch_delete_partition(
                DatabaseName=database,
                TableName=table,
                PartitionsToDelete=[{"Values": p["Values"]} for p in old[start : start + 25]],
            )
    except glue.exceptions.EntityNotFoundException:
        glue.create_table(DatabaseName=database, TableInput=table_input)
    partitions = [
        {
            "Values": [value],
            "StorageDescriptor": {**storage, "Location": _s3(f"{data_uri}/{partition_by}={value}")},
        }
        for value in values
    ]
    for start in range(0, len(partitions), 100):
        glue.batch_create_partition(
            DatabaseName=database,
            TableName=table,
            PartitionInputList=partitions[start : start + 100],
        )
