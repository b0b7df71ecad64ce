"""moto's EMR and Glue answers corrected to AWS's (errors are in `..aws_errors`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from ..messages import AwsResponse


def corrected(resp: AwsResponse, body: dict) -> AwsResponse:
    """moto's answer with a corrected JSON body, keeping its status and headers (request id)."""
    return AwsResponse(resp.status, resp.headers, json.dumps(body).encode())


def epoch(moment: datetime | None) -> float | None:
    """A timestamp as the JSON protocol sends it; moto keeps naive UTC datetimes."""
    return None if moment is None else moment.replace(tzinfo=UTC).timestamp()
