"""Lay out a job's /opt/ml like SageMaker does on the instance: config files, then each input
channel downloaded from sandbox S3 into input/data/<channel> (File mode)."""

from __future__ import annotations

import json
from pathlib import Path

from ..services import SandboxS3, split_s3_uri


class DataDownloadError(Exception):
    """Reported as the job's FailureReason."""


def write_config(opt_ml: Path, job: dict) -> None:
    config = opt_ml / "input" / "config"
    config.mkdir(parents=True, exist_ok=True)
    for sub in ("model", "output/data", "output/intermediate", "input/data", "code"):
        (opt_ml / sub).mkdir(parents=True, exist_ok=True)
    (config / "hyperparameters.json").write_text(json.dumps(job.get("HyperParameters") or {}))
    data_config = {
        c["ChannelName"]: {
            "ContentType": c.get("ContentType"),
            "TrainingInputMode": c.get("InputMode") or "File",
            "S3DistributionType": c["DataSource"]
            .get("S3DataSource", {})
            .get("S3DataDistributionType", "FullyReplicated"),
            "RecordWrapperType": c.get("RecordWrapperType", "None"),
        }
        for c in job.get("InputDataConfig") or []
    }
    (config / "inputdataconfig.json").write_text(json.dumps(data_config))
    resources = job.get("ResourceConfig") or {}
    (config / "resourceconfig.json").write_text(
        json.dumps(
            {
                "current_host": "algo-1",
                "current_instance_type": resources.get("InstanceType", "ml.m5.large"),
                "hosts": ["algo-1"],
                "network_interface_name": "eth0",
            }
        )
    )


def download_channels(s3: SandboxS3, opt_ml: Path, job: dict, region: str) -> list[str]:
    names = []
    for channel in job.get("InputDataConfig") or []:
        name = channel["ChannelName"]
        source = channel["DataSource"].get("S3DataSource")
        if source is None:
            raise DataDownloadError(
                f"ClientError: channel '{name}' uses a data source the sandbox cannot read "
                "(only S3DataSource is supported)"
            )
        into = opt_ml / "input" / "data" / name
        uri, kind = source["S3Uri"], source.get("S3DataType", "S3Prefix")
        try:
            if kind == "ManifestFile":
                files = _download_manifest(s3, uri, into)
            elif kind == "S3Prefix":
                files = s3.download_prefix(uri, into)
            else:
                raise DataDownloadError(
                    f"ClientError: S3DataType {kind} of channel '{name}' is not supported in the "
                    "sandbox; use S3Prefix or ManifestFile"
                )
        except DataDownloadError:
            raise
        except Exception as e:
            raise DataDownloadError(f"ClientError: Data download failed:{e}") from None
        if not files:
            bucket, _ = split_s3_uri(uri)
            raise DataDownloadError(
                f'ClientError: No S3 objects found under S3 URL "{uri}" given in input data '
                f"source. Please ensure that the bucket exists in the selected region ({region}), "
                f'that objects exist under that S3 prefix, and that the role "{job["RoleArn"]}" '
                f'has "s3:ListBucket" permissions on bucket "{bucket}".'
            )
        names.append(name)
    return names


def _download_manifest(s3: SandboxS3, uri: str, into: Path) -> list[Path]:
    """A manifest: [{"prefix": "s3://bucket/prefix/"}, "relative/key", …]."""
    try:
        entries = json.loads(s3.read(uri))
        prefix = entries[0]["prefix"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise DataDownloadError(
            f"ClientError: {uri} is not a manifest file: expected "
            '[{"prefix": "s3://bucket/prefix/"}, "key1", "key2", …]'
        ) from None
    if not prefix.endswith("/"):
        prefix += "/"
    return [s3.download(prefix + key, into / key) for key in entries[1:]]
