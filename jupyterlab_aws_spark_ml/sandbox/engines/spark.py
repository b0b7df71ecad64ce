"""Local Spark 3.5 (pyspark) that reads and writes the sandbox's S3 through S3A.

Used three ways: by tests and notebooks in-process (`local_spark_session`), by each Livy session's
Spark driver, and by Glue statements (through Livy). All share `s3a_conf` so `s3a://bucket/key`
means the same sandbox bucket everywhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from .maven import cached_jars

# Start-up matters more than peak speed for interactive sandbox work on 2 cores.
FAST_START_JAVA_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m"


def find_java_home() -> str:
    """JAVA_HOME for Spark 3.5: $JAVA_HOME if it is Java 17, else Debian's OpenJDK 17."""
    candidates = [
        os.environ.get("JAVA_HOME", ""),
        "/usr/lib/jvm/java-17-openjdk-amd64",
        "/usr/lib/jvm/java-17-openjdk-arm64",
        "/usr/lib/jvm/openjdk-17",
    ]
    for home in candidates:
        if home and "17" in Path(home).resolve().name and (Path(home) / "bin" / "java").exists():
            return home
    java = shutil.which("java")
    if java:
        return str(Path(java).resolve().parent.parent)
    raise RuntimeError(
        "Spark 3.5 needs Java 17 and none was found. Install it (Debian: "
        "`apt-get install openjdk-17-jre-headless`) or set JAVA_HOME to a Java 17 folder."
    )


def spark_home() -> str:
    """pyspark's own folder: it has bin/spark-submit and jars/, which is all Spark needs."""
    import pyspark

    return str(Path(pyspark.__file__).parent)


# Keys never go into Spark conf: pyspark hands every conf entry to spark-submit as
# `--conf key=value`, and any local user reads a command line with `ps`. S3A takes them from the
# running context's Hadoop configuration (`use_keys`) or from the environment, which only the
# process's owner can read (Livy sessions, kernels and spark-submit jobs inherit it).
S3A_CREDENTIAL_PROVIDERS = ",".join(
    [
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "com.amazonaws.auth.EnvironmentVariableCredentialsProvider",
    ]
)


def s3a_conf(endpoint_url: str, region: str) -> dict[str, str]:
    """Spark conf that points s3a:// at the sandbox S3; the keys come from `use_keys` or the
    environment's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (see S3A_CREDENTIAL_PROVIDERS)."""
    jars = [str(p) for p in cached_jars()]
    return {
        # The jars go on the driver's class path rather than spark.jars: in local mode spark.jars
        # makes every new session copy the 280 MB AWS SDK bundle into its work folder.
        "spark.driver.extraClassPath": os.pathsep.join(jars),
        "spark.hadoop.fs.s3a.impl": "org.apache.hadoop.fs.s3a.S3AFileSystem",
        "spark.hadoop.fs.s3a.endpoint": endpoint_url,
        "spark.hadoop.fs.s3a.endpoint.region": region,
        "spark.hadoop.fs.s3a.path.style.access": "true",
        "spark.hadoop.fs.s3a.connection.ssl.enabled": "false",
        "spark.hadoop.fs.s3a.aws.credentials.provider": S3A_CREDENTIAL_PROVIDERS,
        # Fail fast instead of retrying for minutes when the sandbox is gone.
        "spark.hadoop.fs.s3a.attempts.maximum": "2",
        "spark.hadoop.fs.s3a.retry.limit": "2",
        "spark.hadoop.fs.s3a.connection.establish.timeout": "5000",
        # moto has no multipart-upload quirks worth the extra requests for small files.
        "spark.hadoop.fs.s3a.fast.upload": "true",
    }


def use_keys(spark, credentials: Mapping[str, str]) -> None:
    """Give a running session's S3A these keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
    through its Hadoop configuration: set over py4j, never on a command line."""
    hadoop = spark.sparkContext._jsc.hadoopConfiguration()
    hadoop.set("fs.s3a.access.key", credentials["AWS_ACCESS_KEY_ID"])
    hadoop.set("fs.s3a.secret.key", credentials["AWS_SECRET_ACCESS_KEY"])


def local_spark_conf(
    endpoint_url: str,
    region: str,
    app_name: str = "aws-sandbox",
    ui: bool = False,
) -> dict[str, str]:
    """A small local Spark for 2 shared cores: everything of `s3a_conf` plus modest resources.

    The Spark UI is off unless asked for (only a notebook's own local Spark shows it); when on,
    it cannot kill jobs: it listens on 127.0.0.1 without a login, so other local users see it.
    """
    return {
        "spark.master": "local[2]",
        "spark.app.name": app_name,
        "spark.driver.memory": "768m",
        "spark.ui.enabled": "true" if ui else "false",
        "spark.ui.killEnabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "4",
        "spark.driver.extraJavaOptions": FAST_START_JAVA_OPTIONS,
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        **s3a_conf(endpoint_url, region),
    }


def spark_environment() -> dict[str, str]:
    """Environment a process needs to launch pyspark's JVM with the right Java and Python."""
    import sys

    return {
        "JAVA_HOME": find_java_home(),
        "SPARK_HOME": spark_home(),
        "PYSPARK_PYTHON": sys.executable,
        "PYSPARK_DRIVER_PYTHON": sys.executable,
        "SPARK_LOCAL_IP": "127.0.0.1",
    }


def local_spark_session(
    endpoint_url: str,
    region: str,
    app_name: str = "aws-sandbox",
    ui: bool = False,
    credentials: Mapping[str, str] | None = None,
):
    """A SparkSession in this process that reads `s3a://bucket/key` from the sandbox."""
    from pyspark.sql import SparkSession

    os.environ.update(spark_environment())
    builder = SparkSession.builder
    conf = local_spark_conf(endpoint_url, region, app_name, ui)
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    if credentials is not None:  # else S3A reads this process's environment
        use_keys(spark, credentials)
    return spark
