"""SigV4 for the JSON and query APIs the UI calls on every screen (EMR, Glue, SageMaker, STS, …).

The same algorithm as botocore's `SigV4Auth`, step for step, on the plain dict the proxy
already holds. botocore's version builds an `AWSRequest` and two `email.message` header maps
per call, which was three quarters of the proxy's own CPU per call. Kept after the move to
aiohttp (issue 14) because the bench still shows it: 0.018–0.037 ms per signature here against
0.106–0.165 ms for botocore's (bench/proxy/run.py, 2026-12-07, load 12–14); with botocore's
signer the proxy's own CPU was 0.19 ms a call (bench/RESULTS.md, 2026-12-01), at the 0.2 ms
budget with nothing left for the HTTP client, against 0.04–0.06 ms with this one. S3 keeps
botocore's `S3SigV4Auth` (its payload and path rules differ). `tests/proxy/test_sigv4.py`
checks this signer against botocore's on many generated requests.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

from botocore.auth import SIGNED_HEADERS_BLACKLIST
from botocore.credentials import ReadOnlyCredentials
from botocore.utils import normalize_url_path

_BLACKLIST = frozenset(SIGNED_HEADERS_BLACKLIST)
_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
_signing_keys: dict[tuple[str, str, str, str], bytes] = {}  # (secret, date, region, service)


def signed_headers(
    credentials: ReadOnlyCredentials,
    service: str,
    region: str,
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes,
    now: datetime | None = None,
) -> dict[str, str]:
    """`headers` (which must hold 'host') plus X-Amz-Date, the session token and Authorization."""
    timestamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    out = dict(headers)
    out["X-Amz-Date"] = timestamp
    if credentials.token:
        out["X-Amz-Security-Token"] = credentials.token

    signed: dict[str, list[str]] = {}
    for name, value in out.items():
        lname = name.lower()
        if lname not in _BLACKLIST:
            signed.setdefault(lname, []).append(" ".join(value.split()))
    names = sorted(signed)
    signed_names = ";".join(names)

    parts = urlsplit(url)
    canonical = "\n".join(
        (
            method.upper(),
            quote(normalize_url_path(parts.path), safe="/~"),
            _canonical_query(parts.query),
            "".join(f"{n}:{','.join(signed[n])}\n" for n in names),
            signed_names,
            hashlib.sha256(body).hexdigest() if body else _EMPTY_SHA256,
        )
    )
    scope = f"{timestamp[:8]}/{region}/{service}/aws4_request"
    to_sign = "\n".join(
        (
            "AWS4-HMAC-SHA256",
            timestamp,
            scope,
            hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        )
    )
    key = _signing_key(credentials.secret_key, timestamp[:8], region, service)
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    out["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={credentials.access_key}/{scope}, "
        f"SignedHeaders={signed_names}, Signature={signature}"
    )
    return out


def _canonical_query(query: str) -> str:
    # As botocore does for a URL's query: pairs as sent (already encoded), sorted.
    if not query:
        return ""
    pairs = sorted(pair.partition("=")[::2] for pair in query.split("&"))
    return "&".join(f"{k}={v}" for k, v in pairs)


def _signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    """The derived key changes once a day per region and service; derive it once."""
    cache_key = (secret, date, region, service)
    key = _signing_keys.get(cache_key)
    if key is None:
        key = f"AWS4{secret}".encode()
        for part in (date, region, service, "aws4_request"):
            key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
        if len(_signing_keys) > 64:  # rotated credentials and past days: keep it small
            _signing_keys.clear()
        _signing_keys[cache_key] = key
    return key
