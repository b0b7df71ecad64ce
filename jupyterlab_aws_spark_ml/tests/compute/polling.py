"""Watching sandbox resources change state, the way a UI polling them would."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

GLUE_ROLE = "arn:aws:iam::123456789012:role/AWSGlueServiceRole-sandbox"


def watch(read: Callable[[], Any], until: Callable[[Any], bool], timeout: float = 10.0) -> list:
    """Poll `read()` every 50 ms until `until(value)`; return every distinct value seen, in order."""
    seen: list = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = read()
        if not seen or seen[-1] != value:
            seen.append(value)
        if until(value):
            return seen
        time.sleep(0.05)
    raise AssertionError(f"No final state after {timeout} s; saw {seen}")


def observe(read: Callable[[], Any], seconds: float) -> list:
    """Poll `read()` every 50 ms for `seconds`; return every distinct value seen, in order."""
    seen: list = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = read()
        if not seen or seen[-1] != value:
            seen.append(value)
        time.sleep(0.05)
    return seen


def along(seen: list, path: list) -> bool:
    """Whether `seen` went along `path` in order and ended where it ends. A poll can miss a short
    state when the machine is busy, so `seen` may skip some; it may never go back or stray."""
    distinct = [value for n, value in enumerate(seen) if n == 0 or seen[n - 1] != value]
    remaining = iter(path)
    return bool(seen) and seen[-1] == path[-1] and all(value in remaining for value in distinct)


def cluster_state(emr, cluster_id: str) -> str:
    return emr.describe_cluster(ClusterId=cluster_id)["Cluster"]["Status"]["State"]


def watch_cluster(emr, cluster_id: str, *final: str, timeout: float = 10.0) -> list[str]:
    return watch(lambda: cluster_state(emr, cluster_id), lambda s: s in final, timeout)


def session_state(glue, session_id: str) -> str:
    return glue.get_session(Id=session_id)["Session"]["Status"]


def run_cluster(emr, name: str, **overrides) -> str:
    """RunJobFlow as the Compute panel would: one primary and one core instance group."""
    request = {
        "Name": name,
        "ReleaseLabel": "emr-7.1.0",
        "Applications": [{"Name": "Spark"}, {"Name": "Livy"}],
        "Instances": {
            "InstanceGroups": [
                {
                    "Name": "Primary",
                    "InstanceRole": "MASTER",
                    "InstanceType": "m5.xlarge",
                    "InstanceCount": 1,
                },
                {
                    "Name": "Core",
                    "InstanceRole": "CORE",
                    "InstanceType": "m5.xlarge",
                    "InstanceCount": 2,
                },
            ],
        },
        "JobFlowRole": "EMR_EC2_DefaultRole",
        "ServiceRole": "EMR_DefaultRole",
        **overrides,
    }
    return emr.run_job_flow(**request)["JobFlowId"]


def step(name: str) -> dict:
    return {
        "Name": name,
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["spark-submit", "--version"]},
    }
