"""The local sandbox: an embedded AWS on 127.0.0.1 for trying everything without an account.

moto answers the control plane; `components` add realistic lifecycles, the operations moto lacks,
and a real data plane (Spark, Livy, training, serving). Start it with the server
(`--AwsSparkML.mode=sandbox`) or alone (`python -m jupyterlab_aws_spark_ml.sandbox`).
"""

from __future__ import annotations

from .core import SANDBOX_ACCOUNT_ID, Sandbox, SandboxComponent

__all__ = ["SANDBOX_ACCOUNT_ID", "Sandbox", "SandboxComponent", "start_for_server"]


def start_for_server(settings, server_app) -> Sandbox:
    """Start the sandbox inside a Jupyter server and point the server (and its kernels) at it."""
    sandbox = Sandbox(
        port=settings.sandbox_port,
        region=settings.region,
        state_dir=settings.sandbox_state_dir or None,
        lifecycle_seconds=settings.sandbox_lifecycle_seconds,
        seed=settings.sandbox_seed,
        log=server_app.log,
        faults=settings.sandbox_faults,
    )
    sandbox.start()
    # Kernels inherit this environment, so boto3, the AWS CLI and Spark in a notebook reach the
    # sandbox too. These are the sandbox's fixed dummy credentials, not secrets.
    sandbox.export_environment()
    _stop_with(server_app, sandbox)
    return sandbox


def _stop_with(server_app, sandbox: Sandbox) -> None:
    import atexit

    from ..server_stop import on_server_stop

    on_server_stop(server_app, sandbox.stop)
    atexit.register(sandbox.stop)  # also when the process ends without a clean shutdown
