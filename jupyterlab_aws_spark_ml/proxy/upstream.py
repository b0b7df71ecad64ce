"""Send a signed request to AWS and hand its answer back as it comes.

The client is aiohttp: maintained, streaming with back-pressure, kept-alive connections (and
TLS sessions) per host, one resend of an idempotent request on a connection AWS closed while
idle, and CONNECT tunnels through a corporate proxy. Chosen by measurement
(`bench/proxy/clients.py`: sequential calls on a kept-alive connection, client CPU per call,
2026-12-07, 2-core machine shared with other jobs, load 1.3–2.9):

  hand-written HTTP/1.1 client (proxy/http1.py, removed)   0.14–0.19 ms
  aiohttp, proxy environment read here once per host         0.24–0.36 ms
  aiohttp with trust_env=True                                0.78–1.05 ms
  httpx 0.29 (anyio and h11 in pure Python)                  1.07–1.57 ms (1.4–1.7 without
                                                             sniffio: httpcore re-imports it
                                                             on every call)

So aiohttp costs ~0.1 ms a call more than the hand-written client, noise against AWS's 20–80 ms
answers (bench/RESULTS.md, `## proxy`), and brings back what that client lost: HTTPS_PROXY and
NO_PROXY, which users behind corporate proxies need.

Why not `trust_env=True`: aiohttp then reads ~/.netrc and the proxy environment in a worker
thread on every request (two thread trips, +0.5 ms CPU). The environment is read here instead,
once per AWS host, with the standard library's rules (lower-case variables win, as in curl and
botocore; NO_PROXY by host suffix, `*` for all). The CA bundle is botocore's `ca_bundle`
(AWS_CA_BUNDLE, or `ca_bundle` in the profile), so the proxy trusts what the AWS CLI trusts.
"""

from __future__ import annotations

import ipaddress
import os
import ssl
import urllib.request
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import aiohttp

from .answer_headers import passes
from .refusal import ProxyRefusal

PER_HOST = 16
# Below the idle timeouts of AWS endpoints, so we rarely meet a connection AWS has closed.
KEEP_IDLE_SECONDS = 15.0
READ_BYTES = 64 * 1024
# Headers the client would add after signing: the answer must stay as the browser asked
# (no gzip it did not ask for), and S3 would store a Content-Type we invented.
NOT_ADDED = ("Accept", "Accept-Encoding", "User-Agent", "Content-Type")


@dataclass(frozen=True)
class Route:
    """How to reach one AWS host: directly, or through `proxy` (named by `variable`)."""

    proxy: str | None = None  # without credentials: safe to show
    variable: str = ""  # e.g. 'HTTPS_PROXY'
    headers: dict[str, str] | None = None  # Proxy-Authorization, from the proxy URL


def route_for(url: str) -> Route:
    """The proxy environment's answer for `url` (the standard library's reading of it).

    A loopback address (the sandbox's 127.0.0.1) is always reached directly, as Go's HTTP client
    does: no proxy can reach this machine's loopback, and an HTTP_PROXY set for the rest of the
    network must not break sandbox mode."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parts.scheme)
    if not proxy or _loopback(host) or urllib.request.proxy_bypass(host):
        return Route()
    if "://" not in proxy:
        proxy = "http://" + proxy
    parsed = urlsplit(proxy)
    shown = f"{parsed.scheme}://{parsed.hostname}" + (f":{parsed.port}" if parsed.port else "")
    name = f"{parts.scheme}_proxy"
    variable = name if os.environ.get(name) else name.upper()
    headers = None
    if parsed.username:
        # percent-encoded in the URL (a password with '@' or ':'), as curl and requests read it
        auth = aiohttp.BasicAuth(unquote(parsed.username), unquote(parsed.password or ""))
        headers = {"Proxy-Authorization": auth.encode()}
    return Route(shown, variable, headers)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name; 'localhost' too goes by NO_PROXY, as curl and botocore do
        return False


@dataclass
class UpstreamResponse:
    status: int
    headers: list[tuple[str, str]]  # only those answer_headers.passes; repeated names kept
    _answer: aiohttp.ClientResponse
    _failure: Callable[[Exception], ProxyRefusal]

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body exactly as AWS sent it (still compressed if it was)."""
        try:
            async for chunk in self._answer.content.iter_chunked(READ_BYTES):
                yield chunk
        except _FAILURES as e:
            raise self._failure(e) from None


