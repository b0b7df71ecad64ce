"""One sandbox (moto + the real engines and compute lifecycles) for all the magics' tests."""

from __future__ import annotations

import pytest
from moto.moto_api._internal.models import moto_api_backend

from jupyterlab_aws_spark_ml.sandbox import Sandbox

from .notebook_kernel import NotebookKernel, wait_for

DEMO_BUCKET = "sandbox-demo"
CSV_KEY = "attach-test/readings.csv"
CSV_ROWS = 123


@pytest.fixture(scope="session")
def sandbox():
    box = Sandbox(lifecycle_seconds=0.5)
    box.start()
    rows = "\n".join(f"{i},Boston,no2,{i * 0.5}" for i in range(CSV_ROWS))
    box.client("s3").put_object(
        Bucket=DEMO_BUCKET, Key=CSV_KEY, Body=f"id,city,parameter,value\n{rows}\n".encode()
    )
    yield box
    moto_api_backend.reset()  # moto's state is per process: leave none behind for other test folders
    box.stop()


def start_kernel(sandbox, load: bool = True) -> NotebookKernel:
    kernel = NotebookKernel(sandbox.environment())
    if load:
        loaded = kernel.run("%load_ext jupyterlab_aws_spark_ml")
        assert loaded.ok, loaded.error_text
    return kernel


def connect_cell(target_line: str) -> str:
    """The cell the UI writes at the top of the notebook."""
    return f"%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect {target_line}"


def provision_cluster(sandbox, name: str = "attach-test") -> str:
    """RunJobFlow as the sidebar does, then wait for WAITING (the compute lifecycle)."""
    emr = sandbox.client("emr")
    cluster_id = emr.run_job_flow(
        Name=name,
        ReleaseLabel="emr-7.2.0",
        Applications=[{"Name": "Spark"}, {"Name": "Livy"}],
        Instances={
            "MasterInstanceType": "m5.xlarge",
            "SlaveInstanceType": "m5.xlarge",
            "InstanceCount": 1,
            "KeepJobFlowAliveWhenNoSteps": True,
        },
        JobFlowRole="EMR_EC2_DefaultRole",
        ServiceRole="EMR_DefaultRole",
    )["JobFlowId"]
    return cluster_id


def cluster_state(sandbox, cluster_id: str) -> str:
    return sandbox.client("emr").describe_cluster(ClusterId=cluster_id)["Cluster"]["Status"][
        "State"
    ]


def wait_for_cluster(sandbox, cluster_id: str, state: str, timeout: float = 120) -> None:
    wait_for(lambda: cluster_state(sandbox, cluster_id) == state, timeout, f"{cluster_id} {state}")


def create_glue_session(sandbox, session_id: str) -> str:
    glue = sandbox.client("glue")
    glue.create_session(
        Id=session_id,
        Role=f"arn:aws:iam::{sandbox.account_id}:role/AWSGlueServiceRole-sandbox",
        Command={"Name": "glueetl", "PythonVersion": "3"},
        GlueVersion="5.0",
        WorkerType="G.1X",
        NumberOfWorkers=2,
        IdleTimeout=30,
    )
    return session_id


def glue_session_state(sandbox, session_id: str) -> str:
    return sandbox.client("glue").get_session(Id=session_id)["Session"]["Status"]
