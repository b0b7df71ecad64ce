"""One seeded sandbox with the datasets and Lake Formation components per test module."""

from __future__ import annotations

import logging

import pytest

from jupyterlab_aws_spark_ml.sandbox import Sandbox
from jupyterlab_aws_spark_ml.sandbox.catalog.component import LakeFormationSandbox
from jupyterlab_aws_spark_ml.sandbox.datasets.component import DatasetSeed


@pytest.fixture(scope="module")
def sandbox():
    from moto.moto_api._internal.models import moto_api_backend

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    moto_api_backend.reset()  # moto keeps state per process, not per sandbox
    seed = DatasetSeed()
    lake_formation = LakeFormationSandbox(seed)
    box = Sandbox(components=[seed, lake_formation], seed=True).start()
    lake_formation.wait_until_ready()
    yield box
    box.stop()


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
