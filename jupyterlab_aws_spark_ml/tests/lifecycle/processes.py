"""Helpers for the lifecycle tests: servers started as a user starts them, and what they leave.

A process belongs to a sandbox when its environment carries the sandbox's watchdog marker (read
from the state directory's owner file); these helpers find such processes and their ports.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import psutil

from jupyterlab_aws_spark_ml.sandbox.watchdog import MARKER, OWNER_FILE, STATE_DIR_PREFIX
from jupyterlab_aws_spark_ml.tests.ml.jobs import wait_until  # noqa: F401  (the lifecycle tests' waits too)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def busy_port():
    """A port some other program listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def isolated_env(tmp: Path) -> dict[str, str]:
    """A user's environment whose temporary folder (where sandbox state goes) is `tmp`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "JUPYTER_"))}
    env.update(TMPDIR=str(tmp), PYTHONUNBUFFERED="1", JUPYTER_PLATFORM_DIRS="1")
    for name in ("JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR"):
        folder = tmp / name.lower()
        folder.mkdir(exist_ok=True)
        env[name] = str(folder)
    return env


def jupyter_command(root: Path, port: int, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--AwsSparkML.mode=sandbox",
        "--AwsSparkML.sandbox_seed=False",
        "--no-browser",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=lifecycle-test",
        f"--ServerApp.root_dir={root}",
        *extra,
    ]


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    # Its own session, as from a terminal; the test can then reap whatever it leaves.
    return subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def collect(process: subprocess.Popen) -> list[str]:
    """The process's output lines, growing as it writes them (read in a thread)."""
    lines: list[str] = []

    def read() -> None:
        for raw in iter(process.stdout.readline, b""):
            lines.append(raw.decode(errors="replace").rstrip())

    threading.Thread(target=read, daemon=True).start()
    return lines


def state_dirs(tmp: Path) -> list[Path]:
    return sorted(tmp.glob(f"{STATE_DIR_PREFIX}*"))


def marker_of(state_dir: Path) -> str:
    return json.loads((state_dir / OWNER_FILE).read_text())["marker"]


def marked(marker: str) -> list[psutil.Process]:
    """Live processes started by the sandbox whose watchdog marker is `marker`."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.status() != psutil.STATUS_ZOMBIE and process.environ().get(MARKER) == marker:
                found.append(process)
        except psutil.Error:
            continue
    return found


def listening_ports(pids: set[int]) -> set[int]:
    return {
        c.laddr.port
        for c in psutil.net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN and c.pid in pids
    }


def port_listens(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def reap(process: subprocess.Popen) -> None:
    """Test clean-up: whatever the test left (a failure mid-way), end it."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait(10)
    if process.stdout:
        process.stdout.close()
