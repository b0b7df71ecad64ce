"""One seeded sandbox with the datasets and Lake Formation components per test module."""

from __future__ import annotations

import pytest

from jupyterlab_aws_spark_ml.sandbox.catalog.component import LakeFormationSandbox
from jupyterlab_aws_spark_ml.sandbox.datasets.component import DatasetSeed
from jupyterlab_aws_spark_ml.tests.sandboxes import running_sandbox


@pytest.fixture(scope="module")
def sandbox():
    seed = DatasetSeed()
    lake_formation = LakeFormationSandbox(seed)
    with running_sandbox([seed, lake_formation]) as box:
        lake_formation.wait_until_ready()
        yield box


@pytest.fixture(scope="module")
def glue(sandbox):
    return sandbox.client("glue")


@pytest.fixture(scope="module")
def lf(sandbox):
    return sandbox.client("lakeformation")


def all_tables(glue) -> list[dict]:
    tables = []
    for database in (
        glue.get_paginator("get_databases").paginate().build_full_result()["DatabaseList"]
    ):
        pages = glue.get_paginator("get_tables").paginate(DatabaseName=database["Name"])
        tables += pages.build_full_result()["TableList"]
    return tables
