"""Credit-card fraud (Kaggle mlg-ulb schema): cleaning, features and a stratified split."""

from __future__ import annotations

from .job import KAGGLE_COLUMNS, FraudParams, params_from_args, prepare_fraud_features, run

__all__ = ["KAGGLE_COLUMNS", "FraudParams", "params_from_args", "prepare_fraud_features", "run"]
