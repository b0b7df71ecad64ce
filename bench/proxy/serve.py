"""Processes for the proxy benchmark, control plane only (no Spark/Livy/training engines: they
do not touch the proxy's path, and on a 2-core machine they would only add noise).

  python bench/proxy/serve.py server <jupyter server arguments>   # Jupyter server
  python bench/proxy/serve.py sandbox <port>                        # a sandbox on its own
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from jupyterlab_aws_spark_ml.sandbox import Sandbox, core

core.default_components = lambda: []  # control plane only, see the docstring


def sandbox_alone(port: int) -> None:
    box = Sandbox(  # the keys bench/proxy/run.py signs its direct calls with
        port=port,
        components=[],
        seed=False,
        access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    ).start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print(box.endpoint_url, flush=True)
    done.wait()
    box.stop()


if __name__ == "__main__":
    kind, rest = sys.argv[1], sys.argv[2:]
    if kind == "sandbox":
        sandbox_alone(int(rest[0]))
    else:
        from jupyter_server.serverapp import main

        sys.argv = [sys.argv[0], *rest]
        sys.exit(main())
