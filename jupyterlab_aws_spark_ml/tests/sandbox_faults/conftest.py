"""One control-plane sandbox per module; faults cleared after every test."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config

from jupyterlab_aws_spark_ml.sandbox import Sandbox


@pytest.fixture(scope="module")
def box():
    sandbox = Sandbox(components=[], seed=False).start()
    yield sandbox
    sandbox.stop()
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()  # moto's state is per process: leave none to later tests


@pytest.fixture(autouse=True)
def no_faults_left(request):
    yield
    if "box" in request.fixturenames:
        request.getfixturevalue("box").faults.clear()


@pytest.fixture
def client(box):
    """`client('emr', attempts=1)`: boto3 with the sandbox's own credentials and standard
    retries (`attempts` in all, 1 = no retry), so a test sees what an SDK does."""

    def make(service: str, attempts: int = 1):
        env = box.environment()
        session = boto3.Session(
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            aws_session_token=env.get("AWS_SESSION_TOKEN"),
            region_name=box.region,
        )
        config = Config(retries={"mode": "standard", "total_max_attempts": attempts})
        return session.client(service, endpoint_url=box.endpoint_url, config=config)

    return make
