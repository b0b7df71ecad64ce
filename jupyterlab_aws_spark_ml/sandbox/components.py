"""The sandbox's components, in start order. Each feature package exposes `components()`."""

from __future__ import annotations


def all_components() -> list:
    from . import catalog, compute, datasets, engines, ml

    # Engines first: compute lifecycles start Livy while a cluster boots.
    return [
        *engines.components(),
        *compute.components(),
        *ml.components(),
        *datasets.components(),
        *catalog.components(),  # after datasets: it governs the tables they create
    ]
