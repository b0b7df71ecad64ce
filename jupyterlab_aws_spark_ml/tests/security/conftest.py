"""Fixtures of the sandbox attack suite: a sandbox with its Livy, and an inference server as
model_server starts it. What an attacker has: a web page in the user's browser (cross-origin
`text/plain` POSTs, DNS rebinding, so `Host: evil.example`), or a shell as another local user
(any request to 127.0.0.1, but not the user's files or environment)."""

from __future__ import annotations

import base64
import subprocess
import sys

import pytest
from moto.moto_api._internal.models import moto_api_backend

from jupyterlab_aws_spark_ml.sandbox import Sandbox
from jupyterlab_aws_spark_ml.sandbox.engines.livy import LivyEngine
from jupyterlab_aws_spark_ml.tests.security.sandbox_attacks import BUCKET, INFERENCE_SERVER


@pytest.fixture(scope="module")
def livy_engine():
    return LivyEngine(port=0)


@pytest.fixture(scope="module")
def box(livy_engine):
    """A sandbox with its Livy (no Spark started: nothing here gets past Livy's door)."""
    sandbox = Sandbox(components=[livy_engine], seed=False).start()
    sandbox.client("s3").create_bucket(Bucket=BUCKET)
    yield sandbox
    moto_api_backend.reset()
    sandbox.stop()


@pytest.fixture(scope="module")
def livy_port(box, livy_engine) -> int:
    return livy_engine.port


@pytest.fixture(scope="module")
def inference(tmp_path_factory):
    """inference_server.py as model_server starts it: a tiny XGBoost model, a token."""
    import numpy as np
    import xgboost as xgb

    model_dir = tmp_path_factory.mktemp("model")
    x = np.arange(20, dtype=float).reshape(10, 2)
    booster = xgb.train({"nthread": 1}, xgb.DMatrix(x, label=x.sum(axis=1)), num_boost_round=2)
    booster.save_model(str(model_dir / "xgboost-model"))
    token = "test-token-" + base64.b16encode(bytes(range(8))).decode()
    process = subprocess.Popen(
        [sys.executable, str(INFERENCE_SERVER), str(model_dir)],
        env={"SANDBOX_INFERENCE_TOKEN": token, "OMP_NUM_THREADS": "1", "PATH": ""},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    port = None
    for raw in iter(process.stdout.readline, b""):
        if raw.startswith(b"PORT "):
            port = int(raw.split()[1])
            break
    assert port, process.stderr.read().decode()
    yield port, token
    process.kill()
    process.wait(5)
