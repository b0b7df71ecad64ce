"""One sandbox with the compute lifecycles per test module (lifecycle_seconds=0.3 keeps it fast)."""

from __future__ import annotations

import logging

import pytest

from jupyterlab_aws_spark_ml.sandbox import Sandbox
from jupyterlab_aws_spark_ml.sandbox.components import SandboxParts, wire

LIFECYCLE_SECONDS = 0.3
COMPUTE = ("compute-clock", "emr-clusters", "glue-sessions")  # without an engine


def start_sandbox(components: list | SandboxParts) -> Sandbox:
    """A seeded sandbox on a clean moto. moto keeps its state per process, not per sandbox, so a
    second seeded sandbox in the same pytest run would find the seed's roles already there."""
    from moto.moto_api._internal.models import moto_api_backend

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    moto_api_backend.reset()
    box = Sandbox(components=components, seed=True, lifecycle_seconds=LIFECYCLE_SECONDS)
    return box.start()


@pytest.fixture(scope="module")
def sandbox():
    box = start_sandbox(wire(COMPUTE))
    yield box
    box.stop()


@pytest.fixture(scope="module")
def emr(sandbox):
    return sandbox.client("emr")


@pytest.fixture(scope="module")
def glue(sandbox):
    return sandbox.client("glue")
