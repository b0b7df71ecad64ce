"""Sandbox endpoints serve the trained model for real; update, delete and failures like AWS."""

from __future__ import annotations

import io
import json
import tarfile
import time

import numpy as np
import pytest
import xgboost as xgb
from botocore.exceptions import ClientError

from jupyterlab_aws_spark_ml.sandbox.ml.images import xgboost_image_uri

from .jobs import BUCKET, FAST, ROLE, regression_rows, wait_until


def deploy(sagemaker, name: str, model_data: str, variant: dict | None = None) -> None:
    sagemaker.create_model(
        ModelName=name,
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": xgboost_image_uri("us-east-1"), "ModelDataUrl": model_data},
    )
    sagemaker.create_endpoint_config(
        EndpointConfigName=name,
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": name,
                **(variant or {"InstanceType": "ml.m5.large", "InitialInstanceCount": 1}),
            }
        ],
    )
    sagemaker.create_endpoint(EndpointName=name, EndpointConfigName=name)


def offline_predictions(sandbox, model_data: str, features: np.ndarray) -> np.ndarray:
    body = (
        sandbox.client("s3")
        .get_object(Bucket=BUCKET, Key=model_data.split("/", 3)[3])["Body"]
        .read()
    )
    booster = xgb.Booster()
    booster.load_model(
        bytearray(tarfile.open(fileobj=io.BytesIO(body)).extractfile("xgboost-model").read())
    )
    return booster.predict(xgb.DMatrix(features))


@pytest.fixture(scope="module")
def endpoint(sandbox, sagemaker, xgboost_job):
    model_data = xgboost_job[1]["ModelArtifacts"]["S3ModelArtifacts"]
    deploy(sagemaker, "no2-endpoint", model_data)
    status = sagemaker.describe_endpoint(EndpointName="no2-endpoint")["EndpointStatus"]
    sagemaker.get_waiter("endpoint_in_service").wait(EndpointName="no2-endpoint", WaiterConfig=FAST)
    return status, model_data


def test_endpoint_returns_the_models_real_predictions(sandbox, endpoint):
    first_status, model_data = endpoint
    assert first_status == "Creating"
    features = regression_rows(6, 9)[:, 1:]
    runtime = sandbox.client("sagemaker-runtime")
    csv = "\n".join(",".join(str(v) for v in row) for row in features)
    answer = runtime.invoke_endpoint(EndpointName="no2-endpoint", ContentType="text/csv", Body=csv)
    assert answer["ContentType"] == "text/csv"
    assert answer["InvokedProductionVariant"] == "AllTraffic"
    served = np.array([float(v) for v in answer["Body"].read().decode().split()])
    expected = offline_predictions(sandbox, model_data, features)
    np.testing.assert_allclose(served, expected, atol=1e-5)
    as_json = runtime.invoke_endpoint(
        EndpointName="no2-endpoint",
        ContentType="application/json",
        Accept="application/json",
        Body=json.dumps({"instances": features.tolist()}),
    )
    scores = [p["score"] for p in json.loads(as_json["Body"].read())["predictions"]]
    np.testing.assert_allclose(scores, expected, atol=1e-5)


def test_wrong_feature_count_is_a_model_error(sandbox, endpoint):
    with pytest.raises(ClientError) as e:
        sandbox.client("sagemaker-runtime").invoke_endpoint(
            EndpointName="no2-endpoint", ContentType="text/csv", Body="1,2"
        )
    assert e.value.response["Error"]["Code"] == "ModelError"
    assert (
        "Feature size of csv inference data 2 is not consistent"
        in e.value.response["Error"]["Message"]
    )


def test_update_endpoint_to_serverless_swaps_the_server(sandbox, sagemaker, endpoint):
    _, model_data = endpoint
    sagemaker.create_endpoint_config(
        EndpointConfigName="no2-serverless",
        ProductionVariants=[
            {
                "VariantName": "Serverless",
                "ModelName": "no2-endpoint",
                "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 2},
            }
        ],
    )
    old_pids = set(sandbox.parts.endpoints.processes.pids())
    sagemaker.update_endpoint(EndpointName="no2-endpoint", EndpointConfigName="no2-serverless")
    assert sagemaker.describe_endpoint(EndpointName="no2-endpoint")["EndpointStatus"] == "Updating"
    sagemaker.get_waiter("endpoint_in_service").wait(EndpointName="no2-endpoint", WaiterConfig=FAST)
    described = sagemaker.describe_endpoint(EndpointName="no2-endpoint")
    assert described["EndpointConfigName"] == "no2-serverless"
    assert described["ProductionVariants"][0]["CurrentServerlessConfig"]["MemorySizeInMB"] == 2048
    answer = sandbox.client("sagemaker-runtime").invoke_endpoint(
        EndpointName="no2-endpoint", ContentType="text/csv", Body="0.1,0.2,0.3"
    )
    assert answer["InvokedProductionVariant"] == "Serverless"
    assert float(answer["Body"].read()) == pytest.approx(
        offline_predictions(sandbox, model_data, np.array([[0.1, 0.2, 0.3]]))[0], abs=1e-5
    )
    assert not old_pids & set(sandbox.parts.endpoints.processes.pids())


def test_delete_endpoint_stops_its_server(sandbox, sagemaker, endpoint):
    pids = sandbox.parts.endpoints.processes.pids()
    assert pids
    sagemaker.delete_endpoint(EndpointName="no2-endpoint")
    sagemaker.get_waiter("endpoint_deleted").wait(EndpointName="no2-endpoint", WaiterConfig=FAST)
    with pytest.raises(ClientError) as e:
        sagemaker.describe_endpoint(EndpointName="no2-endpoint")
    assert "Could not find endpoint" in e.value.response["Error"]["Message"]
    assert not set(pids) & set(sandbox.parts.endpoints.processes.pids())


def test_missing_model_artifact_fails_the_endpoint(sagemaker):
    deploy(sagemaker, "no-model", f"s3://{BUCKET}/nothing/here/model.tar.gz")
    described = wait_until(
        lambda: (
            (d := sagemaker.describe_endpoint(EndpointName="no-model"))["EndpointStatus"]
            == "Failed"
            and d
        )
    )
    assert described["FailureReason"].startswith(
        f"Failed to download model data(bucket: {BUCKET}, key: nothing/here/model.tar.gz)."
    )
    sagemaker.delete_endpoint(EndpointName="no-model")
    time.sleep(0.5)
