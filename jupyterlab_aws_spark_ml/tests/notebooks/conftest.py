"""One sandbox with every component (moto, Livy + Spark, SageMaker training and endpoints, the
shipped datasets) for the notebook tests, and a runner that executes a notebook headless."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from moto.moto_api._internal.models import moto_api_backend
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from jupyterlab_aws_spark_ml.sandbox import Sandbox

REPO = Path(__file__).resolve().parents[3]
NOTEBOOKS = REPO / "notebooks"
CELL_TIMEOUT_SECONDS = 600


@pytest.fixture(scope="session")
def notebook_sandbox():
    box = Sandbox(lifecycle_seconds=0.5).start()
    try:
        box.parts.datasets.wait_until_ready(timeout=300)
        yield box
    finally:
        moto_api_backend.reset()  # moto's state is per process: leave none for other folders
        box.stop()


@pytest.fixture
def sandbox_kernel_env(notebook_sandbox, monkeypatch):
    """Kernels inherit this process's environment: give them the sandbox's, as the Jupyter
    server does in sandbox mode (AWS_ENDPOINT_URL, region, dummy credentials, Livy port)."""
    for key, value in notebook_sandbox.environment().items():
        monkeypatch.setenv(key, value)
    for key in ("AWS_SPARK_ML_BUCKET", "AWS_SPARK_ML_SAGEMAKER_ROLE", "AWS_SPARK_ML_SCRATCH_S3"):
        monkeypatch.delenv(key, raising=False)
    # No stray lab settings of the developer's: the notebook must resolve everything itself.
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(REPO / "build" / "no-lab-settings"))
    return notebook_sandbox


@dataclass
class Executed:
    notebook: nbformat.NotebookNode
    seconds: float

    def text(self) -> str:
        """Everything the cells printed, in order."""
        return "\n".join(
            output.get("text", "")
            for cell in self.notebook.cells
            if cell.cell_type == "code"
            for output in cell.get("outputs", [])
            if output.get("output_type") == "stream"
        )

    def cells_tagged(self, tag: str) -> list[nbformat.NotebookNode]:
        return [c for c in self.notebook.cells if tag in c.metadata.get("tags", [])]


def load(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def set_connect_target(notebook: nbformat.NotebookNode, target_line: str) -> None:
    """Rewrite the connect cell as the toolbar's Spark picker does."""
    cells = [c for c in notebook.cells if c.metadata.get("aws_spark_ml", {}).get("connect")]
    assert len(cells) == 1, "the notebook needs exactly one connect cell (metadata aws_spark_ml)"
    cells[0].source = f"%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect {target_line}"


def execute(notebook: nbformat.NotebookNode, save_as: Path | None = None) -> Executed:
    """Run every cell in a fresh python3 kernel with cwd notebooks/; fail with the failing
    cell's source and output."""
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    started = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"notebook cell failed:\n{error}", pytrace=False)
    finally:
        if save_as is not None:
            save_as.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, save_as)
    return Executed(notebook, time.monotonic() - started)


def provision_cluster(sandbox, name: str) -> str:
    """RunJobFlow as the sidebar does, then wait until WAITING."""
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
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        state = emr.describe_cluster(ClusterId=cluster_id)["Cluster"]["Status"]["State"]
        if state == "WAITING":
            return cluster_id
        time.sleep(0.5)
    raise TimeoutError(f"{cluster_id} did not reach WAITING in 180 s (last state {state})")
