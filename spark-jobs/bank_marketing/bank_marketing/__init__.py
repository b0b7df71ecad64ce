"""UCI bank marketing: will the client subscribe a term deposit? Feature preparation."""

from __future__ import annotations

from .job import BankParams, params_from_args, prepare_bank_features, run

__all__ = ["BankParams", "params_from_args", "prepare_bank_features", "run"]
