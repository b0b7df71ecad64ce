"""Starting the sandbox's Spark endpoint (Livy) while compute boots.

A cluster or session only reports itself ready once Livy answers, so a notebook that attaches
on WAITING/READY never meets a dead endpoint. Livy may take a while to start, so this runs in
its own thread and reports back under the clock's lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from .clock import LifecycleClock


class SparkEndpoint(Protocol):
    """What compute needs of the engine: `LivyEngine`, or a stand-in in tests."""

    def ensure_started(self) -> object: ...


def start_engine_in_background(
    livy: SparkEndpoint | None,
    clock: LifecycleClock,
    name: str,
    when_done: Callable[[str | None], None],
) -> bool:
    """Call livy.ensure_started() in a thread, then when_done(error or None) under the lock.

    Returns False (and calls nothing) when the sandbox runs without an engine (`livy` None).
    """
    if livy is None:
        return False

    def start() -> None:
        try:
            livy.ensure_started()
            error = None
        except Exception as exc:  # any failure to start is the cluster's / session's failure
            error = str(exc) or type(exc).__name__
        with clock.lock:
            when_done(error)

    threading.Thread(target=start, name=f"livy-for-{name}", daemon=True).start()
    return True


class Lifecycles:
    """What EMR clusters and Glue sessions share: the clock that moves them along, the engine
    they wait for (None: ready without one), and the sandbox's pace (`seconds` per step)."""

    def __init__(self, clock: LifecycleClock, livy: SparkEndpoint | None) -> None:
        self.clock = clock
        self.livy = livy
        self.sandbox = None
        self.stopped = False  # no transition starts anything once the sandbox stops

    @property
    def seconds(self) -> float:
        return self.sandbox.lifecycle_seconds

    def stop(self) -> None:
        with self.clock.lock:
            self.stopped = True
