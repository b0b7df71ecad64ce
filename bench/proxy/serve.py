"""Processes for the proxy benchmark, control plane only (no Spark/Livy/training engines: they
do not touch the proxy's path, and on a 2-core machine they would only add noise).

  python bench/proxy/serve.py server <jupyter server arguments>   # Jupyter server
  python bench/proxy/serve.py sandbox <port>                        # a sandbox on its own

BENCH_LATENCY_MS (default 0): the sandbox waits this long before each answer, as AWS's
20–80 ms answers would; the local sandbox alone answers in ~5 ms, which makes any hop look big.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

from cheroot import wsgi

from jupyterlab_aws_spark_ml.sandbox import Sandbox

LATENCY = float(os.environ.get("BENCH_LATENCY_MS", "0")) / 1000


_prepare = wsgi.Server.prepare


def _slow_prepare(server: wsgi.Server) -> None:
    """The sandbox's server, answering every request `LATENCY` later (in its worker thread)."""
    app = server.wsgi_app

    def slow(environ, start_response):
        time.sleep(LATENCY)
        return app(environ, start_response)

    server.wsgi_app = slow
    _prepare(server)


if LATENCY:
    wsgi.Server.prepare = _slow_prepare  # the sandbox's gateway is the only cheroot server here


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
