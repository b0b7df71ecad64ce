"""A server that cannot start exits non-zero within seconds, leaving no process, port or folder
(issue 19): a busy port, root without --allow-root, a busy sandbox port, SIGTERM mid-start."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jupyterlab_aws_spark_ml.ports import busy_message, port_is_free

from .processes import (
    busy_port,
    free_port,
    isolated_env,
    jupyter_command,
    listening_ports,
    reap,
    start,
    state_dirs,
    wait_until,
)

EXIT_WITHIN = 30.0
AS_ROOT = os.geteuid() == 0
ALLOW_ROOT = ["--allow-root"] if AS_ROOT else []
NEVER_STARTED = "Local AWS sandbox listening"  # the sandbox's log line once it serves


def finish(process: subprocess.Popen, tmp) -> tuple[int, str, float]:
    """Wait for the process to exit by itself; then check it left nothing behind."""
    started = time.monotonic()
    try:
        output, _ = process.communicate(timeout=EXIT_WITHIN)
    except subprocess.TimeoutExpired:
        reap(process)
        pytest.fail(f"still running after {EXIT_WITHIN:.0f} s")
    elapsed = time.monotonic() - started
    text = output.decode(errors="replace")
    # Same session as the server: nothing of it (kernels, engines, the watchdog) survives it.
    wait_until(lambda: not _session_members(process.pid), 10, f"processes left: {text[-2000:]}")
    assert state_dirs(tmp) == [], text[-2000:]
    return process.returncode, text, elapsed


def _session_members(sid: int) -> list[int]:
    import psutil

    found = []
    for p in psutil.process_iter():
        try:
            if os.getsid(p.pid) == sid and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p.pid)
        except (psutil.Error, OSError):
            continue
    return found


def test_server_on_a_busy_port_exits(tmp_path):
    sandbox_port = free_port()
    with busy_port() as port:
        command = jupyter_command(
            tmp_path, port, f"--AwsSparkML.sandbox_port={sandbox_port}", *ALLOW_ROOT
        )
        code, output, elapsed = finish(start(command, isolated_env(tmp_path)), tmp_path)
    assert code != 0, output
    assert f"port {port} is not available" in output
    assert port_is_free(sandbox_port), "the sandbox's port is still held"
    assert NEVER_STARTED not in output  # a server that cannot serve starts no sandbox
    print(f"busy port: exited {code} after {elapsed:.1f} s")


@pytest.mark.skipif(not AS_ROOT, reason="Jupyter refuses root only when run as root")
def test_server_as_root_without_allow_root_exits(tmp_path):
    sandbox_port = free_port()
    command = jupyter_command(tmp_path, free_port(), f"--AwsSparkML.sandbox_port={sandbox_port}")
    code, output, elapsed = finish(start(command, isolated_env(tmp_path)), tmp_path)
    assert code != 0, output
    assert "Running as root is not recommended" in output
    assert port_is_free(sandbox_port)
    assert NEVER_STARTED not in output
    print(f"root: exited {code} after {elapsed:.1f} s")


def test_server_whose_sandbox_port_is_busy_exits(tmp_path):
    with busy_port() as sandbox_port:
        port = free_port()
        command = jupyter_command(
            tmp_path, port, f"--AwsSparkML.sandbox_port={sandbox_port}", *ALLOW_ROOT
        )
        code, output, _ = finish(start(command, isolated_env(tmp_path)), tmp_path)
    assert code != 0, output
    assert "--AwsSparkML.sandbox_port" in output  # says how to fix it
    assert port_is_free(port), "the Jupyter port is still held"


def test_server_ends_on_sigterm_during_start_up(tmp_path):
    sandbox_port = free_port()
    command = jupyter_command(
        tmp_path, free_port(), f"--AwsSparkML.sandbox_port={sandbox_port}", *ALLOW_ROOT
    )
    process = start(command, isolated_env(tmp_path))
    # As soon as the sandbox has its folder: mid-way through starting it.
    wait_until(lambda: state_dirs(tmp_path), 60, "the sandbox never started")
    process.send_signal(signal.SIGTERM)
    code, output, elapsed = finish(process, tmp_path)
    assert not listening_ports({process.pid}), output
    assert port_is_free(sandbox_port)
    print(f"SIGTERM mid-start: exited {code} after {elapsed:.1f} s")


def standalone(port: int) -> list[str]:
    return [sys.executable, "-m", "jupyterlab_aws_spark_ml.sandbox", "--port", str(port)]


def test_standalone_sandbox_on_a_busy_port_exits(tmp_path):
    with busy_port() as port:
        code, output, _ = finish(start(standalone(port), isolated_env(tmp_path)), tmp_path)
    assert code == 1, output
    assert f"Port {port} is busy" in output
    assert "python -m jupyterlab_aws_spark_ml.sandbox --port " in output


def test_standalone_sandbox_ends_on_sigterm_during_start_up(tmp_path):
    process = start(standalone(free_port()) + ["--no-seed"], isolated_env(tmp_path))
    wait_until(lambda: state_dirs(tmp_path), 60, "the sandbox never started")
    process.send_signal(signal.SIGTERM)
    _, output, _ = finish(process, tmp_path)
    assert "Traceback" not in output, output


def test_port_check_says_what_to_run():
    with busy_port() as port:
        message = busy_message(port, "make demo DEMO_PORT={port}")
        assert message.startswith(f"Port {port} is busy")
        suggested = int(message.rsplit("DEMO_PORT=", 1)[1].rstrip("`"))
        assert suggested != port and port_is_free(suggested)
        assert f"pid {os.getpid()}" in message  # who holds it, when we may know
    assert busy_message(port, "make demo DEMO_PORT={port}") is None


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_demo_says_which_port_to_use_when_its_port_is_busy():
    repo = Path(__file__).parents[3]
    # `demo` checks its port before anything else (set-up can take minutes)...
    makefile = (repo / "Makefile").read_text()
    assert "\ndemo: demo-port setup\n" in makefile
    # ...and that check, run as make runs it, fails with the fix.
    with busy_port() as port:
        checked = subprocess.run(
            ["make", "--no-print-directory", "demo-port", f"DEMO_PORT={port}"],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert checked.returncode != 0
    assert f"Port {port} is busy" in checked.stderr
    assert "run `make demo DEMO_PORT=" in checked.stderr
