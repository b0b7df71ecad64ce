"""One sandbox with only the datasets component (seeding takes a few seconds)."""

from __future__ import annotations

import pytest

from jupyterlab_aws_spark_ml.sandbox import Sandbox
from jupyterlab_aws_spark_ml.sandbox.datasets.component import DatasetSeed


@pytest.fixture(scope="package")
def seeded_sandbox():
    seed = DatasetSeed()
    sandbox = Sandbox(components=[seed], seed=True)
    sandbox.start()
    seed.wait_until_ready(timeout=180)
    yield sandbox
    sandbox.stop()
