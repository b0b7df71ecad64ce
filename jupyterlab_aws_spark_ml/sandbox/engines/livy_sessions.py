"""Livy interactive sessions as the server keeps them: one Spark driver process per session.

States and fields follow Apache Livy's REST API, because sparkmagic and the Glue statements
component read them: sessions go not_started → starting → idle ⇄ busy → dead/killed/error,
statements waiting → running → available/error, or cancelling → cancelled.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_KINDS = ("pyspark", "sql")
STOP_GRACE_SECONDS = 5.0


def _now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Statement:
    id: int
    code: str
    kind: str
    state: str = "waiting"
    output: dict | None = None
    progress: float = 0.0
    started: int = 0
    completed: int = 0
    cancel_requested: bool = False

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "code": self.code,
            "state": self.state,
            "output": self.output,
            "progress": self.progress,
            "started": self.started,
            "completed": self.completed,
        }


@dataclass
class LivySession:
    id: int
    kind: str
    name: str | None
    conf: dict[str, str]
    py_files: list[str]
    log_path: Path
    environment: dict[str, str]
    heartbeat_timeout: float = 0.0  # Livy's heartbeatTimeoutInSecond; 0 = never orphaned
    last_heartbeat: float = field(default_factory=time.monotonic)
    state: str = "not_started"
    app_id: str | None = None
    spark_ui_url: str | None = None
    statements: list[Statement] = field(default_factory=list)
    _process: subprocess.Popen | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _changed: threading.Condition = field(init=False)
    _pending: deque = field(default_factory=deque)
    _running: Statement | None = None
    _stopping: bool = False

    def __post_init__(self) -> None:
        self._changed = threading.Condition(self._lock)

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Launch the driver process; returns at once (state 'starting' until Spark is up)."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        config_path = self.log_path.with_suffix(".json")
        config_path.write_text(json.dumps({"conf": self.conf, "pyFiles": self.py_files}))
        with self._lock:
            log = open(self.log_path, "ab")
            self._process = subprocess.Popen(
                [sys.executable, "-m", f"{__package__}.livy_session_process", str(config_path)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env={**os.environ, **self.environment},
                # Own process group: stop() ends the driver, spark-submit and the JVM together.
                start_new_session=True,
            )
            log.close()
            self.state = "starting"
        threading.Thread(
            target=self._read_events, name=f"livy-session-{self.id}", daemon=True
        ).start()

    def stop(self, final_state: str = "dead") -> None:
        """Kill the driver's whole process tree; waiting statements are cancelled."""
        with self._lock:
            if self._stopping:
                return
            self._stopping = True
            self.state = "shutting_down"
            process = self._process
        # pyspark's Python-worker daemon moves into a process group of its own, so note the whole
        # family now, while parent links still lead to it.
        family = [(p, _start_time(p)) for p in descendants(process.pid)] if process else []
        if process is not None and process.poll() is None:
            _kill_group(process.pid, signal.SIGTERM)
            try:
                process.wait(STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                _kill_group(process.pid, signal.SIGKILL)
                process.wait()
        if process is not None and not _group_gone(process.pid, STOP_GRACE_SECONDS):
            _kill_group(process.pid, signal.SIGKILL)  # the JVM did not finish its shutdown hooks
        for pid, started in family:
            if _start_time(pid) == started:  # still that process, not a new one with its pid
                _kill(pid, signal.SIGKILL)  # normally gone already: they exit when the JVM does
        with self._lock:
            self._finish_all("cancelled")
            self.state = final_state
            self._changed.notify_all()

    def orphaned(self) -> bool:
        """True when the client asked for heartbeats and stopped sending them (its kernel died)."""
        return (
            self.heartbeat_timeout > 0
            and self.state == "idle"
            and time.monotonic() - self.last_heartbeat > self.heartbeat_timeout
        )

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    # --- statements ----------------------------------------------------------------------

    def submit(self, code: str, kind: str) -> Statement:
        with self._lock:
            if self.state in ("shutting_down", "dead", "killed", "error", "success"):
                raise SessionNotUsable(f"Session {self.id} is {self.state}; create a new session.")
            statement = Statement(id=len(self.statements), code=code, kind=kind)
            self.statements.append(statement)
            self._pending.append(statement)
            self._dispatch()
            return statement

    def cancel(self, statement: Statement) -> None:
        with self._lock:
            if statement.state == "waiting":
                self._pending.remove(statement)
                statement.state, statement.completed = "cancelled", _now_ms()
            elif statement.state == "running":
                statement.state, statement.cancel_requested = "cancelling", True
                self._send({"op": "cancel", "id": statement.id})
            self._changed.notify_all()

    def wait_for(self, predicate, timeout: float) -> bool:
        with self._lock:
            return self._changed.wait_for(predicate, timeout)

    def log_lines(self) -> list[str]:
        try:
            return self.log_path.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return []

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "appId": self.app_id,
            "owner": None,
            "proxyUser": None,
            "state": self.state,
            "kind": self.kind,
            "appInfo": {"driverLogUrl": None, "sparkUiUrl": self.spark_ui_url},
            "log": self.log_lines()[-20:],
        }

    # --- internals (hold self._lock) -------------------------------------------------------

    def _dispatch(self) -> None:
        if self.state != "idle" or self._running is not None or not self._pending:
            return
        statement = self._pending.popleft()
        statement.state, statement.started = "running", _now_ms()
        self._running, self.state = statement, "busy"
        self._send(
            {"op": "run", "id": statement.id, "kind": statement.kind, "code": statement.code}
        )

    def _send(self, command: dict) -> None:
        try:
            self._process.stdin.write((json.dumps(command) + "\n").encode())
            self._process.stdin.flush()
        except (BrokenPipeError, OSError, AttributeError):
            pass  # the reader thread notices the process ended and marks the session dead

    def _read_events(self) -> None:
        for line in self._process.stdout:
            event = json.loads(line)
            with self._lock:
                self._apply(event)
                self._changed.notify_all()
        self._process.wait()
        with self._lock:
            if not self._stopping:
                # The driver died on its own (e.g. out of memory): like Livy, the session is dead.
                self._finish_all("error", reason="The Spark driver of this session exited.")
                self.state = "error" if self.state in ("starting", "error") else "dead"
            self._changed.notify_all()

    def _apply(self, event: dict) -> None:
        kind = event["event"]
        if kind == "ready":
            self.app_id, self.spark_ui_url = event.get("appId"), event.get("sparkUiUrl")
            self.state = "idle"
            self._dispatch()
        elif kind == "progress" and self._running is not None:
            self._running.progress = event["progress"]
        elif kind == "result" and self._running is not None:
            statement, self._running = self._running, None
            statement.completed, statement.progress = _now_ms(), 1.0
            statement.output = event["output"]
            if statement.cancel_requested:
                statement.state = "cancelled"
            else:
                statement.state = "available"
            self.state = "idle"
            self._dispatch()
        elif kind == "failed":
            self.state = "error"

    def _finish_all(self, state: str, reason: str = "The session was stopped.") -> None:
        for statement in [*self._pending, *([self._running] if self._running else [])]:
            statement.state, statement.completed = state, _now_ms()
            if state == "error":
                statement.output = {
                    "status": "error",
                    "ename": "SessionDied",
                    "evalue": reason,
                    "traceback": [],
                }
        self._pending.clear()
        self._running = None


class SessionNotUsable(RuntimeError):
    pass


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes of a process group, read from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def descendants(pid: int) -> list[int]:
    """Every live process below `pid` (children, grandchildren, ...), read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def _start_time(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _group_gone(pgid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while group_members(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _kill_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
