"""A real IPython kernel driven like a notebook does: execute cells, collect what they show."""

from __future__ import annotations

import os
import queue
import time
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.manager import KernelManager

from jupyterlab_aws_spark_ml.magics import CONNECTION_MIME_TYPE, parse_line

PACKAGE_ROOT = Path(__file__).resolve().parents[3]


@dataclass
class CellResult:
    stdout: str = ""
    stderr: str = ""
    displays: list[dict] = field(default_factory=list)
    result: dict | None = None  # execute_result data
    error: dict | None = None  # {'ename', 'evalue', 'traceback'}

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def connection_event(self) -> dict | None:
        """The structured object the UI reads, from display data (checked against the line)."""
        events = [d[CONNECTION_MIME_TYPE] for d in self.displays if CONNECTION_MIME_TYPE in d]
        return events[-1] if events else None

    @property
    def line_event(self) -> dict | None:
        return parse_line(self.stdout)

    @property
    def text(self) -> str:
        plain = (self.result or {}).get("text/plain", "")
        return self.stdout + plain

    @property
    def error_text(self) -> str:
        if not self.error:
            return ""
        return "\n".join(self.error["traceback"]) + self.stderr


class NotebookKernel:
    def __init__(self, environment: dict[str, str]) -> None:
        env = {**os.environ, **environment}
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p
        )
        env.pop("JPY_PARENT_PID", None)
        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel(env=env, cwd=str(PACKAGE_ROOT))
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def start(self, code: str, store_history: bool = True) -> str:
        """Send a cell without waiting (as a notebook does: with history); returns its id."""
        return self.client.execute(code, store_history=store_history)

    def collect(self, msg_id: str, timeout: float = 300) -> CellResult:
        """Everything the cell shows until the kernel is idle again."""
        result = CellResult()
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"cell did not finish in {timeout} s; so far: {result}")
            try:
                msg = self.client.get_iopub_msg(timeout=remaining)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                if content["name"] == "stdout":
                    result.stdout += content["text"]
                else:
                    result.stderr += content["text"]
            elif kind == "display_data":
                result.displays.append(content["data"])
            elif kind == "execute_result":
                result.result = content["data"]
            elif kind == "error":
                result.error = content
            elif kind == "status" and content["execution_state"] == "idle":
                return result

    def run(self, code: str, timeout: float = 300) -> CellResult:
        return self.collect(self.start(code), timeout)

    def interrupt(self) -> None:
        self.manager.interrupt_kernel()

    def close(self) -> None:
        try:
            self.client.stop_channels()
        finally:
            self.manager.shutdown_kernel(now=False)


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2):
    """Poll `predicate` until it returns something truthy; fail naming `what` otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
