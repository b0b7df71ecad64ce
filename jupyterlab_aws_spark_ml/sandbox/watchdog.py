"""Nothing the sandbox starts outlives it, even when the server is killed with SIGKILL.

Every process the sandbox starts (Livy sessions and their JVMs, training scripts and whatever
they start, inference servers) carries a marker in its environment, `AWS_SPARK_ML_SANDBOX=<id>`,
which its own children inherit, and leads a process group of its own. One small watchdog
process per sandbox holds the read end of a pipe whose write end only the server holds. When
the server ends, however it ends, the kernel closes that end; the watchdog reads EOF, kills
every marked process (the whole group where the group's leader is marked) and removes the
sandbox's state directory.

Why not PR_SET_PDEATHSIG: it reaches only the direct child (not the `sleep` a training script
starts), and it fires when the *thread* that started the child ends; the sandbox starts its
children from short-lived worker threads.

A watchdog can be killed too. Each state directory records its owner (pid and start time) and
its marker, so the next sandbox to start reclaims what a dead one left (`reclaim_abandoned`).

This file runs as a script (`python watchdog.py …`) so the watchdog imports nothing but psutil.
"""

from __future__ import annotations

import json
import os
import secrets
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

MARKER = "AWS_SPARK_ML_SANDBOX"
OWNER_FILE = ".owner.json"
STATE_DIR_PREFIX = "aws-spark-ml-sandbox-"
# A state directory without an owner file predates owner files (or is being created right now):
# reclaim it only once it is clearly old.
UNOWNED_GRACE_SECONDS = 3600.0


class Watchdog:
    """Started with a sandbox; kills what the sandbox started when its server ends."""

    def __init__(self, state_dir: Path, remove_state_dir: bool) -> None:
        self.state_dir = Path(state_dir)
        self.remove_state_dir = remove_state_dir
        self.marker = secrets.token_hex(8)
        self._pipe: int | None = None
        self._process: subprocess.Popen | None = None

    @property
    def environment(self) -> dict[str, str]:
        """Add to the environment of every process the sandbox starts."""
        return {MARKER: self.marker}

    def start(self) -> None:
        me = psutil.Process()
        owner = {"pid": me.pid, "started": me.create_time(), "marker": self.marker}
        (self.state_dir / OWNER_FILE).write_text(json.dumps(owner))
        read_end, self._pipe = os.pipe()  # not inherited by other children (PEP 446)
        command = [sys.executable, __file__, str(self.state_dir), self.marker, str(me.pid)]
        if self.remove_state_dir:
            command.append("--remove")
        self._process = subprocess.Popen(
            command,
            stdin=read_end,
            stdout=subprocess.DEVNULL,
            cwd="/",
            start_new_session=True,  # a Ctrl-C or killpg aimed at the server must not reach it
        )
        os.close(read_end)

    def stop(self) -> None:
        """After a clean stop: let the watchdog sweep stragglers and end."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._process is not None:
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None


def kill_marked(marker: str, spare: set[int] = frozenset()) -> int:
    """SIGKILL every process whose environment carries `marker` (and, when the leader of its
    process group carries it, the whole group). Returns how many marked processes were found."""
    spare = {os.getpid(), *spare}
    marked: set[int] = set()
    for process in psutil.process_iter():
        if process.pid in spare:
            continue
        try:
            if process.environ().get(MARKER) == marker:
                marked.add(process.pid)
        except (psutil.Error, OSError):  # gone, a zombie, or not ours to read
            continue
    for pid in marked:
        try:
            group = os.getpgid(pid)
            if group in marked:  # a group the sandbox made: it reaches children that cleared env
                os.killpg(group, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    return len(marked)


def owner_alive(owner: dict) -> bool:
    try:
        return abs(psutil.Process(owner["pid"]).create_time() - owner["started"]) < 1.0
    except (psutil.Error, KeyError, TypeError):
        return False


def reclaim(state_dir: Path, remove: bool) -> bool:
    """If `state_dir`'s owner is gone: kill what it left running (and remove the folder when
    `remove`). Returns True when it was abandoned."""
    try:
        owner = json.loads((state_dir / OWNER_FILE).read_text())
    except FileNotFoundError:
        if not remove or time.time() - state_dir.stat().st_mtime < UNOWNED_GRACE_SECONDS:
            return False
        owner = {}
    except (OSError, ValueError):
        return False
    if owner and owner_alive(owner):
        return False
    if owner.get("marker"):
        kill_marked(owner["marker"])
    if remove:
        shutil.rmtree(state_dir, ignore_errors=True)
    return True


def reclaim_abandoned(parent: Path | None = None) -> list[Path]:
    """Reclaim the state directories under the temporary folder whose sandbox died."""
    parent = Path(parent or tempfile.gettempdir())
    return [
        folder
        for folder in sorted(parent.glob(f"{STATE_DIR_PREFIX}*"))
        if _ours(folder) and reclaim(folder, remove=True)
    ]


def _ours(folder: Path) -> bool:
    """A real folder of this user: the temporary folder is shared, and another local user's
    folder (or a link planted there) is never ours to remove."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def main(argv: list[str]) -> None:
    state_dir, marker, owner_pid = Path(argv[0]), argv[1], int(argv[2])
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # EOF on stdin: the server closed the pipe or died. The poll also catches an owner that
    # died while a forked child of it still holds the pipe open.
    while _running(owner_pid):
        readable, _, _ = select.select([sys.stdin], [], [], 2.0)
        if readable and not os.read(sys.stdin.fileno(), 4096):
            break
    kill_marked(marker, spare={owner_pid})
    if "--remove" in argv:
        shutil.rmtree(state_dir, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
