"""Helpers for the SageMaker sandbox tests: data, job requests, waiting."""

from __future__ import annotations

import io
import tarfile
import time

import numpy as np
from botocore.exceptions import WaiterError

from jupyterlab_aws_spark_ml.sandbox.ml.images import sklearn_image_uri, xgboost_image_uri

BUCKET = "sandbox-demo"
ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole-sandbox"
FAST = {"Delay": 1, "MaxAttempts": 120}


def regression_rows(n: int, seed: int) -> np.ndarray:
    """y = 3·x0 − 2·x1 + 0.5·x2 + noise; label first, like the XGBoost algorithm wants."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 3))
    y = 3 * x[:, 0] - 2 * x[:, 1] + 0.5 * x[:, 2] + rng.normal(0, 0.05, n)
    return np.column_stack([y, x])


def csv_bytes(rows: np.ndarray) -> bytes:
    return "\n".join(",".join(f"{v:.6f}" for v in row) for row in rows).encode() + b"\n"


def channel(name: str, prefix: str, content_type: str = "text/csv") -> dict:
    return {
        "ChannelName": name,
        "ContentType": content_type,
        "DataSource": {
            "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"s3://{BUCKET}/{prefix}"}
        },
    }


def training_job(name: str, hyperparameters: dict, image: str | None = None, **extra) -> dict:
    return {
        "TrainingJobName": name,
        "AlgorithmSpecification": {
            "TrainingImage": image or xgboost_image_uri("us-east-1"),
            "TrainingInputMode": "File",
        },
        "RoleArn": ROLE,
        "HyperParameters": hyperparameters,
        "InputDataConfig": [
            channel("train", "ml-tests/train/"),
            channel("validation", "ml-tests/validation/"),
        ],
        "OutputDataConfig": {"S3OutputPath": f"s3://{BUCKET}/ml-tests/output"},
        "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
        "StoppingCondition": {"MaxRuntimeInSeconds": 600},
        **extra,
    }


def wait_for_job(sagemaker, name: str) -> dict:
    """boto3's own waiter; it raises on Failed, which some tests expect, so read the job then."""
    try:
        sagemaker.get_waiter("training_job_completed_or_stopped").wait(
            TrainingJobName=name, WaiterConfig=FAST
        )
    except WaiterError as e:
        if e.last_response.get("TrainingJobStatus") != "Failed":
            raise
    return sagemaker.describe_training_job(TrainingJobName=name)


def wait_until(predicate, timeout: float = 60.0, what: str = "condition not reached"):
    """`predicate()`'s first truthy value, polled every 0.2 s; AssertionError saying `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


def tar_gz(files: dict[str, str]) -> bytes:
    """A .tar.gz of text files, as SageMaker's sourcedir and model archives are."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def upload_source(sandbox, key: str, files: dict[str, str]) -> str:
    sandbox.client("s3").put_object(Bucket=BUCKET, Key=key, Body=tar_gz(files))
    return f"s3://{BUCKET}/{key}"


def script_job(
    sandbox, name: str, script: str, hyperparameters: dict | None = None, **extra
) -> dict:
    source = upload_source(sandbox, f"ml-tests/code/{name}/sourcedir.tar.gz", {"train.py": script})
    hps = {
        "sagemaker_program": '"train.py"',
        "sagemaker_submit_directory": f'"{source}"',
        **(hyperparameters or {}),
    }
    job = training_job(name, hps, image=sklearn_image_uri("us-east-1"), **extra)
    job["InputDataConfig"] = job["InputDataConfig"][:1]
    return job
