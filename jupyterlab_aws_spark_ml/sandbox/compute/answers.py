"""AWS-shaped answers for EMR and Glue: errors every SDK raises as AWS's would, and corrections."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from ..gateway import AwsResponse


def validation_error(message: str) -> AwsResponse:
    return AwsResponse.error("ValidationException", message)


def model_constraint_error(value: object, field: str, constraint: str) -> AwsResponse:
    """The wording AWS uses when a parameter breaks the API model (pattern, length, range)."""
    return validation_error(
        f"1 validation error detected: Value '{value}' at '{field}' failed to satisfy "
        f"constraint: {constraint}"
    )


def emr_invalid_request(message: str, error_code: str | None = None) -> AwsResponse:
    """EMR's InvalidRequestException, which carries its own ErrorCode next to the message."""
    body: dict = {"__type": "InvalidRequestException", "Message": message}
    if error_code:
        body["ErrorCode"] = error_code
    headers = [
        ("Content-Type", "application/x-amz-json-1.1"),
        ("x-amzn-ErrorType", "InvalidRequestException"),
    ]
    return AwsResponse(400, headers, json.dumps(body).encode())


def emr_no_such_cluster(cluster_id: str) -> AwsResponse:
    # Same answer as moto's (and AWS's) DescribeCluster for an unknown id.
    return emr_invalid_request(f"Cluster id '{cluster_id}' is not valid.", "NoSuchCluster")


def glue_invalid_input(message: str) -> AwsResponse:
    return AwsResponse.error("InvalidInputException", message)


def corrected(resp: AwsResponse, body: dict) -> AwsResponse:
    """moto's answer with a corrected JSON body, keeping its status and headers (request id)."""
    return AwsResponse(resp.status, resp.headers, json.dumps(body).encode())


def epoch(moment: datetime | None) -> float | None:
    """A timestamp as the JSON protocol sends it; moto keeps naive UTC datetimes."""
    return None if moment is None else moment.replace(tzinfo=UTC).timestamp()
