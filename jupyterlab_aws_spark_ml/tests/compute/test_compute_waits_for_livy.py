"""Clusters and sessions become ready only once the sandbox Livy answers, and fail if it cannot.

The real 'livy' component starts a JVM; a stand-in with the same `ensure_started()` lets these
tests hold it back or make it fail on purpose (the edge cases the real one rarely shows).
"""

from __future__ import annotations

import threading

import pytest

from jupyterlab_aws_spark_ml.sandbox.compute.clock import LifecycleClock
from jupyterlab_aws_spark_ml.sandbox.compute.emr_clusters import EmrClusters
from jupyterlab_aws_spark_ml.sandbox.compute.glue_sessions import GlueSessions
from jupyterlab_aws_spark_ml.tests.sandboxes import running_sandbox

from .conftest import LIFECYCLE_SECONDS
from .polling import along, cluster_state, observe, run_cluster, session_state, watch, watch_cluster


class StandInLivy:
    """Starts when told to (`release`), or fails with `error`."""

    name = "livy"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.error: str | None = None
        self.calls = 0

    def install(self, sandbox) -> None:
        sandbox.extra_environment["AWS_SPARK_ML_LIVY_PORT"] = "8998"

    def stop(self) -> None:
        self.release.set()

    def ensure_started(self) -> None:
        self.calls += 1
        if not self.release.wait(timeout=30):
            raise TimeoutError("Livy did not answer on 127.0.0.1:8998 within 30 s")
        if self.error:
            raise RuntimeError(self.error)


@pytest.fixture(scope="module")
def livy():
    return StandInLivy()


@pytest.fixture(scope="module")
def sandbox(livy):
    clock = LifecycleClock()
    components = [livy, clock, EmrClusters(clock, livy), GlueSessions(clock, livy)]
    with running_sandbox(components, lifecycle_seconds=LIFECYCLE_SECONDS) as box:
        yield box


@pytest.fixture(autouse=True)
def livy_not_started_yet(livy):
    livy.release.clear()
    livy.error = None
    yield
    livy.release.set()


def test_a_cluster_keeps_bootstrapping_until_livy_has_started(emr, livy):
    cluster_id = run_cluster(emr, "waits-for-livy")
    watch_cluster(emr, cluster_id, "BOOTSTRAPPING")

    held = observe(lambda: cluster_state(emr, cluster_id), 4 * LIFECYCLE_SECONDS)
    livy.release.set()
    seen = watch_cluster(emr, cluster_id, "WAITING")

    assert held == ["BOOTSTRAPPING"]
    assert along(seen, ["BOOTSTRAPPING", "WAITING"])
    assert livy.calls >= 1


def test_a_cluster_whose_livy_fails_ends_with_a_bootstrap_failure(emr, livy):
    cluster_id = run_cluster(emr, "livy-fails")
    watch_cluster(emr, cluster_id, "BOOTSTRAPPING")

    livy.error = "java: command not found"
    livy.release.set()
    seen = watch_cluster(emr, cluster_id, "TERMINATED_WITH_ERRORS", "WAITING")

    assert along(seen, ["BOOTSTRAPPING", "TERMINATING", "TERMINATED_WITH_ERRORS"])
    status = emr.describe_cluster(ClusterId=cluster_id)["Cluster"]["Status"]
    assert status["StateChangeReason"] == {
        "Code": "BOOTSTRAP_FAILURE",
        "Message": "java: command not found",
    }
    assert "EndDateTime" in status["Timeline"]
    with pytest.raises(Exception, match="failure state"):
        emr.get_waiter("cluster_running").wait(ClusterId=cluster_id, WaiterConfig={"Delay": 1})


def test_a_glue_session_is_ready_only_once_livy_has_started(glue, livy):
    glue.create_session(
        Id="waits-for-livy",
        Role="arn:aws:iam::123456789012:role/AWSGlueServiceRole-sandbox",
        Command={"Name": "glueetl", "PythonVersion": "3"},
    )

    held = observe(lambda: session_state(glue, "waits-for-livy"), 4 * LIFECYCLE_SECONDS)
    livy.release.set()
    seen = watch(lambda: session_state(glue, "waits-for-livy"), lambda s: s in ("READY", "FAILED"))

    assert held == ["PROVISIONING"]
    assert seen[-1] == "READY"


def test_a_glue_session_whose_livy_fails_fails(glue, livy):
    glue.create_session(
        Id="livy-fails",
        Role="arn:aws:iam::123456789012:role/AWSGlueServiceRole-sandbox",
        Command={"Name": "glueetl", "PythonVersion": "3"},
    )
    livy.error = "port 8998 is taken"
    livy.release.set()

    seen = watch(lambda: session_state(glue, "livy-fails"), lambda s: s in ("READY", "FAILED"))

    assert seen[-1] == "FAILED"
    message = glue.get_session(Id="livy-fails")["Session"]["ErrorMessage"]
    assert "port 8998 is taken" in message
