"""The jar cache: verified downloads, atomic placement, nothing downloaded twice, clear errors.

A local HTTP server stands in for Maven Central (it lays files out the same way), so the edge
cases (a wrong checksum) can be produced; the real jars are checked by the Spark tests.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from jupyterlab_aws_spark_ml.sandbox.engines import maven
from jupyterlab_aws_spark_ml.sandbox.engines.maven import (
    Artifact,
    ChecksumMismatchError,
    MissingJarsError,
    cached_jars,
    fetch,
)

JAR = b"PK\x03\x04 not really a jar, but bytes with a known SHA-1"
ARTIFACT = Artifact("org.example", "tiny-lib", "1.2.3", "test artifact")


class FakeMavenRepository:
    """Serves JAR at the Maven path of ARTIFACT; records every path requested."""

    def __init__(self, published_sha1: str) -> None:
        self.requests: list[str] = []
        files = {
            "/org/example/tiny-lib/1.2.3/tiny-lib-1.2.3.jar": JAR,
            "/org/example/tiny-lib/1.2.3/tiny-lib-1.2.3.jar.sha1": published_sha1.encode(),
        }
        repository = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                repository.requests.append(self.path)
                body = files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_SPARK_ML_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "jars"


@pytest.fixture
def repository():
    # Maven's .sha1 files sometimes carry the file name after the digest.
    fake = FakeMavenRepository(hashlib.sha1(JAR).hexdigest() + "  tiny-lib-1.2.3.jar\n")
    yield fake
    fake.close()


def test_fetch_downloads_verified_jar_then_never_again(cache, repository):
    (path,) = fetch((ARTIFACT,), repository=repository.url, log=lambda _: None)

    assert path == cache / "tiny-lib-1.2.3.jar"
    assert path.read_bytes() == JAR
    assert len(repository.requests) == 2  # the .sha1, then the jar

    fetch((ARTIFACT,), repository=repository.url, log=lambda _: None)
    assert len(repository.requests) == 2, "a second fetch must not download anything"
    assert cached_jars((ARTIFACT,)) == [path]


def test_checksum_mismatch_discards_the_download(cache, repository):
    wrong = FakeMavenRepository("0" * 40)
    try:
        with pytest.raises(ChecksumMismatchError, match="SHA-1"):
            fetch((ARTIFACT,), repository=wrong.url, log=lambda _: None)
    finally:
        wrong.close()
    assert list(cache.iterdir()) == [], "no jar and no partial file may be left behind"
    with pytest.raises(MissingJarsError):
        cached_jars((ARTIFACT,))


def test_a_jar_without_its_checksum_record_counts_as_missing(cache, repository):
    cache.mkdir(parents=True)
    (cache / ARTIFACT.file_name).write_bytes(JAR[:5])  # e.g. copied in by hand, half-written
    with pytest.raises(MissingJarsError):
        cached_jars((ARTIFACT,))
    fetch((ARTIFACT,), repository=repository.url, log=lambda _: None)
    assert (cache / ARTIFACT.file_name).read_bytes() == JAR


def test_missing_cache_error_names_the_fetch_command(cache):
    with pytest.raises(MissingJarsError) as error:
        cached_jars()
    message = str(error.value)
    assert maven.FETCH_COMMAND in message
    assert "org.apache.hadoop:hadoop-aws:3.3.4" in message
    assert "AWS_SPARK_ML_CACHE" in message


def test_s3a_jars_match_the_hadoop_that_pyspark_bundles():
    from jupyterlab_aws_spark_ml.sandbox.engines.spark import spark_home

    bundled = {p.name for p in (Path(spark_home()) / "jars").iterdir()}
    hadoop_aws = next(a for a in maven.S3A_ARTIFACTS if a.name == "hadoop-aws")
    assert f"hadoop-client-api-{hadoop_aws.version}.jar" in bundled
