"""Each kind of fault against a real sandbox, seen through boto3 as any SDK would see it."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError


def faults(box, *rules: dict, seed: int | None = None) -> None:
    box.faults.set({"rules": list(rules), **({"seed": seed} if seed is not None else {})})


def error_of(call) -> tuple[str, int]:
    with pytest.raises(ClientError) as caught:
        call()
    error = caught.value.response
    return error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]


def run_cluster(emr, name: str) -> None:
    emr.run_job_flow(
        Name=name,
        ReleaseLabel="emr-7.5.0",
        Instances={
            "MasterInstanceType": "m5.xlarge",
            "InstanceCount": 1,
            "KeepJobFlowAliveWhenNoSteps": True,
        },
        JobFlowRole="EMR_EC2_DefaultRole",
        ServiceRole="EMR_DefaultRole",
    )


def clusters_named(emr, name: str) -> int:
    pages = emr.get_paginator("list_clusters").paginate()
    return sum(1 for p in pages for c in p["Clusters"] if c["Name"] == name)


@pytest.mark.parametrize(
    "service, call, code, status",
    [
        ("emr", lambda c: c.list_clusters(), "ThrottlingException", 400),  # JSON
        ("sagemaker", lambda c: c.list_endpoints(), "ThrottlingException", 400),  # JSON
        ("sts", lambda c: c.get_caller_identity(), "Throttling", 400),  # query
        ("s3", lambda c: c.list_buckets(), "SlowDown", 503),  # REST-XML
        ("emr-serverless", lambda c: c.list_applications(), "ThrottlingException", 400),
    ],
)
def test_throttling_is_each_protocols_own_error(box, client, service, call, code, status):
    faults(box, {"operation": f"{service}:*", "throttle": 1.0})

    assert error_of(lambda: call(client(service))) == (code, status)


def test_boto3_backs_off_and_retries_a_throttled_call(box, client):
    faults(box, {"operation": "emr:ListClusters", "throttle": 0.5}, seed=3)
    emr = client("emr", attempts=10)

    retries = [emr.list_clusters()["ResponseMetadata"]["RetryAttempts"] for _ in range(8)]

    # Every call succeeded in the end, after one retry per throttled answer. A 400 is retried
    # only when botocore recognises it as throttling.
    assert sum(retries) == box.faults.injected["throttle"] > 0


@pytest.mark.parametrize(
    "service, call, code",
    [
        ("glue", lambda c: c.get_databases(), "InternalFailure"),
        ("iam", lambda c: c.list_roles(), "InternalFailure"),
        ("s3", lambda c: c.list_buckets(), "InternalError"),
        ("lakeformation", lambda c: c.list_permissions(), "InternalFailure"),
    ],
)
def test_error_is_a_500_in_the_protocols_format(box, client, service, call, code):
    faults(box, {"operation": f"{service}:*", "error": 1.0})

    assert error_of(lambda: call(client(service))) == (code, 500)


def test_latency_is_added_to_matching_operations_only(box, client):
    faults(box, {"operation": "sts:GetCallerIdentity", "latency_ms": 400})
    sts, emr = client("sts"), client("emr")
    sts.get_caller_identity()  # connection set up outside the measurement
    emr.list_clusters()

    started = time.perf_counter()
    sts.get_caller_identity()
    slow = time.perf_counter() - started
    started = time.perf_counter()
    emr.list_clusters()
    fast = time.perf_counter() - started

    assert slow >= 0.4
    assert fast < 0.4


def test_drop_closes_the_connection_before_anything_is_done(box, client):
    emr = client("emr")
    name = f"dropped-{uuid.uuid4().hex[:8]}"
    faults(box, {"operation": "emr:RunJobFlow", "drop": 1.0})

    with pytest.raises(ConnectionClosedError):
        run_cluster(emr, name)

    box.faults.clear()
    assert clusters_named(emr, name) == 0


def test_drop_after_does_the_work_then_closes_the_connection(box, client):
    emr = client("emr")
    name = f"drop-after-{uuid.uuid4().hex[:8]}"
    faults(box, {"operation": "emr:RunJobFlow", "drop_after": 1.0})

    with pytest.raises(ConnectionClosedError):
        run_cluster(emr, name)

    box.faults.clear()
    assert clusters_named(emr, name) == 1


def test_drop_after_turns_an_sdk_retry_into_a_duplicate(box, client):
    # Why provisioning must be idempotent: the SDK retries a create it never heard back from.
    emr = client("emr", attempts=3)
    name = f"duplicated-{uuid.uuid4().hex[:8]}"
    faults(box, {"operation": "emr:RunJobFlow", "drop_after": 0.5}, seed=1)
    for _ in range(10):  # seed 1 drops the first answer; keep going until one arrives
        try:
            run_cluster(emr, name)
            break
        except ConnectionClosedError:
            continue

    dropped = box.faults.injected["drop_after"]
    box.faults.clear()
    assert dropped >= 1
    assert clusters_named(emr, name) == dropped + 1


def test_the_first_matching_rule_applies(box, client):
    faults(
        box,
        {"operation": "sts:GetCallerIdentity"},  # no faults: exempt from the rule below
        {"operation": "s3:ListObjectsV2", "error": 1.0},
        {"operation": "sagemaker-runtime:*", "error": 1.0},
        {"operation": "*", "throttle": 1.0},
    )
    sts, s3, emr, runtime = client("sts"), client("s3"), client("emr"), client("sagemaker-runtime")

    assert sts.get_caller_identity()["Account"]
    assert error_of(lambda: s3.list_objects_v2(Bucket="any")) == ("InternalError", 500)
    assert error_of(lambda: s3.list_buckets()) == ("SlowDown", 503)
    assert error_of(lambda: emr.list_clusters()) == ("ThrottlingException", 400)
    # SageMaker Runtime signs as 'sagemaker' too: told apart, it gets its own rule.
    invoke = lambda: runtime.invoke_endpoint(EndpointName="none", Body=b"1")  # noqa: E731
    assert error_of(invoke) == ("InternalFailure", 500)


def test_sagemaker_rules_leave_sagemaker_runtime_alone(box, client):
    faults(box, {"operation": "sagemaker:*", "error": 1.0})

    assert error_of(lambda: client("sagemaker").list_endpoints()) == ("InternalFailure", 500)
    answer = client("sagemaker-runtime").invoke_endpoint(EndpointName="none", Body=b"1")
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200  # moto's own answer


def test_unsigned_requests_get_no_faults(box):
    faults(box, {"operation": "*", "drop": 1.0})

    try:  # whatever the gateway answers an unsigned request, it answers
        with urllib.request.urlopen(f"{box.endpoint_url}/moto-api/data.json", timeout=10) as r:
            status = r.status
    except urllib.error.HTTPError as refused:
        status = refused.code
    assert status in (200, 403, 404)
    assert box.faults.injected["drop"] == 0


def test_refused_requests_get_the_refusal_not_a_fault(box):
    # A fault never hides an authentication error: wrong keys get the gateway's 403.
    faults(box, {"operation": "*", "drop": 1.0, "throttle": 0.0})
    stranger = boto3.client(
        "sts",
        endpoint_url=box.endpoint_url,
        region_name=box.region,
        aws_access_key_id="AKIDSTRANGER",
        aws_secret_access_key="not-the-sandbox-secret",
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
    )

    code, status = error_of(stranger.get_caller_identity)

    assert status == 403, code
    assert box.faults.injected["drop"] == 0


def test_a_seed_makes_the_faults_repeatable(box, client):
    emr = client("emr")
    spec = {"operation": "emr:ListClusters", "throttle": 0.3, "error": 0.3}

    def outcomes(seed: int) -> list[str]:
        faults(box, spec, seed=seed)
        seen = []
        for _ in range(30):
            try:
                emr.list_clusters()
                seen.append("ok")
            except ClientError as e:
                seen.append(e.response["Error"]["Code"])
        return seen

    first = outcomes(11)
    assert {"ok", "ThrottlingException", "InternalFailure"} == set(first)
    assert outcomes(11) == first
    assert outcomes(12) != first
