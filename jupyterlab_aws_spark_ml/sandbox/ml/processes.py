"""Child processes of the sandbox's SageMaker: each in its own process group, so a stop kills
the whole tree (a training script may start its own workers), and each carrying the sandbox's
watchdog marker, so nothing outlives the server even when it is killed (see ../watchdog.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path


class ChildProcesses:
    """Starts processes in their own group and remembers them until they are reaped."""

    def __init__(self) -> None:
        self._running: dict[int, subprocess.Popen] = {}
        self._lock = threading.Lock()
        self.marker: dict[str, str] = {}  # the sandbox's watchdog marker, set at install

    def watched_by(self, sandbox) -> None:
        self.marker = dict(sandbox.watchdog.environment) if sandbox.watchdog else {}

    def start(
        self,
        command: Sequence[str],
        cwd: Path,
        env: dict[str, str],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) -> subprocess.Popen:
        process = subprocess.Popen(
            list(command),
            cwd=str(cwd),
            env={**env, **self.marker},
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,  # own process group: killpg reaches its children too
        )
        with self._lock:
            self._running[process.pid] = process
        return process

    def stop(self, process: subprocess.Popen, grace_seconds: float = 3.0) -> None:
        """SIGTERM the group (SageMaker's stop signal), then SIGKILL after the grace period."""
        if process.poll() is None:
            _signal_group(process, signal.SIGTERM)
            try:
                process.wait(grace_seconds)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait(5)
        else:
            # The leader is gone; stragglers in its group must not survive it.
            _signal_group(process, signal.SIGKILL)
        self.forget(process)

    def forget(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._running.pop(process.pid, None)

    def stop_all(self) -> None:
        with self._lock:
            processes = list(self._running.values())
        for process in processes:
            self.stop(process, grace_seconds=2.0)

    def pids(self) -> list[int]:
        with self._lock:
            return [pid for pid, p in self._running.items() if p.poll() is None]


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for algorithm/server processes: ours minus AWS credentials and endpoints
    (a container never sees the caller's keys), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "JPY_", "JUPYTER_"))}
    env.setdefault("PYTHONUNBUFFERED", "1")
    # One core each: this machine is shared, and XGBoost would otherwise grab every core.
    env.setdefault("OMP_NUM_THREADS", "1")
    env.update(extra or {})
    return env


class ProcessComponent:
    """A SageMaker component whose work runs in child processes (training jobs, model servers):
    the sandbox's watchdog learns of each, and its marked methods answer their operations."""

    def __init__(self) -> None:
        self.processes = ChildProcesses()
        self.sandbox = None

    def install(self, sandbox) -> None:
        self.sandbox = sandbox
        self.processes.watched_by(sandbox)
        sandbox.registry.add_all(self)
