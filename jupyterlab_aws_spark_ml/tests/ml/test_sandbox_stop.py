"""Stopping the sandbox stops every training process and endpoint server: no orphans."""

from __future__ import annotations

import os

from jupyterlab_aws_spark_ml.sandbox import Sandbox
from jupyterlab_aws_spark_ml.sandbox.components import wire

from .conftest import ML
from .jobs import FAST, script_job, wait_until
from .test_endpoints import deploy
from .test_training import SLEEPING_SCRIPT


def test_stopping_the_sandbox_leaves_no_processes(xgboost_job):
    # A second sandbox shares moto's state with the session one (same process), so no seeding.
    box = Sandbox(
        components=wire(ML), seed=False, lifecycle_seconds=0.2, fresh_account=False
    ).start()
    try:
        sagemaker = box.client("sagemaker")
        sagemaker.create_training_job(**script_job(box, "left-running", SLEEPING_SCRIPT))
        deploy(sagemaker, "left-serving", xgboost_job[1]["ModelArtifacts"]["S3ModelArtifacts"])
        sagemaker.get_waiter("endpoint_in_service").wait(
            EndpointName="left-serving", WaiterConfig=FAST
        )
        wait_until(lambda: box.parts.training.processes.pids())
        groups = box.parts.training.processes.pids() + box.parts.endpoints.processes.pids()
        # The training script's `sleep 300` grandchild must be running too.
        wait_until(lambda: len(_members(groups)) >= len(groups) + 1)
    finally:
        box.stop()
    assert _members(groups) == []
    assert sagemaker is not None


def _members(groups: list[int]) -> list[int]:
    """Live (non-zombie) processes in the given process groups."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[2]) in groups and stat[0] != "Z":
                found.append(int(entry))
    return found
