"""Local Spark reads and writes the sandbox's S3 through s3a://."""

from __future__ import annotations

import psutil
from engines_helpers import DEMO_CSV, DEMO_CSV_KEY

from jupyterlab_aws_spark_ml.sandbox.engines.spark import (
    find_java_home,
    local_spark_session,
    s3a_conf,
)


def test_sandbox_s3_reports_object_sizes(sandbox):
    # S3A sizes reads from HEAD's Content-Length; a gateway answering 0 makes every file empty.
    head = sandbox.client("s3").head_object(Bucket="sandbox-demo", Key=DEMO_CSV_KEY)
    assert head["ContentLength"] == len(DEMO_CSV)


def test_s3a_conf_points_at_the_sandbox(sandbox):
    conf = s3a_conf(sandbox.endpoint_url, sandbox.region)
    assert conf["spark.hadoop.fs.s3a.endpoint"] == sandbox.endpoint_url
    assert conf["spark.hadoop.fs.s3a.endpoint.region"] == sandbox.region
    assert conf["spark.hadoop.fs.s3a.path.style.access"] == "true"
    # pyspark puts every conf entry on spark-submit's command line, which `ps` shows to anyone.
    assert not any(sandbox.secret_access_key in value for value in conf.values())
    assert "hadoop-aws-3.3.4.jar" in conf["spark.driver.extraClassPath"]


def test_java_home_is_java_17():
    assert "17" in find_java_home()


def test_local_spark_reads_and_writes_sandbox_s3(sandbox):
    spark = local_spark_session(
        sandbox.endpoint_url, sandbox.region, "engines-test", credentials=sandbox.credentials()
    )
    try:
        stations = spark.read.csv(
            f"s3a://sandbox-demo/{DEMO_CSV_KEY}", header=True, inferSchema=True
        )
        boston = stations.where("city = 'Boston'").agg({"no2": "avg"}).first()[0]
        assert boston == (21.5 + 18.0) / 2

        stations.write.mode("overwrite").parquet("s3a://sandbox-demo/engines-test/stations.parquet")
        written = sandbox.client("s3").list_objects_v2(
            Bucket="sandbox-demo", Prefix="engines-test/stations.parquet/"
        )
        assert any(o["Key"].endswith(".parquet") for o in written.get("Contents", []))
        again = spark.read.parquet("s3a://sandbox-demo/engines-test/stations.parquet")
        assert again.count() == 3

        # Partition folders put '=' and spaces in keys ("city=New York"): S3A (Java SDK v1)
        # must sign them the way the sandbox's SigV4 check canonicalises them.
        partitioned = "s3a://sandbox-demo/engines-test/by-city"
        stations.write.mode("overwrite").partitionBy("city").parquet(partitioned)
        keys = [
            o["Key"]
            for o in sandbox.client("s3").list_objects_v2(
                Bucket="sandbox-demo", Prefix="engines-test/by-city/"
            )["Contents"]
        ]
        assert any("/city=New York/" in key for key in keys), keys
        assert spark.read.parquet(partitioned).where("city = 'New York'").count() == 1
        # Other local users see every command line: the JVM's never holds the secret.
        command_lines = []
        for process in psutil.Process().children(recursive=True):
            try:
                command_lines.append(" ".join(process.cmdline()))
            except psutil.Error:  # a finished helper (zombie) has no command line left
                continue
        assert any("spark-submit" in line or "java" in line for line in command_lines)
        assert not any(sandbox.secret_access_key in line for line in command_lines)
    finally:
        spark.stop()
