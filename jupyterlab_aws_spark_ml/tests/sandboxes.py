"""A seeded sandbox for one test folder, stopped afterwards."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from jupyterlab_aws_spark_ml.sandbox import Sandbox


@contextmanager
def running_sandbox(components, **options) -> Iterator[Sandbox]:
    """`components`: a list or `components.wire(...)`; `options` go to Sandbox (which starts
    from an empty moto unless told `fresh_account=False`)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    box = Sandbox(components=components, seed=True, **options).start()
    try:
        yield box
    finally:
        box.stop()
