"""The local sandbox: an embedded AWS on 127.0.0.1 for trying everything without an account.

moto answers the control plane; `components` add realistic lifecycles, the operations moto lacks,
and a real data plane (Spark, Livy, training, serving). Start it with the server
(`--AwsSparkML.mode=sandbox`) or alone (`python -m jupyterlab_aws_spark_ml.sandbox`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core import SANDBOX_ACCOUNT_ID, Sandbox, SandboxComponent

__all__ = ["SANDBOX_ACCOUNT_ID", "Sandbox", "SandboxComponent", "start_for_server"]


def __getattr__(name: str):
    # Imported on first use: a Livy session or a kernel that imports `sandbox.engines.spark`
    # must not load the sandbox server (core → components → engines → core).
    if name in ("SANDBOX_ACCOUNT_ID", "Sandbox", "SandboxComponent"):
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def start_for_server(settings, server_app) -> Sandbox:
    """The sandbox of a server in sandbox mode, started once the server's event loop runs.

    By then the server has found its port and passed its start-up checks (root, …), so a server
    that cannot start exits without ever starting a sandbox; and the start is queued before the
    server's own bind, so no request arrives before the sandbox is up.
    """
    from .core import Sandbox

    sandbox = Sandbox(
        port=settings.sandbox_port,
        region=settings.region,
        state_dir=settings.sandbox_state_dir or None,
        lifecycle_seconds=settings.sandbox_lifecycle_seconds,
        seed=settings.sandbox_seed,
        log=server_app.log,
        faults=settings.sandbox_faults,
    )
    _stop_with(server_app, sandbox)
    server_app.io_loop.add_callback(_start, server_app, sandbox)
    return sandbox


def _start(server_app, sandbox: Sandbox) -> None:
    if getattr(server_app, "_stopping", False):  # e.g. SIGTERM while the server initialised
        return
    try:
        sandbox.start()
    except Exception as e:
        server_app.log.critical(
            "The local AWS sandbox could not start: %s. If its port is busy, choose another "
            "with --AwsSparkML.sandbox_port (0: any free port).",
            e,
        )
        server_app.remove_server_info_file()
        server_app.remove_browser_open_files()
        raise SystemExit(1) from None  # leaves the event loop: the server exits non-zero
    # Kernels inherit this environment, so boto3, the AWS CLI and Spark in a notebook reach the
    # sandbox too, with this sandbox's own keys (a kernel is the user's own; nothing logs them).
    sandbox.export_environment()
    server_app.log.info("AWS Spark & ML: local sandbox at %s", sandbox.endpoint_url)


def _stop_with(server_app, sandbox: Sandbox) -> None:
    import atexit

    from ..server_stop import on_server_stop

    on_server_stop(server_app, sandbox.stop)
    atexit.register(sandbox.stop)  # also when the process ends without a clean shutdown
