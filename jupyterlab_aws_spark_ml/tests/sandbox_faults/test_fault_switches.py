"""The standalone sandbox's switches: AWS_SPARK_ML_SANDBOX_FAULTS and --faults."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from jupyterlab_aws_spark_ml.sandbox.__main__ import main

STS_THROTTLED = {"rules": [{"operation": "sts:GetCallerIdentity", "throttle": 1.0}]}


def test_the_environment_variable_switches_faults_on_in_the_standalone_sandbox():
    env = {**os.environ, "AWS_SPARK_ML_SANDBOX_FAULTS": json.dumps(STS_THROTTLED)}
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab_aws_spark_ml.sandbox", "--port", "0", "--no-seed"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        process.stdout.readline()  # AWS_ENDPOINT_URL=…
        exported = dict(
            item.split("=", 1) for item in process.stdout.readline().split()[1:] if "=" in item
        )
        sts = boto3.client(
            "sts",
            endpoint_url=exported["AWS_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id=exported["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=exported["AWS_SECRET_ACCESS_KEY"],
            config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
        )
        with pytest.raises(ClientError) as caught:
            sts.get_caller_identity()
        assert caught.value.response["Error"]["Code"] == "Throttling"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_wrong_faults_option_is_a_usage_error_naming_the_field(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--faults", '{"rules": [{"operation": "sts:*", "drop": 2}]}'])

    assert exited.value.code == 2
    assert "rules[0].drop: must be between 0 and 1" in capsys.readouterr().err
