"""Send a signed request to AWS and hand its answer back as it comes.

Connections (and TLS sessions) to AWS stay open between requests, which matters more than
anything else for the proxy's overhead against real AWS endpoints. The client is `http1.Pool`,
chosen for its per-request cost (see its docstring and bench/proxy).
"""

from __future__ import annotations

import os
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from .answer_headers import passes
from .http1 import Answer, Pool
from .refusal import ProxyRefusal


@dataclass
class UpstreamResponse:
    status: int
    headers: list[tuple[str, str]]  # only those answer_headers.passes; repeated names kept
    _answer: Answer
    _failure: Callable[[Exception], ProxyRefusal]

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body exactly as AWS sent it (still compressed if it was)."""
        try:
            async for chunk in self._answer.chunks():
                yield chunk
        except _FAILURES as e:
            raise self._failure(e) from None


# What going to AWS can raise: timeouts, and OSError for refused, reset, DNS, TLS (ssl.SSLError)
# and malformed answers (http1 reports those as ConnectionError).
_FAILURES = (TimeoutError, OSError)


class Upstream:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._pool: Pool | None = None

    def _pool_now(self) -> Pool:
        if self._pool is None:
            bundle = os.environ.get("AWS_CA_BUNDLE")  # botocore honours it, so do we
            context = ssl.create_default_context(cafile=bundle or None)
            self._pool = Pool(self.timeout, context, per_host=16)
        return self._pool

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
            if isinstance(error, TimeoutError):
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

        pool = self._pool_now()
        try:
            answer = await pool.request(method, url, headers, body)
        except _FAILURES as e:
            raise failure(e) from None
        except ValueError as e:  # a header that would break the request line framing
            raise ProxyRefusal(
                400, "bad-header", f"Refused a request header: {e}.", operation
            ) from None
        try:
            headers_out = [(k, v) for k, v in answer.headers if passes(k)]
            yield UpstreamResponse(answer.status, headers_out, answer, failure)
        finally:
            pool.release(answer)

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


def _why(error: Exception) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    text = str(error) or type(error).__name__
    if "Connection refused" in text or "Connect call failed" in text:
        return "connection refused"
    return text
