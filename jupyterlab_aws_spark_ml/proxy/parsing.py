"""The one parse of a browser's request: what the proxy checks is exactly what it forwards.

A checker and AWS that read the same bytes differently are a bypass: with a repeated `Action`
the proxy used to check the last value while AWS ran the first. So every query or form key and
every header AWS reads may appear once (in any letter case); the forwarded query is rebuilt from
the parsed pairs and the forwarded body is the checked bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl

from .refusal import ProxyRefusal, bad_request

# Sent by the extension's SDK handler (src/aws/handler.ts). Not a CORS-safelisted header, so a
# page of another site cannot send it without a preflight, which Jupyter does not grant: a link,
# a form or an <img> pointing at the proxy is refused.
CLIENT_HEADER = "X-Aws-Spark-Ml"
CLIENT_HEADER_VALUE = "1"

DROPPED_QUERY_NAMES = frozenset({"_xsrf"})  # Jupyter's, never AWS's
FORM_TYPE = "application/x-www-form-urlencoded"
# Headers that name the operation or reach AWS: each may appear once.
SINGLE_HEADERS = frozenset({"content-type", "x-amz-target", "smithy-protocol", "host"})
SINGLE_HEADER_PREFIXES = ("x-amz-", "content-")


def require_client_header(headers: Iterable[tuple[str, str]]) -> None:
    values = [v for k, v in headers if k.lower() == CLIENT_HEADER.lower()]
    if values != [CLIENT_HEADER_VALUE]:
        raise ProxyRefusal(
            403,
            "missing-client-header",
            f"The AWS proxy only answers the extension's AWS SDK, which sends the header "
            f"'{CLIENT_HEADER}: {CLIENT_HEADER_VALUE}'; links and pages of other sites cannot. "
            "To download an S3 object, use boto3 from a notebook "
            "(boto3.client('s3').download_file(bucket, key, filename)) or "
            "`aws s3 cp s3://bucket/key .` in a terminal.",
        )


def single_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-case name → value; refuses a repeated header that names the operation or reaches AWS
    (two X-Amz-Target headers would be checked as one and forwarded as another)."""
    out: dict[str, str] = {}
    for name, value in headers:
        lname = name.lower()
        if lname in out and (lname in SINGLE_HEADERS or lname.startswith(SINGLE_HEADER_PREFIXES)):
            raise bad_request(
                f"The header '{printable(name[:60])}' is sent more than once; send it once, "
                "as the AWS SDK does.",
                reason="repeated-header",
            )
        out[lname] = value
    return out


def query_pairs(raw: str, secrets: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The query string's (name, value) pairs, decoded once; Jupyter's `_xsrf` and any value
    holding the Jupyter token are left out (they must never reach AWS)."""
    secrets = [s for s in secrets if s]
    return [
        (k, v)
        for k, v in parse_qsl(raw, keep_blank_values=True)
        if k not in DROPPED_QUERY_NAMES and not any(s in v for s in secrets)
    ]


def form_pairs(service: str, body: bytes, content_type: str) -> list[tuple[str, str]]:
    """A query-protocol request's form body, strictly parsed (the body itself is forwarded)."""
    if FORM_TYPE not in content_type.lower():
        raise bad_request(
            f"{service} is a query API: send POST with a form body "
            f"(Content-Type: {FORM_TYPE}) holding Action=<Operation>, as the AWS SDK does.",
            reason="malformed-body",
        )
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
    except (UnicodeDecodeError, ValueError):
        raise bad_request(
            f"The {service} request body is not valid form data ({FORM_TYPE}).",
            reason="malformed-body",
        ) from None


def repeated_keys(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Keys that appear more than once, compared without letter case (`Action` and `action`)."""
    counts = Counter(k.casefold() for k, _ in pairs)
    return sorted({k for k, _ in pairs if counts[k.casefold()] > 1})


def refuse_repeated(keys: Iterable[str], where: str) -> None:
    keys = list(keys)
    if keys:
        named = ", ".join(f"'{printable(k[:60])}'" for k in keys[:5])
        raise bad_request(
            f"The {where} repeats {named}. Each parameter may appear once: the proxy checks "
            "exactly the request AWS will run, and a repeated parameter can be read two ways.",
            reason="repeated-parameter",
        )


def refuse_response_overrides(query: Mapping[str, str] | Iterable[str]) -> None:
    """S3's `response-content-type=text/html` & co. rewrite an object's headers; the extension
    never sends them, and a page could use them to dress an object up as HTML."""
    overrides = sorted(k for k in query if k.lower().startswith("response-"))
    if overrides:
        raise bad_request(
            f"The query parameter '{printable(overrides[0][:60])}' asks S3 to rewrite the "
            "answer's headers; the proxy does not forward response-* overrides.",
            reason="response-override",
        )


def printable(text: str) -> str:
    """`text` with control characters escaped, so a URL cannot write ANSI escapes to a log."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
