"""Daily air-quality + weather features from OpenAQ and NOAA GSOD (the NO2 sample's workload)."""

from __future__ import annotations

from .job import No2Params, params_from_args, prepare_no2_features, run

__all__ = ["No2Params", "params_from_args", "prepare_no2_features", "run"]
