"""`python -m jupyterlab_aws_spark_ml.sandbox --port 4566`: the sandbox alone, for CLI/boto3/SDK."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading

from ..ports import busy_message
from . import Sandbox


def _exit_on_signal(sig, _frame) -> None:
    raise SystemExit(128 + sig)


def _fault_spec(text: str) -> str:
    """Checked before anything starts: a wrong spec is a usage error naming its field."""
    from .fault_spec import FaultSpecError, parse_fault_spec

    try:
        parse_fault_spec(text)
    except FaultSpecError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the local AWS sandbox on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=4566, help="port (0: any free port)")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--lifecycle-seconds", type=float, default=3.0)
    parser.add_argument("--no-seed", action="store_true", help="start with an empty account")
    parser.add_argument(
        "--faults",
        type=_fault_spec,
        default=os.environ.get("AWS_SPARK_ML_SANDBOX_FAULTS", ""),
        help='faults to inject, as JSON: {"rules": [{"operation": "emr:*", "throttle": 0.3}]} '
        "(default: $AWS_SPARK_ML_SANDBOX_FAULTS; see the README's Fault injection)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    busy = busy_message(args.port, "python -m jupyterlab_aws_spark_ml.sandbox --port {port}")
    if busy:
        sys.exit(busy)  # exit status 1, the message on stderr

    # A signal during start-up ends it too: start() stops whatever it had started.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _exit_on_signal)
    sandbox = Sandbox(
        port=args.port,
        region=args.region,
        lifecycle_seconds=args.lifecycle_seconds,
        seed=not args.no_seed,
        faults=args.faults,
    )
    try:
        sandbox.start()
    except OSError as e:  # e.g. the port was taken between the check and the bind
        sys.exit(f"The sandbox could not start: {e}")
    print(f"AWS_ENDPOINT_URL={sandbox.endpoint_url}", flush=True)
    print(
        # This terminal is the user's own: the keys go here, never into a log.
        f"export AWS_ENDPOINT_URL={sandbox.endpoint_url} AWS_DEFAULT_REGION={sandbox.region} "
        f"AWS_ACCESS_KEY_ID={sandbox.access_key_id} "
        f"AWS_SECRET_ACCESS_KEY={sandbox.secret_access_key}",
        flush=True,
    )
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    sandbox.stop()


if __name__ == "__main__":
    main()
