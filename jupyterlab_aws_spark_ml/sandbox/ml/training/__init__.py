"""Sandbox training jobs: built-in XGBoost and script mode, run for real on this machine."""
