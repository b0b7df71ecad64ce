"""One sandbox with the engines for all engine tests: starting Spark is the slow part."""

from __future__ import annotations

import pytest
from engines_helpers import DEMO_CSV, DEMO_CSV_KEY, PASSWORDS, livy, wait_until

from jupyterlab_aws_spark_ml.sandbox import Sandbox
from jupyterlab_aws_spark_ml.sandbox.engines.glue_statements import GlueStatements
from jupyterlab_aws_spark_ml.sandbox.engines.livy import LivyEngine


@pytest.fixture(scope="package")
def livy_engine():
    # port=0: never take 8998 from a sandbox someone is running on this machine.
    return LivyEngine(port=0)


@pytest.fixture(scope="package")
def glue_statements(livy_engine):
    return GlueStatements(livy_engine)


@pytest.fixture(scope="package")
def sandbox(livy_engine, glue_statements):
    sandbox = Sandbox(components=[livy_engine, glue_statements], seed=True)
    sandbox.start()
    sandbox.client("s3").put_object(Bucket="sandbox-demo", Key=DEMO_CSV_KEY, Body=DEMO_CSV)
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="package")
def livy_url(sandbox, livy_engine) -> str:
    url = livy_engine.ensure_started()
    PASSWORDS[url] = sandbox.secret_access_key
    return url


@pytest.fixture(scope="package")
def livy_session(livy_url) -> int:
    """A pyspark session, idle and ready; deleted at the end."""
    created = livy(livy_url, "POST", "/sessions", {"kind": "pyspark", "name": "engines-tests"})
    wait_until(lambda: livy(livy_url, "GET", f"/sessions/{created['id']}")["state"] == "idle", 90)
    yield created["id"]
    livy(livy_url, "DELETE", f"/sessions/{created['id']}")
