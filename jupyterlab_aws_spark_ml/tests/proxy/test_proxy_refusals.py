"""What the proxy refuses, and that each refusal says what to do."""

from __future__ import annotations

import pytest

from jupyterlab_aws_spark_ml.proxy.allowlist import DEFAULT_ALLOWED_OPERATIONS


async def test_no_jupyter_token_is_refused(proxy_call):
    response = await proxy_call("sts", "GetCallerIdentity", auth=False)

    assert response.code == 403


async def test_a_wrong_jupyter_token_is_refused(proxy_call):
    response = await proxy_call(
        "sts", "GetCallerIdentity", headers={"Authorization": "token not-the-token"}
    )

    assert response.code == 403


async def test_iam_create_user_is_not_forwarded(proxy_call, refusal, aws_spark_ml):
    response = await proxy_call("iam", "CreateUser", {"UserName": "mallory"})

    assert response.code == 403
    body = refusal(response)
    assert body["operation"] == "iam:CreateUser"
    assert body["reason"] == "operation-not-allowed"
    assert "does not forward iam:CreateUser" in body["message"]
    assert "c.AwsSparkML.allowed_operations" in body["message"]
    users = aws_spark_ml["sandbox"].client("iam").list_users()["Users"]
    assert users == []  # and nothing reached the sandbox


async def test_operation_outside_the_default_allowlist_is_refused(proxy_call, refusal):
    assert "emr:PutAutoScalingPolicy" not in DEFAULT_ALLOWED_OPERATIONS
    response = await proxy_call(
        "emr",
        "PutAutoScalingPolicy",
        {
            "ClusterId": "j-1",
            "InstanceGroupId": "ig-1",
            "AutoScalingPolicy": {"Constraints": {"MinCapacity": 1, "MaxCapacity": 2}, "Rules": []},
        },
    )

    assert response.code == 403
    assert refusal(response)["operation"] == "emr:PutAutoScalingPolicy"


async def test_service_with_nothing_allowed_names_the_operation(proxy_call, refusal):
    response = await proxy_call("dynamodb", "ListTables")

    assert response.code == 403
    assert refusal(response)["operation"] == "dynamodb:ListTables"


class TestAdminNarrowedTheAllowlist:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        allowed = sorted(DEFAULT_ALLOWED_OPERATIONS - {"emr:RunJobFlow"})
        jp_server_config["AwsSparkML"]["allowed_operations"] = allowed
        return jp_server_config

    async def test_run_job_flow_is_refused_when_removed(self, proxy_call, refusal):
        response = await proxy_call(
            "emr",
            "RunJobFlow",
            {"Name": "x", "Instances": {"InstanceCount": 1, "MasterInstanceType": "m5.xlarge"}},
        )

        assert response.code == 403
        assert refusal(response)["operation"] == "emr:RunJobFlow"

    async def test_other_operations_still_work(self, proxy_call):
        assert (await proxy_call("emr", "ListClusters")).code == 200


async def test_unknown_service_is_a_400(proxy_fetch, refusal):
    response = await proxy_fetch("GET", "nosuchservice/us-east-1/")
    assert response.code == 400
    body = refusal(response)
    assert body["reason"] == "unknown-service"
    assert "nosuchservice" in body["message"]


@pytest.mark.parametrize("region", ["mars-1", "US-EAST-1", "us-east", "zz-moon-1", "us-east-1x"])
async def test_bad_region_is_a_400(proxy_call, refusal, region):
    response = await proxy_call("sts", "GetCallerIdentity", region=region)

    assert response.code == 400
    body = refusal(response)
    assert body["reason"] == "bad-region"
    assert "us-east-1" in body["message"]


async def test_malformed_json_target_is_a_400(proxy_call, refusal):
    response = await proxy_call(
        "emr", "ListClusters", headers={"X-Amz-Target": "ElasticMapReduce.NoSuchThing"}
    )

    assert response.code == 400
    body = refusal(response)
    assert body["reason"] == "malformed-target"
    assert "ElasticMapReduce.<Operation>" in body["message"]


async def test_query_api_without_action_is_a_400(proxy_call, refusal):
    response = await proxy_call("sts", "GetCallerIdentity", body=b"Version=2011-06-15")

    assert response.code == 400
    assert "Action" in refusal(response)["message"]


async def test_dot_segments_in_the_path_are_a_400(proxy_fetch, refusal):
    response = await proxy_fetch("GET", "s3/us-east-1/bucket/%2e%2e/other")

    assert response.code == 400
    assert refusal(response)["reason"] == "bad-path"


async def test_absolute_url_in_the_path_is_a_400(proxy_fetch, refusal):
    response = await proxy_fetch("GET", "s3/us-east-1/http://169.254.169.254/latest")

    assert response.code == 400
    assert refusal(response)["reason"] == "bad-path"


class TestSmallBodyCap:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        jp_server_config["AwsSparkML"]["max_body_bytes"] = 1024
        return jp_server_config

    async def test_oversized_body_is_a_413(self, proxy_call, refusal):
        response = await proxy_call(
            "s3", "PutObject", {"Bucket": "b", "Key": "big.bin", "Body": b"x" * 2048}
        )

        assert response.code == 413
        body = refusal(response)
        assert body["reason"] == "body-too-large"
        assert "c.AwsSparkML.max_body_bytes" in body["message"]
        assert "2048" in body["message"] and "1024" in body["message"]

    async def test_body_under_the_cap_is_forwarded(self, proxy_call):
        assert (await proxy_call("emr", "ListClusters")).code == 200
