"""Send a signed request to AWS and hand its answer back as it comes.

httpx keeps connections (and TLS sessions) to AWS open between requests, which matters more than
anything else for the proxy's overhead against real AWS endpoints.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx

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
    _response: httpx.Response
    _failure: Callable[[Exception], ProxyRefusal]

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body exactly as AWS sent it (still compressed if it was)."""
        try:
            async for chunk in self._response.aiter_raw():
                yield chunk
        except httpx.HTTPError as e:
            raise self._failure(e) from None


class Upstream:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None

    def _client_now(self) -> httpx.AsyncClient:
        if self._client is None:
            bundle = os.environ.get("AWS_CA_BUNDLE")  # botocore honours it, so do we
            verify: ssl.SSLContext | bool = (
                ssl.create_default_context(cafile=bundle) if bundle else True
            )
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self.timeout),
                limits=httpx.Limits(max_connections=64, max_keepalive_connections=16),
                follow_redirects=False,
                verify=verify,
            )
        return self._client

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
        client = self._client_now()
        request = client.build_request(method, url, headers=headers, content=body or None)

        def failure(error: Exception) -> ProxyRefusal:
            if isinstance(error, httpx.TimeoutException):
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
            response = await client.send(request, stream=True)
        except httpx.HTTPError as e:
            raise failure(e) from None
        try:
            headers_out = [(k, v) for k, v in response.headers.multi_items() if _passes(k)]
            yield UpstreamResponse(response.status_code, headers_out, response, failure)
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _passes(name: str) -> bool:
    name = name.lower()
    # CORS for Jupyter's origin is Jupyter's decision, not the upstream's.
    return name not in HOP_BY_HOP and not name.startswith("access-control-")


def _why(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "Connection refused" in text or "Connect call failed" in text:
        return "connection refused"
    return text
