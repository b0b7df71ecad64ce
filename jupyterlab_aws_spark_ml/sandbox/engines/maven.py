"""The Java jars the local data plane needs, fetched once from Maven Central into a cache.

Downloads happen only when someone runs the fetch command (`make` does); engines read the cache
and, when a jar is missing, tell the user which command fills it. Each jar is checked against the
`.sha1` that Maven Central publishes next to it, and moved into place only once complete, so an
interrupted download never leaves a half jar that looks usable.
"""

from __future__ import annotations

import hashlib
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path

MAVEN_CENTRAL = "https://repo1.maven.org/maven2"
FETCH_COMMAND = "python -m jupyterlab_aws_spark_ml.sandbox.engines fetch"


@dataclass(frozen=True)
class Artifact:
    group: str
    name: str
    version: str
    why: str

    @property
    def file_name(self) -> str:
        return f"{self.name}-{self.version}.jar"

    def url(self, repository: str) -> str:
        return f"{repository}/{self.group.replace('.', '/')}/{self.name}/{self.version}/{self.file_name}"

    def __str__(self) -> str:
        return f"{self.group}:{self.name}:{self.version}"


# S3A for Spark 3.5: hadoop-aws must equal the Hadoop that pyspark bundles (hadoop-client-api-3.3.4),
# and the AWS SDK bundle is the one that hadoop-aws 3.3.4 was built against.
S3A_ARTIFACTS = (
    Artifact("org.apache.hadoop", "hadoop-aws", "3.3.4", "S3A filesystem (s3a://) for Spark"),
    Artifact("com.amazonaws", "aws-java-sdk-bundle", "1.12.262", "AWS SDK used by hadoop-aws"),
)
ALL_ARTIFACTS = S3A_ARTIFACTS


class MissingJarsError(RuntimeError):
    """Raised at run time when the jar cache was never filled; says how to fill it."""


class ChecksumMismatchError(RuntimeError):
    pass


def cache_root() -> Path:
    """`$AWS_SPARK_ML_CACHE`, else ~/.cache/jupyterlab-aws-spark-ml."""
    override = os.environ.get("AWS_SPARK_ML_CACHE")
    if override:
        return Path(override).expanduser()
    return Path.home() / ".cache" / "jupyterlab-aws-spark-ml"


def jar_dir() -> Path:
    return cache_root() / "jars"


def cached_jars(artifacts: tuple[Artifact, ...] = S3A_ARTIFACTS) -> list[Path]:
    """Paths of the cached jars; raises MissingJarsError naming the fetch command if any is absent."""
    paths = [jar_dir() / a.file_name for a in artifacts]
    missing = [str(a) for a, p in zip(artifacts, paths, strict=True) if not _is_complete(p)]
    if missing:
        raise MissingJarsError(
            f"The sandbox's Spark needs {', '.join(missing)} in {jar_dir()}, which is not there yet. "
            f"Download them once with `{FETCH_COMMAND}` (or `make`); "
            "set AWS_SPARK_ML_CACHE to use another cache folder."
        )
    return paths


def fetch(
    artifacts: tuple[Artifact, ...] = ALL_ARTIFACTS,
    repository: str = MAVEN_CENTRAL,
    log=print,
) -> list[Path]:
    """Download what is not cached yet; returns the jar paths. A second run downloads nothing."""
    target = jar_dir()
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for artifact in artifacts:
        path = target / artifact.file_name
        if _is_complete(path):
            log(f"cached      {artifact}")
        else:
            log(f"downloading {artifact} ({artifact.why})")
            _download_verified(artifact.url(repository), path)
        paths.append(path)
    return paths


def _is_complete(path: Path) -> bool:
    # The .sha1 file is written only after the jar was verified and moved into place.
    return path.is_file() and _sha1_path(path).is_file()


def _sha1_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha1")


def _download_verified(url: str, path: Path) -> None:
    with urllib.request.urlopen(url + ".sha1", timeout=60) as response:
        # Maven's .sha1 holds the hex digest, sometimes followed by the file name.
        expected = response.read().decode("ascii", "replace").split()[0].strip().lower()
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    digest = hashlib.sha1()
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(partial, "wb") as out:
            while chunk := response.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != expected:
            raise ChecksumMismatchError(
                f"{url} has SHA-1 {digest.hexdigest()} but Maven Central publishes {expected}; "
                "the download was discarded. Run the fetch command again; if it repeats, a proxy "
                "is altering the file."
            )
        os.replace(partial, path)
        _sha1_path(path).write_text(expected + "\n")
    finally:
        partial.unlink(missing_ok=True)
