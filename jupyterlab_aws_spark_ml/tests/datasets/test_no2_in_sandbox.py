"""End to end in the sandbox: raw S3 -> s3a -> NO2 job via spark-submit -> Parquet -> Glue table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jupyterlab_aws_spark_ml.sandbox.engines.spark import (
    local_spark_conf,
    spark_environment,
    spark_home,
)

REPO = Path(__file__).resolve().parents[3]
SUBMIT = REPO / "spark-jobs" / "no2" / "submit.py"


@pytest.mark.timeout(600)
def test_no2_job_runs_end_to_end_in_the_sandbox(seeded_sandbox):
    conf = local_spark_conf(
        seeded_sandbox.endpoint_url,
        seeded_sandbox.region,
        "no2-e2e",
    )
    conf.pop("spark.master")
    command = [str(Path(spark_home()) / "bin" / "spark-submit"), "--master", "local[2]"]
    for key, value in conf.items():
        command += ["--conf", f"{key}={value}"]
    command += [
        str(SUBMIT), "--city", "aqeval-uk", "--start-date", "2002-11-01", "--end-date",
        "2003-02-28", "--output-uri", "s3a://sandbox-demo/features/no2",
        "--glue-database", "air_quality", "--glue-table", "no2_daily_features",
    ]  # fmt: skip
    env = {**os.environ, **spark_environment(), **seeded_sandbox.environment()}
    env["PYSPARK_PYTHON"] = env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=540)
    assert done.returncode == 0, done.stderr[-3000:]

    glue, s3 = seeded_sandbox.client("glue"), seeded_sandbox.client("s3")
    table = glue.get_table(DatabaseName="air_quality", Name="no2_daily_features")["Table"]
    location = table["StorageDescriptor"]["Location"]
    assert location.startswith("s3://sandbox-demo/features/no2/run-")
    assert [k["Name"] for k in table["PartitionKeys"]] == ["year"]
    columns = {c["Name"]: c["Type"] for c in table["StorageDescriptor"]["Columns"]}
    assert columns["no2_avg"] == "double" and columns["no2_lag_7"] == "double"
    parts = glue.get_partitions(DatabaseName="air_quality", TableName="no2_daily_features")
    assert sorted(p["Values"][0] for p in parts["Partitions"]) == ["2002", "2003"]
    prefix = location.removeprefix("s3://sandbox-demo/")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="sandbox-demo", Prefix=prefix)["Contents"]]
    assert any(k.endswith(".parquet") and "/year=2003/" in k for k in keys)
    assert any(k.endswith("_SUCCESS") for k in keys)
