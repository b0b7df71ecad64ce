"""Shared by the NO2 benches: local Spark, import paths, and the shipped data laid out on disk."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
for folder in (REPO, REPO / "spark-jobs" / "common", REPO / "spark-jobs" / "no2"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def local_spark(app: str):
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]").appName(app)
        .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "2g")
        .config("spark.sql.session.timeZone", "UTC").getOrCreate()
    )  # fmt: skip
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def lay_out(root: Path, copies: int = 1, archive: bool = True) -> tuple[Path, int]:
    """Write the shipped NO2 data in the OpenAQ/GSOD layouts; returns (root, hourly records)."""
    from jupyterlab_aws_spark_ml.sandbox.datasets import air_quality as aq

    frame, sites = aq.hourly_frame(copies)
    frame = frame.assign(**{"bg_no2": frame["bg.no2"]})
    objects = [*aq.openaq_legacy_objects(frame, sites), *aq.gsod_objects(frame)]
    if archive:
        objects += list(aq.openaq_archive_objects(frame, sites))
    for key, body in objects:
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    records = int(sum(frame[s.column].notna().sum() for s in sites))
    return root, records
