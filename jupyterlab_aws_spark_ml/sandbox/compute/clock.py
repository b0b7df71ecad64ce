"""The one ticker thread that moves sandbox clusters and sessions along their lifecycles.

moto answers at once and never lets time pass. Lifecycles schedule their next transition here
("in 3 s, move j-ABC from STARTING to BOOTSTRAPPING") and a single thread runs whatever is due.
Every transition runs under `lock`, which request hooks take too, so a DescribeCluster never
sees a half-made change.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger("jupyterlab_aws_spark_ml.sandbox.compute")


class LifecycleClock:
    """A sandbox component: runs scheduled transitions when their time comes."""

    name = "compute-clock"

    def __init__(self, tick_seconds: float = 0.1) -> None:
        self.tick_seconds = tick_seconds
        self.lock = threading.RLock()
        self._due: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()  # keeps equal deadlines in the order they were set
        self._skipped = 0.0
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def install(self, sandbox) -> None:
        self._thread = threading.Thread(target=self._run, name="sandbox-compute-clock", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def now(self) -> float:
        """Sandbox time in seconds (monotonic, plus any time skipped ahead)."""
        return time.monotonic() + self._skipped

    def after(self, seconds: float, action: Callable[[], None]) -> None:
        """Run `action` (under `lock`) once `seconds` of sandbox time have passed."""
        with self.lock:
            heapq.heappush(self._due, (self.now() + max(0.0, seconds), next(self._order), action))

    def skip_ahead(self, seconds: float) -> None:
        """Let `seconds` of sandbox time pass at once, e.g. to reach an idle timeout in a test
        or a demo without waiting an hour. Due transitions run on the next tick."""
        with self.lock:
            self._skipped += seconds

    def run_due(self) -> None:
        with self.lock:
            while self._due and self._due[0][0] <= self.now():
                _, _, action = heapq.heappop(self._due)
                try:
                    action()
                except Exception:  # one broken transition must not stop every lifecycle
                    log.exception("A sandbox lifecycle transition failed")

    def _run(self) -> None:
        while not self._stopping.wait(self.tick_seconds):
            self.run_due()
