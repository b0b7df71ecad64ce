"""Small helpers for answering Glue and Lake Formation the way AWS's JSON protocol does
(errors are in `..aws_errors`)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from ..aws_errors import invalid_field
from ..messages import AwsResponse


def to_wire(value: Any) -> Any:
    """moto's objects → JSON-protocol values: timestamps as epoch seconds, no null members."""
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.timestamp()
    return value


def answer(payload: dict) -> AwsResponse:
    return AwsResponse.of_json(to_wire(payload))


def page(
    items: list, params: dict, default_size: int, max_size: int
) -> tuple[list, dict] | AwsResponse:
    """One page of `items` by MaxResults/NextToken (an opaque offset), or an AWS error answer."""
    size = params.get("MaxResults", default_size)
    if not isinstance(size, int) or not 1 <= size <= max_size:
        return invalid_field("MaxResults", f"must be an integer from 1 to {max_size}, got {size!r}")
    start = 0
    token = params.get("NextToken")
    if token:
        try:
            start = int(json.loads(base64.b64decode(token))["offset"])
        except (ValueError, KeyError, TypeError):
            return invalid_field(
                "NextToken", "is not a token this API returned; start again without it"
            )
    chunk = items[start : start + size]
    extra = {}
    if start + size < len(items):
        extra["NextToken"] = base64.b64encode(
            json.dumps({"offset": start + size}).encode()
        ).decode()
    return chunk, extra


def paged_answer(
    key: str,
    items: list,
    params: dict,
    max_size: int,
    shape: Callable[[Any], Any] | None = None,
) -> AwsResponse:
    """The list operation's answer: one page of `items` (each passed through `shape`) under
    `key`, with NextToken when more remain; or the error for bad paging parameters."""
    paged = page(items, params, max_size, max_size)
    if isinstance(paged, AwsResponse):
        return paged
    chunk, extra = paged
    return answer({key: [shape(item) for item in chunk] if shape else chunk, **extra})
