"""Shared fixtures for the Spark job tests: one small local Spark 3.5 for the whole run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent  # the shipped datasets live in the product package
# Each workload folder holds its package (spark-jobs/no2/no2/...); common/ holds jobcommon.
for folder in [REPO, HERE / "common", *[p for p in HERE.iterdir() if (p / p.name).is_dir()]]:
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("spark-jobs-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def lay_out():
    """lay_out(objects, root): write (key, bytes) pairs under a folder as they sit in a bucket."""

    def write(objects, root: Path) -> Path:
        for key, body in objects:
            path = root / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        return root

    return write
