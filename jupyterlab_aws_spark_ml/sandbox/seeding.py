"""Seeding a component does in the background, so the sandbox starts without waiting for it.

Whoever needs the seeded data calls `wait_until_ready()`, which re-raises a failure.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class BackgroundSeed:
    def __init__(self, what: str) -> None:
        self.what = what  # for messages, e.g. 'the sandbox datasets'
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, work: Callable[[], None], thread_name: str) -> None:
        self._thread = threading.Thread(
            target=self._run, args=(work,), name=thread_name, daemon=True
        )
        self._thread.start()

    def skip(self) -> None:
        """Nothing to seed: ready at once."""
        self._ready.set()

    def wait_until_ready(self, timeout: float) -> None:
        if not self._ready.wait(timeout):
            raise TimeoutError(f"Seeding {self.what} did not finish within {timeout:.0f} s")
        if self.error is not None:
            raise RuntimeError(f"Seeding {self.what} failed: {self.error}") from self.error

    def join(self, timeout: float = 10) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as error:  # reported by wait_until_ready
            self.error = error
            log.exception("Seeding %s failed", self.what)
        finally:
            self._ready.set()


def object_writer(sandbox, bucket: str) -> Callable[[str, bytes], object]:
    """put(key, body): moto's in-process backend when reachable (thousands of objects in
    seconds), else ordinary S3 puts."""
    try:
        from moto.s3.models import s3_backends

        backend = s3_backends[sandbox.account_id]["global"]
        backend.get_bucket(bucket)
        return lambda key, body: backend.put_object(bucket, key, body)
    except Exception:  # e.g. a moto that keeps S3 elsewhere: slower but always right
        s3 = sandbox.client("s3")
        return lambda key, body: s3.put_object(Bucket=bucket, Key=key, Body=body)
