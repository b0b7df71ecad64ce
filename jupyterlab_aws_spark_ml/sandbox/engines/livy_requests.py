"""Checks on what clients send to the sandbox Livy: bad input is a 400 that names the field."""

from __future__ import annotations

import re


class LivyRequestError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def spark_settings(value, field_name: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise LivyRequestError(400, f"{field_name} must be an object of Spark settings")
    return {str(k): str(v).lower() if isinstance(v, bool) else str(v) for k, v in value.items()}


def strings(value, field_name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LivyRequestError(400, f"{field_name} must be a list of strings (paths or URLs)")
    return value


def heartbeat_seconds(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise LivyRequestError(400, "heartbeatTimeoutInSecond must be a number of seconds >= 0")
    return float(value)


def driver_memory(value) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"\d+[kKmMgG]?[bB]?", text):
        raise LivyRequestError(400, f"driverMemory {value!r} is not a size like '1g' or '1000M'")
    return text.rstrip("bB").lower()
