"""One sandbox with the SageMaker components for every ML test, and one trained XGBoost job
that the endpoint tests deploy (training it once keeps the suite well under 3 minutes)."""

from __future__ import annotations

import time

import pytest

from jupyterlab_aws_spark_ml.sandbox.components import wire
from jupyterlab_aws_spark_ml.tests.sandboxes import running_sandbox

from .jobs import BUCKET, csv_bytes, regression_rows, training_job, wait_for_job

ML = ("training", "endpoints")


@pytest.fixture(scope="session")
def sandbox():
    with running_sandbox(wire(ML), lifecycle_seconds=0.2) as box:
        s3 = box.client("s3")
        train, validation = regression_rows(400, 1), regression_rows(100, 2)
        s3.put_object(Bucket=BUCKET, Key="ml-tests/train/part-0.csv", Body=csv_bytes(train))
        s3.put_object(
            Bucket=BUCKET, Key="ml-tests/validation/part-0.csv", Body=csv_bytes(validation)
        )
        yield box


@pytest.fixture(scope="session")
def sagemaker(sandbox):
    return sandbox.client("sagemaker")


@pytest.fixture(scope="session")
def xgboost_job(sagemaker):
    """A built-in XGBoost job on managed spot; returns (create-time description, final one)."""
    name = f"xgb-{int(time.time())}"
    sagemaker.create_training_job(
        **training_job(
            name,
            {
                "num_round": "30",
                "objective": "reg:squarederror",
                "max_depth": "3",
                "eta": "0.3",
                "eval_metric": "rmse",
            },
            EnableManagedSpotTraining=True,
            StoppingCondition={"MaxRuntimeInSeconds": 600, "MaxWaitTimeInSeconds": 1200},
        )
    )
    first = sagemaker.describe_training_job(TrainingJobName=name)
    return first, wait_for_job(sagemaker, name)
