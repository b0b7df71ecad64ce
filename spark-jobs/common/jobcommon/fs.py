"""Hadoop FileSystem helpers through Spark's JVM: the same code for file:/, s3a:// and EMRFS s3://."""

from __future__ import annotations


def _path_and_fs(spark, uri: str):
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path, path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def exists(spark, uri: str) -> bool:
    path, fs = _path_and_fs(spark, uri)
    return bool(fs.exists(path))


def child_names(spark, uri: str) -> list[str]:
    """Names of the folders directly under `uri` ([] when it does not exist)."""
    path, fs = _path_and_fs(spark, uri)
    if not fs.exists(path):
        return []
    return sorted(s.getPath().getName() for s in fs.listStatus(path) if s.isDirectory())


def delete(spark, uri: str) -> None:
    path, fs = _path_and_fs(spark, uri)
    if fs.exists(path):
        fs.delete(path, True)
