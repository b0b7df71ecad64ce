"""One sandbox with the compute lifecycles per test module (lifecycle_seconds=0.3 keeps it fast)."""

from __future__ import annotations

import pytest

from jupyterlab_aws_spark_ml.sandbox.components import wire
from jupyterlab_aws_spark_ml.tests.sandboxes import running_sandbox

LIFECYCLE_SECONDS = 0.3
COMPUTE = ("compute-clock", "emr-clusters", "glue-sessions")  # without an engine


@pytest.fixture(scope="module")
def sandbox():
    with running_sandbox(wire(COMPUTE), lifecycle_seconds=LIFECYCLE_SECONDS) as box:
        yield box


@pytest.fixture(scope="module")
def emr(sandbox):
    return sandbox.client("emr")


@pytest.fixture(scope="module")
def glue(sandbox):
    return sandbox.client("glue")
