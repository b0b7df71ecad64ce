"""`GET {base_url}aws-spark-ml/status`: what the sidebar header shows."""

from __future__ import annotations

import json

import pytest

from jupyterlab_aws_spark_ml import __version__
from jupyterlab_aws_spark_ml.sandbox import SANDBOX_ACCOUNT_ID


async def test_status_in_sandbox_mode(jp_fetch, aws_spark_ml):
    response = await jp_fetch("aws-spark-ml", "status")

    status = json.loads(response.body)
    assert status["version"] == __version__
    assert status["mode"] == "sandbox"
    assert status["region"] == "us-east-1"
    assert status["sandbox"] == {"endpoint": aws_spark_ml["sandbox"].endpoint_url}
    assert status["identity"]["account"] == SANDBOX_ACCOUNT_ID
    assert status["identity"]["arn"].startswith(f"arn:aws:sts::{SANDBOX_ACCOUNT_ID}:")
    assert status["identity"]["userId"]
    assert status["identityError"] is None


async def test_status_needs_the_jupyter_token(jp_fetch):
    from tornado.httpclient import HTTPClientError

    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("aws-spark-ml", "status", headers={"Authorization": "token wrong"})
    assert refused.value.code == 403


class TestAwsModeWithoutCredentials:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        jp_server_config["AwsSparkML"]["mode"] = "aws"
        jp_server_config["AwsSparkML"]["region"] = "eu-west-1"
        return jp_server_config

    async def test_status_says_how_to_get_an_identity(self, jp_fetch):
        response = await jp_fetch("aws-spark-ml", "status")

        status = json.loads(response.body)
        assert status["mode"] == "aws"
        assert status["region"] == "eu-west-1"
        assert status["sandbox"] is None
        assert status["identity"] is None
        assert "configure a profile" in status["identityError"].lower()
        assert "--AwsSparkML.mode=sandbox" in status["identityError"]
