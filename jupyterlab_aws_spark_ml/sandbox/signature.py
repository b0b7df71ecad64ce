"""SigV4 verification for the sandbox's AWS port: only holders of the sandbox's keys get in.

The signature is recomputed with botocore's SigV4 signer, fed the client's own choices (its
SignedHeaders, X-Amz-Date and credential scope, its payload hash from `x-amz-content-sha256`
when sent — for S3A's `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` that verifies the seed signature
only), and compared in constant time. Presigned URLs (X-Amz-Algorithm/Credential/Signature in
the query, as `aws s3 presign` makes) are checked the same way, with `UNSIGNED-PAYLOAD`, and
refused once X-Amz-Expires has passed. boto3's `generate_presigned_url` still makes SigV2 URLs
(AWSAccessKeyId/Signature/Expires) for us-east-1; those are checked with botocore's HmacV1 signer.

Canonicalisation. Clients do not all canonicalise a path the same way, so a request is accepted
when its signature matches under any of these rules (measured by tests/security):
- path as sent — S3 for every client: botocore (boto3, the AWS CLI, and the Jupyter proxy, which
  re-signs what the browser's JS SDK sends) and S3A's Java SDK v1 both sign the path exactly as
  they send it, already percent-encoded once (`=` → %3D, space → %20, `+` → %2B, UTF-8 → %XX);
- path as sent, dot segments removed and percent-encoded once more (`%` → %25) — every other
  service (botocore's and the JS SDK's non-S3 rule: "each segment URI-encoded twice");
- path decoded and re-encoded with AWS's rule (unreserved characters and `/` kept) — a client
  that sends characters raw that it signed encoded.
The query is signed as sent, pairs sorted; or decoded and re-encoded with AWS's rule, where
decoding reads `+` as a space — S3A's Java SDK v1 sends the query form-encoded (`prefix=city%3DNew+
York`) but signs it RFC 3986-encoded (`%20`), measured with Spark partition folders — or as `+`.
No clock-skew check on header-signed requests: the sandbox is local and replays need the secret
anyway.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, unquote, unquote_plus, urlsplit

_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=(?P<credential>[^,\s]+),\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-fA-F]{64})\s*$"
)
_PRESIGN = ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders")
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
# Which rule each accepted request matched under ("path as sent, query as sent", …): measured by
# tests and benches to know which rules clients need.
MATCHED: Counter = Counter()


@dataclass
class Verdict:
    """The outcome: `problem` is None when the signature matches."""

    service: str | None
    region: str | None
    # MissingAuthentication | UnknownKey | BadSignature | Malformed | Expired
    problem: str | None = None
    message: str = ""
    presigned: bool = False


@dataclass
class _Claim:
    key_id: str
    date: str
    region: str
    service: str
    signed_headers: list[str]
    signature: str
    amz_date: str
    presigned: bool


def scope_of(environ: dict) -> tuple[str, str] | None:
    """(region, service) named by the request's credential scope, signed or presigned."""
    query = _decoded(_query_pairs(environ.get("QUERY_STRING", "")))
    claim = _claim(environ, query)
    if isinstance(claim, _Claim):
        return claim.region, claim.service
    if {"AWSAccessKeyId", "Signature"} <= query.keys():  # SigV2 presigned: S3 only
        return "us-east-1", "s3"
    return None


