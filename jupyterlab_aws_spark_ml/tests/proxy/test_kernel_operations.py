"""What the kernel, notebooks and jobs call with boto3 is declared for the IAM policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyterlab_aws_spark_ml.proxy.iam_policy import iam_actions
from jupyterlab_aws_spark_ml.proxy.kernel_operations import KERNEL_OPERATIONS

from .kernel_calls import read_calls

PACKAGE = Path(__file__).resolve().parents[2]
ROOT = PACKAGE.parent


def kernel_side_files() -> list[Path]:
    """The magics and the server's status check; notebooks and Spark jobs where checked out."""
    files = [*sorted((PACKAGE / "magics").glob("*.py")), *sorted((PACKAGE / "status").glob("*.py"))]
    notebooks = ROOT / "notebooks"
    files += [*sorted(notebooks.glob("*.py")), *sorted(notebooks.glob("*.ipynb"))]
    files += [
        p
        for p in sorted((ROOT / "spark-jobs").rglob("*.py"))
        if "tests" not in p.parts and p.name != "conftest.py"
    ]
    return files


def test_every_boto3_call_of_the_kernel_and_jobs_is_declared():
    found = read_calls(kernel_side_files())
    assert not found.unreadable, "\n".join(found.unreadable)
    undeclared = {op: sorted(found.calls[op]) for op in found.calls.keys() - KERNEL_OPERATIONS}
    assert not undeclared, (
        f"{undeclared} (operation: where) are called with the user's role but not declared. "
        "Add them to KERNEL_OPERATIONS in proxy/kernel_operations.py, then regenerate the "
        "README's IAM policy with `python -m jupyterlab_aws_spark_ml.proxy.iam_policy`."
    )
    stale = sorted(KERNEL_OPERATIONS - found.calls.keys())
    assert not stale, (
        f"KERNEL_OPERATIONS lists {stale}, which nothing calls any more; remove them from "
        "proxy/kernel_operations.py so the IAM policy asks for no more than is used."
    )


def test_the_iam_policy_covers_the_kernel():
    actions = iam_actions()
    assert "secretsmanager:GetSecretValue" in actions  # never sent by the browser
    assert "s3:ListBucket" in actions  # ListObjectsV2's IAM name (%aws_spark to_pandas)
    assert "s3:DeleteObject" in actions  # DeleteObjects' IAM name


def test_every_way_of_holding_a_client_is_read(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        """
import boto3
from .aws import client

def glue_client():
    return boto3.client("glue", region_name="us-east-1")

class Connection:
    def __init__(self):
        self._sm = boto3.session.Session().client("sagemaker")

    def wait(self):
        self._sm.get_waiter("endpoint_in_service").wait(EndpointName="e")

def run(s3):
    s3.get_paginator("list_objects_v2").paginate(Bucket="b")
    s3.upload_file("f", "b", "k")

s3 = client("s3")
client("emr", "us-east-1").describe_cluster(ClusterId="j-1")
glue_client().get_table(DatabaseName="d", Name="t")
"""
    )
    found = read_calls([module])
    assert found.unreadable == []
    assert sorted(found.calls) == [
        "emr:DescribeCluster",
        "glue:GetTable",
        "s3:ListObjectsV2",
        "s3:PutObject",
        "sagemaker:DescribeEndpoint",
    ]


@pytest.mark.parametrize(
    "code, says",
    [
        ("c = client(name)\nc.list_clusters()", "names its service at run time"),
        ("c = client('emr')\nc.frobnicate()", "neither an operation nor a known helper"),
        ("c = client('emr')\nc.get_paginator(kind)", "get_paginator with a name known at run time"),
    ],
)
def test_what_cannot_be_read_is_reported(tmp_path, code, says):
    module = tmp_path / "m.py"
    module.write_text(code)
    found = read_calls([module])
    assert any(says in problem for problem in found.unreadable), found.unreadable
