"""A `jupyter lab` in sandbox mode for the browser benches, and the Chromium script that drives it.

    with running_lab(config, {"BENCH_X": "1"}, "bench-x-") as lab:
        result = run_browser(script, lab.base, ...)

The server runs in its own process group on a free loopback port (never the 8888-8891 that
people use), with an empty token and throw-away settings; every AWS call that reaches the
sandbox is appended to `lab.call_log` (see lab_config.py). It is stopped, group and all, on exit.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parent


@dataclass
class Lab:
    base: str
    status: dict
    work: Path
    call_log: Path

    @property
    def sandbox_endpoint(self) -> str:
        return self.status["sandbox"]["endpoint"]


def free_port() -> int:
    """A port the OS says is free now (ephemeral range, so never 8888-8891)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(config: Path, env: dict[str, str], prefix: str, settings: dict | None = None):
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        work = Path(tmp)
        plugin_settings = work / "settings" / "jupyterlab-aws-spark-ml"
        plugin_settings.mkdir(parents=True)
        (plugin_settings / "plugin.jupyterlab-settings").write_text(json.dumps(settings or {}))
        port = free_port()
        full_env = {
            **os.environ,
            **env,
            "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(SHARED), os.environ.get("PYTHONPATH")])
            ),
            "BENCH_PORT": str(port),
            "BENCH_CALL_LOG": str(work / "calls.jsonl"),
            "BENCH_SETTINGS_DIR": str(work / "settings"),
            "BENCH_WORK": str(work),
        }
        with open(work / "lab.log", "w") as log:
            proc = subprocess.Popen(
                ["jupyter", "lab", "--config", str(config)],
                cwd=work,
                env=full_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # one process group: stopped together below
            )
        try:
            base = f"http://127.0.0.1:{port}"
            yield Lab(base, wait_for_status(base, proc), work, work / "calls.jsonl")
        finally:
            stop(proc)


def wait_for_status(base: str, proc: subprocess.Popen, timeout: float = 300) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/aws-spark-ml/status", timeout=5) as r:
                return json.load(r)
        except OSError:
            time.sleep(1)
    raise TimeoutError(f"JupyterLab did not answer on {base} within {timeout} s (or exited)")


def wait_for_file(path: Path, timeout: float) -> None:
    deadline = time.time() + timeout
    while not path.exists():
        if time.time() > deadline:
            raise TimeoutError(f"{path} did not appear within {timeout} s")
        time.sleep(0.5)


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def run_browser(script: Path, *args: str, timeout: float = 1500) -> dict:
    """Runs a Node + Playwright script; its last stdout line is the JSON result.

    Its own process group, so a timeout stops Chromium too, not only node."""
    proc = subprocess.Popen(
        ["node", str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        stop(proc)
    if proc.returncode != 0:
        raise RuntimeError(f"{script.name} failed:\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])