def verify(environ: dict, body: bytes, keys: dict[str, str]) -> Verdict:
    """Check the request in a WSGI `environ` (body already read) against `keys` (id → secret)."""
    pairs = _query_pairs(environ.get("QUERY_STRING", ""))
    query = _decoded(pairs)
    if "HTTP_AUTHORIZATION" not in environ and {"AWSAccessKeyId", "Signature"} <= query.keys():
        return _verify_v2_presigned(environ, query, keys)
    claim = _claim(environ, query)
    if claim is None:
        return Verdict(None, None, "MissingAuthentication", "Missing Authentication Token")
    if isinstance(claim, str):
        return Verdict(None, None, "Malformed", claim)
    verdict = Verdict(claim.service, claim.region, presigned=claim.presigned)
    secret = keys.get(claim.key_id)
    if secret is None:
        verdict.problem, verdict.message = (
            "UnknownKey",
            "The security token included in the request is invalid.",
        )
        return verdict
    if claim.presigned:
        expired = _expired(claim.amz_date, query.get("X-Amz-Expires", "604800"))
        if expired:
            verdict.problem, verdict.message = "Expired", expired
            return verdict
    for rule, path, q in _canonical_forms(environ, pairs, claim.presigned):
        if hmac.compare_digest(_signature(claim, secret, environ, body, path, q), claim.signature):
            MATCHED[rule] += 1
            break
    else:
        verdict.problem, verdict.message = (
            "BadSignature",
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method.",
        )
    return verdict


def _verify_v2_presigned(environ: dict, query: dict[str, str], keys: dict[str, str]) -> Verdict:
    from botocore.auth import HmacV1Auth
    from botocore.compat import HTTPHeaders
    from botocore.credentials import Credentials

    verdict = Verdict("s3", None, presigned=True)
    secret = keys.get(query["AWSAccessKeyId"])
    if secret is None:
        verdict.problem, verdict.message = "UnknownKey", "Unknown key"
        return verdict
    expires = query.get("Expires", "")
    if not expires.isdigit():
        verdict.problem, verdict.message = "Malformed", "Expires must be a Unix time"
        return verdict
    if int(expires) < time.time():
        verdict.problem, verdict.message = "Expired", "Request has expired"
        return verdict

    class AtExpiry(HmacV1Auth):
        def _get_date(self):  # SigV2 query auth signs Expires where the Date header would be
            return expires

    headers = HTTPHeaders()
    for name, value in environ.items():
        if name.startswith("HTTP_X_AMZ_"):
            headers[name[5:].replace("_", "-").lower()] = value
    for name in ("CONTENT_TYPE", "HTTP_CONTENT_MD5"):
        if environ.get(name):
            headers[name.removeprefix("HTTP_").replace("_", "-").lower()] = environ[name]
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI") or "/"
    signer = AtExpiry(Credentials(query["AWSAccessKeyId"], secret))
    expected = signer.get_signature(environ["REQUEST_METHOD"], urlsplit(raw), headers)
    if not hmac.compare_digest(expected, query["Signature"]):
        verdict.problem, verdict.message = "BadSignature", "The request signature does not match."
    return verdict


def _claim(environ: dict, query: dict[str, str]) -> _Claim | str | None:
    """What the request says about its signature; a message if it is malformed, None if absent."""
    authorization = environ.get("HTTP_AUTHORIZATION")
    if authorization is not None:
        m = _AUTHORIZATION.match(authorization.strip())
        if not m:
            return "Authorization header is not AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…"
        credential, signed, signature = m.group("credential", "signed", "signature")
        amz_date = environ.get("HTTP_X_AMZ_DATE", "")
        presigned = False
    elif "X-Amz-Signature" in query:
        missing = [name for name in _PRESIGN if name not in query]
        if missing:
            return f"Presigned URL lacks {', '.join(missing)}"
        if query["X-Amz-Algorithm"] != "AWS4-HMAC-SHA256":
            return "X-Amz-Algorithm must be AWS4-HMAC-SHA256"
        credential, signed = query["X-Amz-Credential"], query["X-Amz-SignedHeaders"]
        signature, amz_date = query["X-Amz-Signature"], query["X-Amz-Date"]
        presigned = True
    else:
        return None
    parts = credential.split("/")
    if len(parts) != 5 or parts[4] != "aws4_request":
        return "Credential must be <key id>/<yyyymmdd>/<region>/<service>/aws4_request"
    if not re.fullmatch(r"\d{8}T\d{6}Z", amz_date):
        return "X-Amz-Date (yyyymmddThhmmssZ) is required with SigV4"
    return _Claim(
        key_id=parts[0],
        date=parts[1],
        region=parts[2],
        service=parts[3],
        signed_headers=signed.lower().split(";"),
        signature=signature.lower(),
        amz_date=amz_date,
        presigned=presigned,
    )


