"""SigV4 signatures from the server's credential chain, over only the headers AWS needs.

The browser's request arrives with Jupyter's auth (token, cookie, XSRF) and browser headers;
none of that may reach AWS. We forward the protocol headers and the headers the operation's
model declares, then sign exactly what we send.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

import botocore.session
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials, RefreshableCredentials
from botocore.model import OperationModel

from . import sigv4
from .endpoints import AwsEndpoint
from .refusal import bad_request

# Headers any AWS protocol uses, whatever the operation.
PROTOCOL_HEADERS = frozenset(
    {
        "accept",
        "content-type",
        "content-md5",
        "content-encoding",
        "x-amz-target",
        "x-amz-user-agent",
        "x-amz-api-version",
        "x-amz-sdk-checksum-algorithm",
        "amz-sdk-invocation-id",
        "amz-sdk-request",
        "smithy-protocol",
    }
)
PROTOCOL_PREFIXES = ("x-amz-checksum-",)
# Recomputed by us (or by the HTTP client) for every request, whatever the browser sent.
REGENERATED = frozenset(
    {
        "authorization",
        "host",
        "content-length",
        "x-amz-date",
        "x-amz-security-token",
        "x-amz-content-sha256",
        "date",
    }
)


class HeaderPolicy:
    """Which request headers of an operation go to AWS."""

    def __init__(self) -> None:
        self._declared: dict[int, tuple[frozenset[str], tuple[str, ...]]] = {}

    def declared(self, op: OperationModel) -> tuple[frozenset[str], tuple[str, ...]]:
        """Header names and header-name prefixes (e.g. 'x-amz-meta-') of the op's input."""
        key = id(op)
        found = self._declared.get(key)
        if found is None:
            names, prefixes = set(), []
            shape = op.input_shape
            for member_name, member in shape.members.items() if shape else ():
                where = member.serialization.get("location")
                wire = member.serialization.get("name", member_name).lower()
                if where == "header":
                    names.add(wire)
                elif where == "headers":
                    prefixes.append(wire)
            found = self._declared[key] = (frozenset(names), tuple(prefixes))
        return found

    def forwarded(
        self, op: OperationModel, headers: Iterable[tuple[str, str]], secrets: Iterable[str]
    ) -> dict[str, str]:
        names, prefixes = self.declared(op)
        prefixes = prefixes + PROTOCOL_PREFIXES
        secrets = [s for s in secrets if s]
        kept: dict[str, str] = {}
        for name, value in headers:
            lname = name.lower()
            if lname in REGENERATED:
                continue
            if not (lname in PROTOCOL_HEADERS or lname in names or lname.startswith(prefixes)):
                continue  # cookies, Origin, Referer, X-XSRFToken, sec-*, and anything unknown
            if any(s in value for s in secrets):
                continue
            if lname in kept:  # one value checked, one forwarded: never two readings
                raise bad_request(
                    f"The header '{name[:60]}' is sent more than once; send it once.",
                    reason="repeated-header",
                )
            kept[lname] = value
        return kept


class ServerCredentials:
    """The Jupyter server's default AWS credential chain (env, profile, SSO, container, EC2).

    `current()` is cheap once credentials are known; `load()` may do network I/O (SSO, IMDS,
    refreshing temporary credentials) and belongs in a worker thread.
    """

    def __init__(self, session: botocore.session.Session, retry_seconds: float = 10.0) -> None:
        self.session = session
        self.retry_seconds = retry_seconds
        self._credentials = None
        self._missing_since: float | None = None
        self._lock = threading.Lock()

    def current(self) -> ReadOnlyCredentials | None:
        """Credentials without I/O, or None when `load()` must run first."""
        creds = self._credentials
        if creds is None:
            return None
        if isinstance(creds, RefreshableCredentials) and creds.refresh_needed():
            return None
        return creds.get_frozen_credentials()

    def known_missing(self) -> bool:
        """The chain found nothing a moment ago: do not search again on every request."""
        since = self._missing_since
        return since is not None and time.monotonic() - since < self.retry_seconds

    def load(self) -> ReadOnlyCredentials | None:
        with self._lock:
            if self._credentials is None:
                self._credentials = self.session.get_credentials()
            if self._credentials is None:
                self._missing_since = time.monotonic()
                return None
            self._missing_since = None
            return self._credentials.get_frozen_credentials()


def sign(
    endpoint: AwsEndpoint,
    credentials: ReadOnlyCredentials,
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes,
) -> dict[str, str]:
    """The headers to send: `headers` plus Host, X-Amz-Date, (token,) payload hash, Authorization."""
    if endpoint.signature_version == "v4":
        return sigv4.signed_headers(
            credentials,
            endpoint.signing_name,
            endpoint.signing_region,
            method,
            url,
            {"host": endpoint.host, **headers},
            body,
        )
    request = AWSRequest(
        method=method, url=url, headers={"host": endpoint.host, **headers}, data=body
    )
    S3SigV4Auth(credentials, endpoint.signing_name, endpoint.signing_region).add_auth(request)
    return dict(request.headers.items())
