"""Send a signed request to AWS and hand its answer back as it comes.

aiohttp keeps connections (and TLS sessions) to AWS open between requests, which matters more
than anything else for the proxy's overhead against real AWS endpoints. It was chosen over httpx
for its per-request cost: measured on this project's machines, 0.23 ms of CPU a request against
httpx's 0.86 ms (bench/proxy and bench/RESULTS.md).
"""

from __future__ import annotations

import os
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp
from yarl import URL

from .refusal import ProxyRefusal

# Per-connection headers (RFC 9110 §7.6.1) and ones that must not cross onto Jupyter's origin.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "set-cookie",
        "server",
    }
)


@dataclass
class UpstreamResponse:
    status: int
    headers: list[tuple[str, str]]  # without hop-by-hop headers; repeated names kept
    _response: aiohttp.ClientResponse
    _failure: Callable[[Exception], ProxyRefusal]

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body exactly as AWS sent it (still compressed if it was)."""
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except (TimeoutError, aiohttp.ClientError) as e:
            raise self._failure(e) from None


class Upstream:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    def _session_now(self) -> aiohttp.ClientSession:
        # Created on first use: an aiohttp session belongs to the running event loop.
        if self._session is None or self._session.closed:
            bundle = os.environ.get("AWS_CA_BUNDLE")  # botocore honours it, so do we
            context = ssl.create_default_context(cafile=bundle or None)
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=64, limit_per_host=16, ssl=context),
                # No total limit: an S3 object may stream for long; each read and the connect
                # must answer within the timeout.
                timeout=aiohttp.ClientTimeout(
                    total=None, sock_connect=self.timeout, sock_read=self.timeout
                ),
                auto_decompress=False,  # pass the body on as AWS encoded it
                cookie_jar=aiohttp.DummyCookieJar(),  # AWS's cookies are not ours to keep
            )
        return self._session

    @asynccontextmanager
    async def open(
        self,
        service: str,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes,
        endpoint: str,
        operation: str,
    ) -> AsyncIterator[UpstreamResponse]:
        def failure(error: Exception) -> ProxyRefusal:
            if isinstance(error, TimeoutError):  # aiohttp's timeouts subclass it
                return ProxyRefusal(
                    504,
                    "upstream-timeout",
                    f"{service} at {endpoint} did not answer within {self.timeout:g} s. Try "
                    "again; if it keeps happening raise c.AwsSparkML.upstream_timeout.",
                    operation,
                )
            return ProxyRefusal(  # refused, DNS, TLS, reset
                502,
                "upstream-unreachable",
                f"Could not reach {service} at {endpoint}: {_why(error)}. Check the server's "
                "network or proxy settings, and AWS_ENDPOINT_URL if you set one.",
                operation,
            )

        try:
            response = await self._session_now().request(
                method,
                URL(url, encoded=True),  # signed as encoded: aiohttp must not re-quote it
                headers=headers,
                data=body or None,
                allow_redirects=False,
            )
        except (TimeoutError, aiohttp.ClientError) as e:
            raise failure(e) from None
        try:
            headers_out = [(k, v) for k, v in response.headers.items() if _passes(k)]
            yield UpstreamResponse(response.status, headers_out, response, failure)
        finally:
            response.release()

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _passes(name: str) -> bool:
    name = name.lower()
    # CORS for Jupyter's origin is Jupyter's decision, not the upstream's.
    return name not in HOP_BY_HOP and not name.startswith("access-control-")


def _why(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if isinstance(error, aiohttp.ClientConnectorError) and isinstance(
        error.os_error, ConnectionRefusedError
    ):
        return "connection refused"
    if "Connection refused" in text or "Connect call failed" in text:
        return "connection refused"
    return text
