"""Which of AWS's answer headers reach the browser, and what every proxied answer carries.

The proxy serves AWS's bodies from Jupyter's own origin, so an answer must never act as a page
of that origin: S3 can hold (or be told to label) `text/html`. Only what the AWS SDK reads
passes; Jupyter's security headers (CSP, X-Content-Type-Options, X-Frame-Options…) stay
Jupyter's; and every answer is an attachment under a sandboxing CSP. The SDK reads bodies with
fetch(), which ignores all three, so nothing it needs changes.
"""

from __future__ import annotations

# What the AWS SDK parses from an answer: AWS's own headers (request id, S3 metadata, checksums,
# error type), the body's framing and type, and caching/validators (ETag, Last-Modified, Date
# for clock-skew correction). Deliberately absent: Set-Cookie, Location, Refresh, Link,
# WWW-Authenticate, Clear-Site-Data, Content-Security-Policy, X-Frame-Options, CORS headers,
# Server, and hop-by-hop headers (Connection, Transfer-Encoding, …).
PASSED = frozenset(
    {
        "content-type",
        "content-length",
        "content-encoding",
        "content-range",
        "content-language",
        "content-disposition",  # always made an attachment: see as_attachment
        "accept-ranges",
        "etag",
        "last-modified",
        "cache-control",
        "expires",
        "date",
    }
)
PASSED_PREFIXES = ("x-amz-", "x-amzn-")

# Set on every proxied answer (Jupyter's CSP is kept and `sandbox` added, see the handler).
ATTACHMENT = "attachment"
NOSNIFF = "nosniff"


def passes(name: str) -> bool:
    name = name.lower()
    return name in PASSED or name.startswith(PASSED_PREFIXES)


def as_attachment(disposition: str | None) -> str:
    """Upstream's Content-Disposition (S3's ContentDisposition metadata) made an attachment.

    An object stored as `inline; filename="a.html"` keeps its filename but becomes
    `attachment; filename="a.html"`: the SDK's GetObject then reports that value.
    """
    if not disposition:
        return ATTACHMENT
    kind, sep, params = disposition.partition(";")
    if kind.strip().lower() == ATTACHMENT:
        return disposition
    return ATTACHMENT + (sep + params if sep else "")
