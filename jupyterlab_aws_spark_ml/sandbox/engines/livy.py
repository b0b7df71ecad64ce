"""The sandbox's Livy endpoint: what sandbox EMR clusters and Glue sessions run their Spark on.

It listens on 127.0.0.1:8998 like Livy on an EMR primary node (or a free port when 8998 is
taken); kernels find the port in AWS_SPARK_ML_LIVY_PORT. The server speaks Livy's REST API and
runs real pyspark; see `livy_compatible.py` for why it is not Apache Livy itself.
"""

from __future__ import annotations

import socket
import threading

from .livy_compatible import LivyCompatibleServer
from .spark import find_java_home, local_spark_conf, spark_environment

LIVY_PORT = 8998  # Livy's port on an EMR primary node
LIVY_PORT_VARIABLE = "AWS_SPARK_ML_LIVY_PORT"
# Kernels find the sandbox Livy's password here (HTTP Basic, any user name); the magic sends it.
LIVY_PASSWORD_VARIABLE = "AWS_SPARK_ML_SANDBOX_LIVY_PASSWORD"


class LivyEngine:
    name = "livy"

    def __init__(self, port: int | None = None, spark_ui: bool = False) -> None:
        self._wanted_port = port
        self._spark_ui = spark_ui
        self._sandbox = None
        self.server: LivyCompatibleServer | None = None
        self._lock = threading.Lock()
        self._ready = False

    def install(self, sandbox) -> None:
        self._sandbox = sandbox
        port = self._wanted_port if self._wanted_port is not None else _free_or_any(LIVY_PORT)
        # Bound now (cheap, no Spark yet) so the port handed to kernels stays ours.
        self.server = LivyCompatibleServer(
            state_dir=sandbox.state_dir / "livy",
            spark_conf={},
            environment={},
            port=port,
            before_session=self._prepare_spark,
            # Other local users must not run code as this one: the sandbox's secret is the password.
            password=sandbox.secret_access_key,
        )
        # Served at once (cheap, no Spark yet), so a client never hangs on a bound, silent port;
        # the port handed to kernels stays ours.
        self.server.start()
        sandbox.extra_environment[LIVY_PORT_VARIABLE] = str(self.server.port)
        sandbox.extra_environment[LIVY_PASSWORD_VARIABLE] = sandbox.secret_access_key

    @property
    def port(self) -> int:
        return self._installed().port

    @property
    def url(self) -> str:
        return self._installed().url

    def ensure_started(self) -> str:
        """Make Livy ready for sessions (once; safe from many threads) and return its URL.

        Raises MissingJarsError (naming the fetch command) if the S3A jars were never downloaded,
        or RuntimeError if there is no Java 17.
        """
        self._prepare_spark()
        return self.url

    def _prepare_spark(self) -> None:
        server = self._installed()
        with self._lock:
            if self._ready:
                return
            sandbox = self._sandbox
            server.spark_conf = local_spark_conf(
                sandbox.endpoint_url,
                sandbox.region,
                "livy-session",
                self._spark_ui,
            )
            find_java_home()  # a clear error now rather than a dead session later
            # Sessions reach the sandbox's AWS too (boto3 inside a Livy session just works, and
            # S3A reads the keys from here, never from a command line);
            # the watchdog's marker lets it end them if the server is killed.
            server.environment = {
                **sandbox.environment(),
                **spark_environment(),
                **sandbox.watchdog.environment,
            }
            self._ready = True

    def stop(self) -> None:
        """Kill every session's process tree and close the port. Safe to call twice."""
        with self._lock:
            if self.server is not None:
                self.server.stop()
                self.server = None
            self._ready = False

    def _installed(self) -> LivyCompatibleServer:
        if self.server is None:
            raise RuntimeError("The Livy engine is not installed in a running sandbox.")
        return self.server


def _free_or_any(preferred: int) -> int:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            return 0
    return preferred
