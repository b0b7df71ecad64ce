"""The gateway names each request as the signing proxy does (botocore service and operation),
so a component's handler meets exactly the operations the proxy's allowlist lets through."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from jupyterlab_aws_spark_ml.sandbox.aws_errors import json_error
from jupyterlab_aws_spark_ml.sandbox.messages import AwsResponse


@pytest.fixture
def seen(sandbox):
    """(service, operation, params) of every request a registered hook saw."""
    calls: list[tuple[str, str, dict]] = []

    def remember(req, resp):
        calls.append((req.service, req.operation, dict(req.params)))

    for service, operation in [
        ("emr", "ListClusters"),
        ("iam", "ListRoles"),
        ("lakeformation", "ListPermissions"),
        ("s3", "ListBuckets"),
        ("sagemaker", "ListEndpoints"),
    ]:
        sandbox.registry.after(service, operation, remember)
    return calls


def test_each_protocol_names_its_operation(sandbox, seen):
    sandbox.client("emr").list_clusters(ClusterStates=["WAITING"])  # JSON: X-Amz-Target
    sandbox.client("iam").list_roles()  # query: Action
    sandbox.client("lakeformation").list_permissions()  # REST-JSON: method + path
    sandbox.client("s3").list_buckets()  # REST-XML
    sandbox.client("sagemaker").list_endpoints()

    assert [(service, operation) for service, operation, _ in seen] == [
        ("emr", "ListClusters"),
        ("iam", "ListRoles"),
        ("lakeformation", "ListPermissions"),
        ("s3", "ListBuckets"),
        ("sagemaker", "ListEndpoints"),
    ]
    assert seen[0][2] == {"ClusterStates": ["WAITING"]}
    assert seen[1][2]["Action"] == "ListRoles"


def test_sagemaker_runtime_is_told_apart_and_gets_its_path_labels(sandbox):
    # SageMaker and SageMaker Runtime both sign as 'sagemaker'; the endpoint name is in the path.
    sandbox.registry.handle(
        "sagemaker-runtime",
        "InvokeEndpoint",
        lambda req: AwsResponse(
            200, [("Content-Type", "text/csv")], req.params["EndpointName"].encode()
        ),
    )
    runtime = sandbox.client("sagemaker-runtime")

    answer = runtime.invoke_endpoint(EndpointName="no2-forecast", Body=b"1,2,3")

    assert answer["Body"].read() == b"no2-forecast"


def test_a_handler_answers_with_an_error_every_sdk_reads(sandbox):
    sandbox.registry.handle(
        "glue", "GetDatabases", lambda req: json_error("InvalidInputException", "No, thanks.")
    )
    with pytest.raises(ClientError) as error:
        sandbox.client("glue").get_databases()
    assert error.value.response["Error"] == {
        "Code": "InvalidInputException",
        "Message": "No, thanks.",
    }


def test_a_request_no_operation_matches_is_left_to_moto(sandbox, seen):
    # A path Lake Formation has no operation for: no handler runs, moto answers (404 here).
    import requests
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    url = f"{sandbox.endpoint_url}/NoSuchOperation"
    request = AWSRequest("POST", url, data=b"{}", headers={"Content-Type": "application/json"})
    keys = Credentials(sandbox.access_key_id, sandbox.secret_access_key)
    SigV4Auth(keys, "lakeformation", sandbox.region).add_auth(request)

    answer = requests.post(url, data=b"{}", headers=dict(request.headers), timeout=10)

    assert 400 <= answer.status_code < 500  # moto's answer, not a crash of the gateway
    assert seen == []
