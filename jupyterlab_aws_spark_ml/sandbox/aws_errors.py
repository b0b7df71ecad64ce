"""Every error answer the sandbox writes itself, in the form each AWS protocol uses.

- JSON services (EMR, Glue, SageMaker) and REST-JSON ones (Lake Formation): `{"__type": code,
  "message": …}` with `x-amzn-ErrorType`, which every SDK turns into an exception named `code`.
- S3 (REST-XML): `<Error><Code>…</Code>…</Error>`.
- Query services (IAM, STS): `<ErrorResponse><Error><Type>…</Type><Code>…</Code>…`.

The named errors below are the ones several components answer with AWS's own wording.
"""

from __future__ import annotations

import json
import uuid
from xml.sax.saxutils import escape

from .messages import AwsResponse

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"


def json_error(
    code: str, message: str, status: int = 400, content_type: str = JSON_CONTENT_TYPE
) -> AwsResponse:
    """A JSON-protocol AWS error, parsed by every SDK into an exception named `code`
    (REST-JSON services send it as 'application/json')."""
    body = {"__type": code, "message": message, "Message": message}
    headers = [("Content-Type", content_type), ("x-amzn-ErrorType", code)]
    return AwsResponse(status, headers, json.dumps(body).encode())


def s3_error_xml(code: str, message: str, request_id: str | None = None) -> bytes:
    """S3's error body (REST-XML)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{escape(message)}</Message>"
        f"<RequestId>{request_id or uuid.uuid4().hex[:16].upper()}</RequestId></Error>"
    ).encode()


def query_error_xml(
    code: str, message: str, sender: bool = True, request_id: str | None = None
) -> bytes:
    """A query service's error body (IAM, STS); `sender` False for the service's own fault."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<ErrorResponse><Error><Type>{'Sender' if sender else 'Receiver'}</Type>"
        f"<Code>{code}</Code><Message>{escape(message)}</Message></Error>"
        f"<RequestId>{request_id or uuid.uuid4()}</RequestId></ErrorResponse>"
    ).encode()


# -- errors several components answer ---------------------------------------------------------


def validation_error(message: str) -> AwsResponse:
    return json_error("ValidationException", message)


def model_constraint_error(value: object, field: str, constraint: str) -> AwsResponse:
    """The wording AWS uses when a parameter breaks the API model (pattern, length, range)."""
    return validation_error(
        f"1 validation error detected: Value '{value}' at '{field}' failed to satisfy "
        f"constraint: {constraint}"
    )


def invalid_input(message: str) -> AwsResponse:
    """Glue's and Lake Formation's answer to bad input."""
    return json_error("InvalidInputException", message)


def invalid_field(field: str, message: str) -> AwsResponse:
    """InvalidInputException naming the field, e.g. 'MaxResults: must be …'."""
    return invalid_input(f"{field}: {message}")


def entity_not_found(message: str) -> AwsResponse:
    """Glue's and Lake Formation's answer for a database, table, session… that is not there."""
    return json_error("EntityNotFoundException", message)


def emr_invalid_request(message: str, error_code: str | None = None) -> AwsResponse:
    """EMR's InvalidRequestException, which carries its own ErrorCode next to the message."""
    body: dict = {"__type": "InvalidRequestException", "Message": message}
    if error_code:
        body["ErrorCode"] = error_code
    headers = [("Content-Type", JSON_CONTENT_TYPE), ("x-amzn-ErrorType", "InvalidRequestException")]
    return AwsResponse(400, headers, json.dumps(body).encode())


def emr_no_such_cluster(cluster_id: str) -> AwsResponse:
    # Same answer as moto's (and AWS's) DescribeCluster for an unknown id.
    return emr_invalid_request(f"Cluster id '{cluster_id}' is not valid.", "NoSuchCluster")