# What going to AWS can raise: timeouts, aiohttp's errors (refused, DNS, TLS, proxy, reset,
# malformed answers), and OSError for what aiohttp passes through.
_FAILURES = (TimeoutError, aiohttp.ClientError, OSError)


class Upstream:
    def __init__(self, timeout: float, ca_bundle: str | None = None) -> None:
        self.timeout = timeout
        self.ca_bundle = ca_bundle
        self._session: aiohttp.ClientSession | None = None
        self._routes: dict[tuple[str, str], Route] = {}

    def _session_now(self) -> aiohttp.ClientSession:
        if self._session is None:
            context = ssl.create_default_context(cafile=self.ca_bundle or None)
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    ssl=context, limit=0, limit_per_host=PER_HOST,
                    keepalive_timeout=KEEP_IDLE_SECONDS,
                ),
                # On the connect and on every wait for bytes, not on the whole answer: a large
                # download may take longer than `timeout` as long as it keeps coming.
                timeout=aiohttp.ClientTimeout(
                    total=None, connect=self.timeout, sock_read=self.timeout
                ),
                auto_decompress=False,  # the browser gets AWS's bytes and decompresses them
                skip_auto_headers=NOT_ADDED,
                cookie_jar=aiohttp.DummyCookieJar(),  # AWS's cookies are not the server's
            )  # fmt: skip
        return self._session

    def route(self, url: str) -> Route:
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        found = self._routes.get(key)
        if found is None:
            found = self._routes[key] = route_for(url)
        return found

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
        route = self.route(url)

        def failure(error: Exception) -> ProxyRefusal:
            if isinstance(error, TimeoutError):
                return ProxyRefusal(
                    504,
                    "upstream-timeout",
                    f"{service} at {endpoint} did not answer within {self.timeout:g} s. Try "
                    "again; if it keeps happening raise c.AwsSparkML.upstream_timeout.",
                    operation,
                )
            if route.proxy and isinstance(
                error, (aiohttp.ClientProxyConnectionError, aiohttp.ClientHttpProxyError)
            ):
                return ProxyRefusal(
                    502,
                    "upstream-unreachable",
                    f"Could not reach {service} at {endpoint} through the proxy {route.proxy} "
                    f"(from {route.variable}): {_why(error)}. Check {route.variable} and "
                    "NO_PROXY in the Jupyter server's environment.",
                    operation,
                )
            via = f" through the proxy {route.proxy} (from {route.variable})" if route.proxy else ""
            return ProxyRefusal(  # refused, DNS, TLS, reset
                502,
                "upstream-unreachable",
                f"Could not reach {service} at {endpoint}{via}: {_why(error)}. Check the "
                "server's network or proxy settings (HTTPS_PROXY, NO_PROXY, AWS_CA_BUNDLE), "
                "and AWS_ENDPOINT_URL if you set one.",
                operation,
            )

        session = self._session_now()
        try:
            answer = await session.request(
                method,
                url,
                headers=headers,
                data=body or None,
                proxy=route.proxy,
                proxy_headers=route.headers,
                allow_redirects=False,  # AWS's redirect is the SDK's to follow, not ours
            )
        except _FAILURES as e:
            raise failure(e) from None
        except ValueError as e:  # a header that would break the request's framing
            raise ProxyRefusal(
                400, "bad-header", f"Refused a request header: {e}", operation
            ) from None
        try:
            headers_out = [(k, v) for k, v in answer.headers.items() if passes(k)]
            yield UpstreamResponse(answer.status, headers_out, answer, failure)
        finally:
            answer.release()  # back to the pool when read to the end, else closed

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _why(error: Exception) -> str:
    if isinstance(error, aiohttp.ClientHttpProxyError):
        return f"the proxy answered {error.status} {error.message}".strip()
    if isinstance(error, aiohttp.ClientConnectorError):
        error = error.os_error
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    text = str(error) or type(error).__name__
    if "Connection refused" in text or "Connect call failed" in text:
        return "connection refused"
    return text
