"""`%aws_spark to_pandas`: a remote Spark DataFrame → pandas in the kernel, with no silent row cap.

sparkmagic's `%%spark -o df` brings back at most 2,500 rows and says nothing about it. Here the
remote Spark writes the whole DataFrame as Parquet to S3 and the kernel reads it back with
boto3 + pyarrow, so the only limit is an explicit `--max-rows`, and it is always printed.
"""

from __future__ import annotations

import io
import json
import os
import re
import uuid
from dataclasses import dataclass

from .aws import client, in_sandbox

SANDBOX_SCRATCH = "s3://sandbox-demo/tmp/"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

REMOTE_WRITE = """
__aws_limit = {max_rows!r}
__aws_total = {name}.count()
__aws_out = {name} if __aws_limit is None else {name}.limit(__aws_limit)
__aws_out.write.mode("overwrite").parquet({path!r})
print(__import__("json").dumps({{"total": __aws_total}}))
del __aws_limit, __aws_total, __aws_out
"""


class PullError(ValueError):
    def _render_traceback_(self) -> list[str]:
        return [str(self)]


@dataclass
class S3Location:
    bucket: str
    key_prefix: str  # ends with '/'

    def uri(self, scheme: str) -> str:
        return f"{scheme}://{self.bucket}/{self.key_prefix}"


def scratch_location(via: str | None, name: str) -> S3Location:
    """Where this pull writes: --via, else $AWS_SPARK_ML_SCRATCH_S3, else the sandbox's bucket."""
    base = (
        via
        or os.environ.get("AWS_SPARK_ML_SCRATCH_S3")
        or (SANDBOX_SCRATCH if in_sandbox() else "")
    )
    if not base:
        raise PullError(
            "to_pandas needs an S3 scratch location the cluster can write and you can read: "
            "pass --via s3://bucket/prefix/ or set AWS_SPARK_ML_SCRATCH_S3 for the kernel."
        )
    match = re.match(r"^s3a?://([^/]+)/?(.*)$", base)
    if not match:
        raise PullError(f"--via must look like s3://bucket/prefix/, not {base!r}.")
    bucket, prefix = match.group(1), match.group(2)
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    return S3Location(bucket, f"{prefix}aws-spark-ml-to-pandas/{name}-{uuid.uuid4().hex[:8]}/")


def check_name(name: str, option: str) -> None:
    if not _IDENTIFIER.match(name):
        raise PullError(f"{option} must be a Python variable name (like df), not {name!r}.")


def pull_remote(connection, name: str, via: str | None, max_rows: int | None, keep: bool):
    """Write `name` on the remote Spark as Parquet under a fresh prefix, read it back into pandas."""
    location = scratch_location(via, name)
    code = REMOTE_WRITE.format(
        name=name, max_rows=max_rows, path=location.uri(connection.scratch_scheme())
    )
    output = connection.run(code)
    counts = json.loads(output.text.strip().splitlines()[-1])
    s3 = client("s3")
    try:
        frame = read_parquet_prefix(s3, location)
    finally:
        if not keep:
            delete_prefix(s3, location)
    return frame, counts["total"], location.uri("s3")


def pull_local(namespace: dict, name: str, max_rows: int | None):
    """Local Spark is in this process: Arrow-backed toPandas, no copy through S3 needed."""
    df = namespace.get(name)
    if df is None or not hasattr(df, "toPandas"):
        raise PullError(f"There is no Spark DataFrame called {name!r} in this notebook.")
    df.sparkSession.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
    total = df.count()
    frame = (df if max_rows is None else df.limit(max_rows)).toPandas()
    return frame, total, None


def read_parquet_prefix(s3, location: S3Location):
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = []
    for key in _keys(s3, location):
        if key.endswith(".parquet"):
            body = s3.get_object(Bucket=location.bucket, Key=key)["Body"].read()
            tables.append(pq.read_table(io.BytesIO(body)))
    if not tables:
        return pd.DataFrame()
    return pa.concat_tables(tables, promote_options="default").to_pandas()


def delete_prefix(s3, location: S3Location) -> None:
    keys = list(_keys(s3, location))
    for start in range(0, len(keys), 1000):
        chunk = [{"Key": k} for k in keys[start : start + 1000]]
        s3.delete_objects(Bucket=location.bucket, Delete={"Objects": chunk, "Quiet": True})


def _keys(s3, location: S3Location):
    pages = s3.get_paginator("list_objects_v2").paginate(
        Bucket=location.bucket, Prefix=location.key_prefix
    )
    for page in pages:
        for item in page.get("Contents", []):
            yield item["Key"]


def summary(var: str, rows: int, total: int, columns: int, via: str | None) -> str:
    where = f" via {via}" if via else ""
    if rows < total:
        return (
            f"`{var}`: showing {rows:,} of {total:,} rows ({columns} columns){where}; "
            "--max-rows to change."
        )
    return f"`{var}`: all {total:,} rows ({columns} columns){where}."
