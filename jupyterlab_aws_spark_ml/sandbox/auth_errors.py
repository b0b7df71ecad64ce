"""The errors AWS sends when a request's signature or body is refused, in the caller's protocol
(JSON for JSON services, XML for query services and S3), so every SDK raises the usual exception.
"""

from __future__ import annotations

from .aws_errors import json_error, query_error_xml, s3_error_xml
from .messages import AwsResponse

# problem → (status, S3's code, query services' code, JSON services' code)
CODES = {
    "MissingAuthentication": (
        403,
        "AccessDenied",
        "MissingAuthenticationToken",
        "MissingAuthenticationTokenException",
    ),
    "UnknownKey": (
        403,
        "InvalidAccessKeyId",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
    ),
    "BadSignature": (
        403,
        "SignatureDoesNotMatch",
        "SignatureDoesNotMatch",
        "InvalidSignatureException",
    ),
    "Malformed": (
        400,
        "AuthorizationHeaderMalformed",
        "IncompleteSignature",
        "IncompleteSignatureException",
    ),
    "Expired": (403, "AccessDenied", "AccessDenied", "AccessDeniedException"),
}
S3_MESSAGES = {
    "MissingAuthentication": "Access Denied",
    "UnknownKey": "The AWS Access Key Id you provided does not exist in our records.",
}


def auth_error(verdict, environ: dict) -> AwsResponse:

    status, s3_code, query_code, json_code = CODES[verdict.problem]
    protocol = _protocol(environ, verdict.service)
    if protocol == "s3":
        message = S3_MESSAGES.get(verdict.problem, verdict.message)
        return AwsResponse(
            status, [("Content-Type", "application/xml")], s3_error_xml(s3_code, message)
        )
    if protocol == "query":
        return AwsResponse(
            status, [("Content-Type", "text/xml")], query_error_xml(query_code, verdict.message)
        )
    return json_error(json_code, verdict.message, status)


def serialization_error(message: str) -> AwsResponse:
    """What JSON services answer a body they cannot read: 400 SerializationException."""
    return json_error("SerializationException", message, 400)


def _protocol(environ: dict, service: str | None) -> str:
    if service == "s3":
        return "s3"
    if environ.get("HTTP_X_AMZ_TARGET") or "json" in environ.get("CONTENT_TYPE", ""):
        return "json"
    query = environ.get("QUERY_STRING", "")
    if "Action=" in query or "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", ""):
        return "query"
    return "json" if service else "s3"  # unsigned and unnamed: most likely an S3 URL
