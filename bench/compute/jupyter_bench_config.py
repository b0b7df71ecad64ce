"""JupyterLab for the compute bench: sandbox mode, bulk clusters/sessions, and a call counter.

Read by `jupyter lab --config`; run.py sets BENCH_CLUSTERS, BENCH_SESSIONS, BENCH_CALL_LOG,
BENCH_PORT and BENCH_SETTINGS_DIR.
"""

import json
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bulk  # noqa: E402

from jupyterlab_aws_spark_ml.sandbox import gateway, seed  # noqa: E402

c = get_config()  # noqa: F821
c.ServerApp.port = int(os.environ["BENCH_PORT"])
c.ServerApp.token = ""
c.ServerApp.password = ""
c.ServerApp.open_browser = False
c.ServerApp.allow_root = True
c.ServerApp.disable_check_xsrf = True
c.LabApp.user_settings_dir = os.environ["BENCH_SETTINGS_DIR"]
c.LabApp.workspaces_dir = tempfile.mkdtemp(prefix="bench-compute-ws-")
c.AwsSparkML.mode = "sandbox"
c.AwsSparkML.sandbox_state_dir = tempfile.mkdtemp(prefix="bench-compute-sandbox-")

# Every AWS request that reaches the sandbox (i.e. every call the signing proxy forwards)
# is logged as one JSON line: service, operation, and whether it asked for a later page.
_log_lock = threading.Lock()
_original_parse = gateway.parse_request


def _counting_parse(environ):
    req = _original_parse(environ)
    if req is not None:
        paged = bool(req.params.get("Marker") or req.params.get("NextToken"))
        line = json.dumps(
            {"t": time.time(), "service": req.service, "op": req.operation, "paged": paged}
        )
        with _log_lock, open(os.environ["BENCH_CALL_LOG"], "a") as f:
            f.write(line + "\n")
    return req


gateway.parse_request = _counting_parse

# After the usual seed, add the bench's clusters and sessions straight into moto.
_original_seed = seed.seed_account


def _seed_with_bulk(sandbox):
    _original_seed(sandbox)
    started = time.time()
    bulk.add_clusters(sandbox, int(os.environ["BENCH_CLUSTERS"]))
    bulk.add_sessions(sandbox, int(os.environ["BENCH_SESSIONS"]))
    sandbox.log.info("bench: bulk resources created in %.1f s", time.time() - started)


seed.seed_account = _seed_with_bulk
