"""Pieces of the benches' `jupyter lab --config` files (lab.py puts this folder on PYTHONPATH).

    import lab_config
    lab_config.configure(get_config())
    lab_config.log_calls()
    lab_config.after_seed(lambda sandbox: ...)

The environment comes from lab.running_lab: BENCH_PORT, BENCH_CALL_LOG, BENCH_SETTINGS_DIR,
BENCH_WORK.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from jupyterlab_aws_spark_ml.proxy.catalog import ServiceCatalog
from jupyterlab_aws_spark_ml.proxy.operations import OperationResolver
from jupyterlab_aws_spark_ml.sandbox import gateway, seed
from jupyterlab_aws_spark_ml.sandbox.operation_names import RequestNamer

# The gateway names a request's operation after parsing it; the bench names it here the same way.
NAMER = RequestNamer(OperationResolver(ServiceCatalog.shared()))


def configure(c) -> None:
    """Sandbox mode on the bench's port, no token, settings and workspace of this run only."""
    work = Path(os.environ["BENCH_WORK"])
    c.ServerApp.ip = "127.0.0.1"
    c.ServerApp.port = int(os.environ["BENCH_PORT"])
    c.ServerApp.port_retries = 0  # the port was picked free; another one would be lost
    c.ServerApp.token = ""
    c.ServerApp.password = ""
    c.ServerApp.open_browser = False
    c.ServerApp.allow_root = True
    c.ServerApp.disable_check_xsrf = True
    c.LabApp.user_settings_dir = os.environ["BENCH_SETTINGS_DIR"]
    c.LabApp.workspaces_dir = str(work / "workspaces")
    c.AwsSparkML.mode = "sandbox"
    c.AwsSparkML.sandbox_state_dir = str(work / "sandbox")


def log_calls() -> None:
    """Every AWS request that reaches the sandbox (i.e. every call the signing proxy forwards)
    is appended to BENCH_CALL_LOG as one JSON line: time, service, operation, later page or not."""
    lock = threading.Lock()
    path = os.environ["BENCH_CALL_LOG"]
    original = gateway.parse_request

    def counting_parse(environ):
        req = original(environ)
        if req is not None:
            paged = bool(req.params.get("Marker") or req.params.get("NextToken"))
            op = NAMER.operation(req) or f"{req.method} {req.path}"
            service = req.service or req.signing_name
            line = json.dumps({"t": time.time(), "service": service, "op": op, "paged": paged})
            with lock, open(path, "a") as f:
                f.write(line + "\n")
        return req

    gateway.parse_request = counting_parse


def after_seed(add) -> None:
    """Runs `add(sandbox)` after the sandbox's usual seed (the bench's bulk resources)."""
    original = seed.seed_account

    def seed_then_add(sandbox):
        original(sandbox)
        started = time.time()
        add(sandbox)
        sandbox.log.info("bench: bulk resources created in %.1f s", time.time() - started)

    seed.seed_account = seed_then_add
