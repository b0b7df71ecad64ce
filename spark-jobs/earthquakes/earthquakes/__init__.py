"""USGS events -> "is there a quake near this place on this day?" features, tuned for recall."""

from __future__ import annotations

from .job import QuakeParams, evaluate_recall, params_from_args, prepare_quake_features, run

__all__ = ["QuakeParams", "evaluate_recall", "params_from_args", "prepare_quake_features", "run"]