def _expired(amz_date: str, expires: str) -> str | None:
    try:
        signed_at = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        lifetime = timedelta(seconds=int(expires))
    except ValueError:
        return "X-Amz-Expires must be a number of seconds"
    if datetime.now(UTC) > signed_at + lifetime:
        return "Request has expired"
    return None


def _signature(claim: _Claim, secret, environ, body, path: str, query: str) -> str:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.compat import HTTPHeaders
    from botocore.credentials import Credentials

    class AsTheClientSigned(SigV4Auth):
        """botocore's SigV4 with the client's signed headers and our canonical path."""

        def headers_to_sign(self, request):
            chosen = HTTPHeaders()
            for name in claim.signed_headers:
                chosen[name] = request.headers.get(name, "")
            return chosen

        def _normalize_url_path(self, path):
            return path  # already in canonical form (see _canonical_forms)

    headers = _headers(environ, claim.signed_headers)
    headers["X-Amz-Content-SHA256"] = environ.get("HTTP_X_AMZ_CONTENT_SHA256") or (
        UNSIGNED_PAYLOAD if claim.presigned else hashlib.sha256(body).hexdigest()
    )
    request = AWSRequest(
        method=environ["REQUEST_METHOD"], url=f"http://sandbox{path}?{query}", headers=headers
    )
    request.context["timestamp"] = claim.amz_date
    signer = AsTheClientSigned(Credentials(claim.key_id, secret), claim.service, claim.region)
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request)


def _headers(environ: dict, names: list[str]) -> dict[str, str]:
    found = {}
    for name in names:
        key = name.upper().replace("-", "_")
        value = environ.get("HTTP_" + key)
        if value is None and key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            value = environ.get(key)
        found[name] = value or ""
    return found


def _canonical_forms(environ: dict, pairs, presigned: bool) -> list[tuple[str, str, str]]:
    """(rule, path, query) candidates, in the order described in the module docstring."""
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI") or environ.get("PATH_INFO", "/")
    path = raw.split("?", 1)[0] or "/"
    if presigned:
        pairs = [(k, v) for k, v in pairs if k != "X-Amz-Signature"]
    raw_query = "&".join(f"{k}={v}" for k, v in pairs)
    form_query = "&".join(
        f"{_aws_quote(unquote_plus(k))}={_aws_quote(unquote_plus(v))}" for k, v in pairs
    )
    aws_query = "&".join(f"{_aws_quote(unquote(k))}={_aws_quote(unquote(v))}" for k, v in pairs)
    from botocore.utils import normalize_url_path

    paths = {
        "path as sent": path,
        "path encoded again": quote(normalize_url_path(path), safe="/~"),
        "path re-encoded": quote(unquote(path), safe="/~"),
    }
    queries = {
        "query as sent": raw_query,
        "query form-decoded, re-encoded": form_query,
        "query re-encoded": aws_query,
    }
    forms, seen = [], set()
    for path_rule, p in paths.items():
        for query_rule, q in queries.items():
            if (p, q) not in seen:
                seen.add((p, q))
                forms.append((f"{path_rule}, {query_rule}", p, q))
    return forms


def _aws_quote(text: str) -> str:
    return quote(text, safe="-_.~")


def _query_pairs(query: str) -> list[tuple[str, str]]:
    """Raw (still encoded) key/value pairs; keys of presigned URLs are plain ASCII."""
    pairs = []
    for part in query.split("&"):
        if part:
            key, _, value = part.partition("=")
            pairs.append((key, value))
    return pairs


def _decoded(pairs) -> dict[str, str]:
    return dict(parse_qsl("&".join(f"{k}={v}" for k, v in pairs), keep_blank_values=True))
