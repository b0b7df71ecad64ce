"""How to read a Glue table with plain Spark, from its definition alone (no Hive metastore):
format, options, schema and path. The notebook cells the Data panel writes follow the same rules
(src/data/sparkRead.ts); this copy lets the seed test prove every seeded table reads."""

from __future__ import annotations

import re


def spark_read_plan(table: dict) -> dict:
    storage = table.get("StorageDescriptor") or {}
    serde = (storage.get("SerdeInfo") or {}).get("SerializationLibrary") or ""
    serde_params = (storage.get("SerdeInfo") or {}).get("Parameters") or {}
    params = table.get("Parameters") or {}
    classification = (params.get("classification") or "").lower()
    path = re.sub(r"^s3n?://", "s3a://", storage["Location"])
    options: dict[str, str] = {}
    if "parquet" in serde.lower() or classification == "parquet":
        return {"format": "parquet", "options": options, "schema": None, "path": path}
    if not table.get("PartitionKeys"):
        options["recursiveFileLookup"] = "true"  # e.g. one folder per day, not key=value
    schema = ", ".join(f"`{c['Name']}` {c['Type']}" for c in storage.get("Columns") or [])
    if "json" in serde.lower() or classification == "json":
        return {"format": "json", "options": options, "schema": schema, "path": path}
    options["sep"] = serde_params.get("separatorChar") or serde_params.get("field.delim") or ","
    if serde_params.get("quoteChar"):
        options["quote"] = serde_params["quoteChar"]
    options["header"] = "true" if params.get("skip.header.line.count") == "1" else "false"
    return {"format": "csv", "options": options, "schema": schema, "path": path}


def read(spark, table: dict):
    plan = spark_read_plan(table)
    reader = spark.read.format(plan["format"]).options(**plan["options"])
    if plan["schema"]:
        reader = reader.schema(plan["schema"])
    return reader.load(plan["path"])
