"""The Sandbox object: moto behind our gateway on a local port, plus pluggable components."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..proxy.catalog import ServiceCatalog
from ..proxy.operations import OperationResolver
from .faults import FaultInjector
from .gateway import Gateway, OperationRegistry
from .operation_names import RequestNamer
from .watchdog import STATE_DIR_PREFIX, Watchdog, reclaim, reclaim_abandoned

if TYPE_CHECKING:
    from .components import SandboxParts

SANDBOX_ACCOUNT_ID = "123456789012"  # moto's default account
# Requests served at once. Kept-alive connections wait between requests without a thread; some
# answers take a while (S3 objects for Spark, endpoint invocations), so leave room.
SERVER_THREADS = 24
CREDENTIALS_PROFILE = "sandbox"  # the profile in <state_dir>/credentials


class SandboxComponent(Protocol):
    """A part of the sandbox: registers operations/hooks, may run threads or processes."""

    name: str

    def install(self, sandbox: Sandbox) -> None: ...

    def stop(self) -> None: ...


class Sandbox:
    def __init__(
        self,
        port: int = 0,
        region: str = "us-east-1",
        state_dir: str | None = None,
        lifecycle_seconds: float = 3.0,
        seed: bool = True,
        components: list[SandboxComponent] | SandboxParts | None = None,
        log: logging.Logger | None = None,
        fresh_account: bool = True,
        faults: str | dict | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
    ) -> None:
        self.port = port
        self.region = region
        self.account_id = SANDBOX_ACCOUNT_ID
        self.lifecycle_seconds = lifecycle_seconds
        self.seed = seed
        # moto keeps its state per process; False lets a second sandbox share the first's.
        self.fresh_account = fresh_account
        self.log = log or logging.getLogger("jupyterlab_aws_spark_ml.sandbox")
        self.registry = OperationRegistry()
        # One namer for the gateway and the faults, using the signing proxy's own resolver.
        self._namer = RequestNamer(OperationResolver(ServiceCatalog.shared()))
        # This sandbox's own keys: its AWS port, Livy and Spark's S3A accept nothing else, so
        # other local users and web pages cannot use it. Random unless a test pins them.
        self.access_key_id = access_key_id or "SANDBOX" + "".join(
            secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(13)
        )
        self.secret_access_key = secret_access_key or secrets.token_urlsafe(30)
        # Throttling, 5xx, latency and dropped connections on purpose (fault_spec.py).
        self.faults = FaultInjector(None, self._namer, faults)
        self._own_state_dir = state_dir is None
        # Made at start(), so a server that never starts leaves no folder behind.
        self.state_dir: Path | None = Path(state_dir) if state_dir else None
        self.watchdog: Watchdog | None = None  # kills what we started if the server dies
        self._components = components
        # The components by name when wired by `components.wire` (all of them when none are
        # given), so a test or a bench can reach one: `sandbox.parts.livy`.
        self.parts: SandboxParts | None = None
        self._installed: list[SandboxComponent] = []
        self._server = None
        self._thread: threading.Thread | None = None
        self._stopped = False
        # Components add what kernels need to find them, e.g. the sandbox Livy's port.
        self.extra_environment: dict[str, str] = {}

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        """What an SDK, the CLI or Spark needs to reach this sandbox."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint_url,
            "AWS_DEFAULT_REGION": self.region,
            "AWS_REGION": self.region,
            **self.credentials(),
            **self.extra_environment,
        }

    def credentials(self) -> dict[str, str]:
        """This sandbox's keys as environment variables."""
        return {
            "AWS_ACCESS_KEY_ID": self.access_key_id,
            "AWS_SECRET_ACCESS_KEY": self.secret_access_key,
        }

    @property
    def credentials_file(self) -> Path:
        """The keys in AWS's shared-credentials format (profile 'sandbox'), readable only by
        this user: `AWS_SHARED_CREDENTIALS_FILE=<it> AWS_PROFILE=sandbox aws s3 ls`."""
        return self.state_dir / "credentials"

    def _write_credentials_file(self) -> None:
        text = (
            "# The local AWS sandbox's keys: valid for this sandbox only, while it runs.\n"
            f"[{CREDENTIALS_PROFILE}]\n"
            f"aws_access_key_id = {self.access_key_id}\n"
            f"aws_secret_access_key = {self.secret_access_key}\n"
        )
        fd = os.open(self.credentials_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            os.fchmod(out.fileno(), 0o600)  # also when the file was there before
            out.write(text)

    def export_environment(self) -> None:
        for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            os.environ.pop(key, None)
        os.environ.update(self.environment())

    def client(self, service: str):
        """A boto3 client for this sandbox (used by components and tests)."""
        import boto3

        return boto3.client(
            service,
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=self.access_key_id,
            aws_secret_access_key=self.secret_access_key,
        )

    def start(self) -> Sandbox:
        try:
            return self._start()
        except BaseException:  # a busy port, a failed component, a signal: leave nothing
            self.stop()
            raise

    def _start(self) -> Sandbox:
        from cheroot import wsgi
        from moto.server import DomainDispatcherApplication, create_backend_app

        self._start_watchdog()
        self._write_credentials_file()
        if self.fresh_account:  # moto's state is per process: start from an empty account
            from moto.moto_api._internal.models import moto_api_backend

            moto_api_backend.reset()
        gateway = Gateway(
            DomainDispatcherApplication(create_backend_app),
            self.registry,
            keys={self.access_key_id: self.secret_access_key},
            namer=self._namer,
        )
        self.faults.app, self.faults.accepts = gateway, gateway.accepts
        app = self.faults
        # cheroot rather than werkzeug's server: werkzeug closes the connection after every
        # answer, so each SDK, S3A and proxy call paid a new connection and a new thread;
        # cheroot keeps HTTP/1.1 connections alive, as AWS does, on a fixed pool of threads.
        self._server = wsgi.Server(
            ("127.0.0.1", self.port), app, numthreads=SERVER_THREADS, server_name="aws-sandbox"
        )
        # Binds now, so the port is known before anything calls in. In a daemon thread because
        # cheroot's worker threads inherit it: a process that exits on a path that never calls
        # stop() (a failed start of the server around us) must not wait for them forever.
        failed: list[BaseException] = []
        preparing = threading.Thread(
            target=_catching(self._server.prepare, failed), name="aws-sandbox-bind", daemon=True
        )
        preparing.start()
        preparing.join()
        if failed:
            raise failed[0]
        self.port = self._server.bind_addr[1]
        self._thread = threading.Thread(target=self._server.serve, name="aws-sandbox", daemon=True)
        self._thread.start()
        components = self._components if self._components is not None else default_parts()
        if not isinstance(components, list):
            self.parts = components
            components = components.in_start_order()
        for component in components:
            component.install(self)
            self._installed.append(component)
        if self.seed:
            from .seed import seed_account

            seed_account(self)
        self.log.info("Local AWS sandbox listening on %s", self.endpoint_url)
        return self

    def stop(self) -> None:
        """Stop every engine process and thread, then the server. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        for component in reversed(self._installed):
            try:
                component.stop()
            except Exception:  # keep stopping the others
                self.log.exception("Sandbox component %s did not stop cleanly", component.name)
        if self._server is not None:
            self._server.stop()
        if self._own_state_dir and self.state_dir is not None:
            shutil.rmtree(self.state_dir, ignore_errors=True)
        if self.watchdog is not None:
            self.watchdog.stop()

    def _start_watchdog(self) -> None:
        reclaim_abandoned()  # what sandboxes killed with their server left behind
        if self.state_dir is None:
            self.state_dir = Path(tempfile.mkdtemp(prefix=STATE_DIR_PREFIX))
        else:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            reclaim(self.state_dir, remove=False)
        self.watchdog = Watchdog(self.state_dir, remove_state_dir=self._own_state_dir)
        self.watchdog.start()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _catching(function, failures: list[BaseException]):
    def run() -> None:
        try:
            function()
        except BaseException as e:  # re-raised by the caller, in its thread
            failures.append(e)

    return run


def default_parts() -> SandboxParts:
    """Every component, wired to its collaborators (see components.py)."""
    from .components import wire

    return wire()
