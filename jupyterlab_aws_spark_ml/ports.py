"""Is a local port free, and if not, what to run instead.

`python -m jupyterlab_aws_spark_ml.ports 8888 --hint "make demo DEMO_PORT={port}"` exits 1 with
"Port 8888 is busy (pid 123: jupyter-lab); run `make demo DEMO_PORT=8889`" when the port is taken
(the Makefile's `demo` checks its port this way before anything else, with the system's Python:
this file imports nothing from the package).
"""

from __future__ import annotations

import argparse
import socket
import sys


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As servers bind (Tornado, cheroot): a port whose old connections are in TIME_WAIT is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def holder(port: int) -> str:
    """'pid 123: jupyter-lab' for the process listening on `port`, when we may know it."""
    try:  # `make demo` runs this before the venv (and psutil) may exist
        import psutil
    except ImportError:
        return ""
    try:
        for connection in psutil.net_connections(kind="tcp"):
            if (
                connection.status == psutil.CONN_LISTEN
                and connection.laddr
                and connection.laddr.port == port
                and connection.pid
            ):
                return f"pid {connection.pid}: {psutil.Process(connection.pid).name()}"
    except (psutil.Error, OSError):
        pass
    return ""


def next_free_port(port: int, host: str = "127.0.0.1") -> int:
    for candidate in range(port + 1, min(port + 100, 65535)):
        if port_is_free(candidate, host):
            return candidate
    return 0


def busy_message(port: int, hint: str, host: str = "127.0.0.1") -> str | None:
    """None when `port` is free (or 0: any port); else what is wrong and the command to run,
    `hint` formatted with a free `port`."""
    if port == 0 or port_is_free(port, host):
        return None
    who = holder(port)
    busy = f"Port {port} is busy ({who})" if who else f"Port {port} is busy"
    return f"{busy}; run `{hint.format(port=next_free_port(port, host))}`"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Exit 1, saying what to run, if a port is busy.")
    parser.add_argument("port", type=int)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--hint", default="… --port {port}", help="the command to suggest; {port} is a free port"
    )
    args = parser.parse_args(argv)
    message = busy_message(args.port, args.hint, args.host)
    if message:
        print(message, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
