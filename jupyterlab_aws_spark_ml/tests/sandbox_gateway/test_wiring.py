"""The sandbox's components are made in one place and handed their collaborators."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jupyterlab_aws_spark_ml.sandbox.components import wire


def test_a_component_without_what_it_needs_is_refused_by_name():
    with pytest.raises(ValueError, match="'glue-statements' needs 'livy'"):
        wire(["glue-statements"])
    with pytest.raises(ValueError, match="'lake-formation' needs 'datasets'"):
        wire(["lake-formation"])


def test_compute_without_an_engine_is_allowed():
    parts = wire(["compute-clock", "emr-clusters", "glue-sessions"])
    assert [c.name for c in parts.in_start_order()] == [
        "compute-clock",
        "emr-clusters",
        "glue-sessions",
    ]


def test_spark_helpers_import_without_the_sandbox_server():
    # Livy sessions and kernels import engines.spark; it must not pull in the sandbox (and moto).
    code = (
        "import sys, jupyterlab_aws_spark_ml.sandbox.engines.spark\n"
        "loaded = [m for m in sys.modules if m.endswith(('sandbox.core', 'sandbox.gateway'))]\n"
        "assert not loaded and 'botocore' not in sys.modules, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
