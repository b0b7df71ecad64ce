"""UCI car evaluation: a Spark ML preprocessing pipeline fitted once and reused for inference."""

from __future__ import annotations

from .job import (
    CarParams,
    fit_preprocessing,
    labels_of,
    params_from_args,
    prepare_for_inference,
    read_cars,
    run,
)

__all__ = [
    "CarParams", "fit_preprocessing", "labels_of", "params_from_args", "prepare_for_inference",
    "read_cars", "run",
]  # fmt: skip
