"""What the SageMaker components need from the rest of the sandbox: moto's SageMaker state,
sandbox S3 (data in, models out) and sandbox CloudWatch Logs."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse


def now() -> datetime:
    """moto's clock: naive UTC, so our timestamps compare and serialise like moto's own."""
    from moto.core.utils import utcnow

    return utcnow()


def sagemaker_state(sandbox):
    """moto's SageMaker backend for the sandbox's account and region (jobs, models, endpoints)."""
    from moto.sagemaker.models import sagemaker_backends

    return sagemaker_backends[sandbox.account_id][sandbox.region]


def split_s3_uri(uri: str) -> tuple[str, str]:
    parsed = urlparse(uri)
    if parsed.scheme != "s3" or not parsed.netloc:
        raise ValueError(f"{uri!r} is not an s3://bucket/key URI")
    return parsed.netloc, parsed.path.lstrip("/")


class SandboxS3:
    def __init__(self, sandbox) -> None:
        self._client = sandbox.client("s3")

    def download_prefix(self, uri: str, into: Path) -> list[Path]:
        """Every object under `uri` (a prefix, like SageMaker's S3Prefix), keeping sub-paths."""
        bucket, prefix = split_s3_uri(uri)
        files: list[Path] = []
        for page in self._client.get_paginator("list_objects_v2").paginate(
            Bucket=bucket, Prefix=prefix
        ):
            for obj in page.get("Contents", []):
                key = obj["Key"]
                if key.endswith("/"):
                    continue  # "folder" marker objects
                relative = key[len(prefix) :].lstrip("/") or Path(key).name
                files.append(self.download(f"s3://{bucket}/{key}", into / relative))
        return files

    def download(self, uri: str, to: Path) -> Path:
        bucket, key = split_s3_uri(uri)
        to.parent.mkdir(parents=True, exist_ok=True)
        self._client.download_file(bucket, key, str(to))
        return to

    def read(self, uri: str) -> bytes:
        bucket, key = split_s3_uri(uri)
        return self._client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def upload(self, path: Path, uri: str) -> None:
        bucket, key = split_s3_uri(uri)
        self._client.upload_file(str(path), bucket, key)


class LogStream:
    """One CloudWatch Logs stream in the sandbox, written in small batches from any thread.

    Like the SageMaker agent, tabs become '#011' (how syslog escapes them), which is what
    metric regexes and people reading the console expect to see."""

    def __init__(self, sandbox, group: str, stream: str) -> None:
        self.group, self.stream = group, stream
        self._client = sandbox.client("logs")
        self._pending: list[dict] = []
        self._lock = threading.Lock()
        try:
            self._client.create_log_group(logGroupName=group)
        except self._client.exceptions.ResourceAlreadyExistsException:
            pass
        self._client.create_log_stream(logGroupName=group, logStreamName=stream)

    def write(self, line: str) -> None:
        with self._lock:
            self._pending.append(
                {"timestamp": int(time.time() * 1000), "message": line.replace("\t", "#011")}
            )

    def flush(self) -> None:
        with self._lock:
            events, self._pending = self._pending, []
        for start in range(0, len(events), 1000):
            try:
                self._client.put_log_events(
                    logGroupName=self.group,
                    logStreamName=self.stream,
                    logEvents=events[start : start + 1000],
                )
            except Exception:  # the sandbox is stopping; logs are best effort
                return
