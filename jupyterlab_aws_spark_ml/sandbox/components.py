"""The sandbox's components, in start order. Each feature package exposes `components()`."""

from __future__ import annotations


def all_components() -> list:
    from . import compute, datasets, engines, ml

    # Engines first: compute lifecycles start Livy while a cluster boots.
    return [*engines.components(), *compute.components(), *ml.components(), *datasets.components()]
