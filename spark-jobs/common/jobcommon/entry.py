"""Shared thin entry points: `spark-submit` / EMR step and Glue job scripts call `main`.

A workload module provides `params_from_args(argv) -> params` and `run(spark, params)`.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import asdict, is_dataclass

from .errors import JobInputError


def main(workload, argv: list[str] | None = None, app_name: str = "spark-job") -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    argv = sys.argv[1:] if argv is None else argv
    try:
        params = workload.params_from_args(argv)  # fail on bad input before starting Spark
    except JobInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName(app_name).getOrCreate()
    try:
        result = workload.run(spark, params)
    except JobInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    print(json.dumps(asdict(result) if is_dataclass(result) else result, default=str))
    return 0


def glue_main(workload, required: list[str]) -> int:
    """Glue: use awsglue's argument parsing and job bookmarks when running inside Glue."""
    try:
        from awsglue.context import GlueContext
        from awsglue.job import Job
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
    except ImportError:  # not inside Glue: behave exactly like spark-submit
        return main(workload, app_name="glue-job-local")
    options = getResolvedOptions(sys.argv, ["JOB_NAME", *required])
    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    job.init(options["JOB_NAME"], options)
    # Glue adds its own arguments (--TempDir, --job-bookmark-option, ...): tolerate those.
    params = workload.params_from_args(sys.argv[1:], allow_unknown=True)
    result = workload.run(glue_context.spark_session, params)
    job.commit()
    print(json.dumps(asdict(result) if is_dataclass(result) else result, default=str))
    return 0
