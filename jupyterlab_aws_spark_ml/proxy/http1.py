"""A small HTTP/1.1 client for the proxy's one job: many small calls to a few AWS hosts.

Why our own: the proxy's whole cost is per request, and general clients spend most of theirs on
features it never uses (cookies, redirects, tracing, proxies, URL re-parsing). aiohttp added
0.7-0.9 ms a call over a bare socket to the same sandbox; with this client the proxy's whole
own part (check, sign, forward) is 0.2-0.3 ms (bench/RESULTS.md, `## proxy`). Parsing is
llhttp's (Node's parser, through httptools), so the wire format is not hand-rolled.

What it does: keep-alive connections per host (TLS for real AWS), request written in one send,
Content-Length and chunked answers, HEAD, bodies streamed with back-pressure, a timeout on the
connect and on every wait for bytes, and one retry of an idempotent request when a kept-alive
connection turns out to have been closed by AWS before it answered anything (a POST is never
sent twice: AWS may have acted on it before the connection dropped).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httptools

_HIGH_WATER, _LOW_WATER = 1024 * 1024, 256 * 1024  # buffered answer bytes: pause / resume
_KEEP_IDLE_SECONDS = (
    15.0  # below the idle timeouts of AWS endpoints, so we rarely meet a closed one
)


# RFC 9110 9.2.2: only these may be repeated without asking; AWS's creates are POSTs.
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


class StaleConnection(ConnectionError):
    """A kept-alive connection was closed before any answer: safe to send again once."""


class _Connection(asyncio.Protocol):
    """One TCP (or TLS) connection; one exchange at a time."""

    def __init__(self, key: tuple[str, str, int]) -> None:
        self.key = key
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.idle_since = time.monotonic()
        self._answer: Answer | None = None

    # asyncio.Protocol
    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        answer = self._answer
        if answer is None:  # bytes nobody asked for: the connection cannot be trusted
            self.close()
            return
        try:
            answer.parser.feed_data(data)
        except httptools.HttpParserError as e:
            answer.fail(ConnectionError(f"malformed HTTP answer ({e})"))
            self.close()

    def eof_received(self) -> bool:
        return False  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._answer is not None:
            self._answer.connection_lost(exc)

    # for Pool and Answer
    def send(self, data: bytes, answer: Answer) -> None:
        self._answer = answer
        assert self.transport is not None
        self.transport.write(data)

    def done(self, answer: Answer) -> None:
        if self._answer is answer:
            self._answer = None
        self.idle_since = time.monotonic()

    def pause(self, paused: bool) -> None:
        if self.transport is not None and not self.closed:
            (self.transport.pause_reading if paused else self.transport.resume_reading)()

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()


class Answer:
    """The response to one request: status and headers first, then the body as it arrives."""

    def __init__(self, connection: _Connection, head_request: bool, timeout: float) -> None:
        self.connection = connection
        self.parser = httptools.HttpResponseParser(self)
        self.status = 0
        self.headers: list[tuple[str, str]] = []
        self.received_anything = False
        self._head_request = head_request
        self._timeout = timeout
        self._body: deque[bytes] = deque()
        self._buffered = 0
        self._headers_done = False
        self._complete = False
        self._error: Exception | None = None
        self._waiter: asyncio.Future | None = None
        self._paused = False
        self._keep_alive = False

    # httptools callbacks
    def on_message_begin(self) -> None:
        self.received_anything = True

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.decode("latin-1"), value.decode("latin-1")))

    def on_headers_complete(self) -> None:
        self.status = self.parser.get_status_code()
        self._keep_alive = self.parser.should_keep_alive()  # llhttp forgets it once complete
        self._headers_done = True
        if self._head_request:  # no body follows, whatever Content-Length says
            self._complete = True
        self._wake()

    def on_body(self, chunk: bytes) -> None:
        self._body.append(chunk)
        self._buffered += len(chunk)
        if self._buffered > _HIGH_WATER and not self._paused:
            self._paused = True
            self.connection.pause(True)
        self._wake()

    def on_message_complete(self) -> None:
        self._complete = True
        self._wake()

    # from the connection
    def connection_lost(self, exc: Exception | None) -> None:
        if self._complete:
            return
        if self._headers_done and not self._has_framing():
            self._complete = True  # the body ran until the connection closed (HTTP/1.0 style)
        elif not self.received_anything:
            self.fail(StaleConnection("the connection was closed before any answer"))
        else:
            self.fail(exc or ConnectionError("the connection closed in the middle of the answer"))
        self._wake()

    def fail(self, error: Exception) -> None:
        if self._error is None:
            self._error = error
        self._wake()

    # for the caller
    async def headers_received(self) -> None:
        while not self._headers_done:
            await self._wait()

    async def chunks(self) -> AsyncIterator[bytes]:
        while True:
            while self._body:
                chunk = self._body.popleft()
                self._buffered -= len(chunk)
                if self._paused and self._buffered < _LOW_WATER:
                    self._paused = False
                    self.connection.pause(False)
                yield chunk
            if self._complete:
                return
            await self._wait()

    def release(self) -> bool:
        """Give the connection back for the next request. True when it can be reused."""
        reusable = (
            self._complete
            and self._error is None
            and not self._body
            and not self.connection.closed
            and self._keep_alive
            # after a HEAD, bytes of a body could still come; do not risk mixing answers
            and not (self._head_request and self._declared_length() not in (None, 0))
        )
        self.connection.done(self)
        if not reusable:
            self.connection.close()
        return reusable

    async def _wait(self) -> None:
        if self._error is not None:
            raise self._error
        loop = asyncio.get_running_loop()
        waiter = self._waiter = loop.create_future()
        # A bare timer, not asyncio.timeout(): this runs for every call, and it is cheaper.
        timer = loop.call_later(self._timeout, _time_out, waiter, self._timeout)
        try:
            await waiter
        finally:
            timer.cancel()
            self._waiter = None
        if self._error is not None:
            raise self._error

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _has_framing(self) -> bool:
        names = {name.lower() for name, _ in self.headers}
        return "content-length" in names or "transfer-encoding" in names

    def _declared_length(self) -> int | None:
        for name, value in self.headers:
            if name.lower() == "content-length":
                return int(value) if value.strip().isdigit() else None
        return None


def _time_out(waiter: asyncio.Future, seconds: float) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError(f"no answer within {seconds:g} s"))


class Pool:
    """Kept-alive connections per (scheme, host, port), at most `per_host` in use at once."""

    def __init__(self, timeout: float, ssl_context: ssl.SSLContext, per_host: int = 16) -> None:
        self.timeout = timeout
        self.ssl_context = ssl_context
        self.per_host = per_host
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._slots: dict[tuple[str, str, int], asyncio.Semaphore] = {}
        self._open: set[_Connection] = set()

    async def request(self, method: str, url: str, headers: dict[str, str], body: bytes) -> Answer:
        """Send and wait for the answer's status and headers. The caller reads `chunks()` and
        must call `release(answer)` (in a `finally`)."""
        parts = urlsplit(url)
        scheme, host = parts.scheme, parts.hostname or ""
        port = parts.port or (443 if scheme == "https" else 80)
        key = (scheme, host, port)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        data = _request_bytes(method, target, parts.netloc, headers, body)
        slots = self._slots.get(key) or self._slots.setdefault(
            key, asyncio.Semaphore(self.per_host)
        )
        await slots.acquire()
        try:
            connection = self._idle_connection(key)
            if connection is not None:
                try:
                    return await self._exchange(connection, method, data)
                except StaleConnection:
                    # Closed while idle, or closed after doing the work (a dropped answer)? Only
                    # an idempotent request may be sent anew; a POST could create twice.
                    if method not in _IDEMPOTENT:
                        raise
            return await self._exchange(await self._connect(key), method, data)
        except BaseException:
            slots.release()
            raise

    def release(self, answer: Answer) -> None:
        connection = answer.connection
        if answer.release():
            self._idle.setdefault(connection.key, []).append(connection)
        else:
            self._open.discard(connection)
        self._slots[connection.key].release()

    async def close(self) -> None:
        for connection in list(self._open):
            connection.close()
        self._open.clear()
        self._idle.clear()
        await asyncio.sleep(0)  # let transports finish closing

    def _idle_connection(self, key) -> _Connection | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            fresh = now - connection.idle_since < _KEEP_IDLE_SECONDS
            if fresh and not connection.closed and not connection.transport.is_closing():
                return connection
            connection.close()
            self._open.discard(connection)
        return None

    async def _connect(self, key) -> _Connection:
        scheme, host, port = key
        loop = asyncio.get_running_loop()
        secure = scheme == "https"
        async with asyncio.timeout(self.timeout):
            _, connection = await loop.create_connection(
                lambda: _Connection(key),
                host,
                port,
                ssl=self.ssl_context if secure else None,
                server_hostname=host if secure else None,
            )
        self._open.add(connection)
        return connection

    async def _exchange(self, connection: _Connection, method: str, data: bytes) -> Answer:
        answer = Answer(connection, method == "HEAD", self.timeout)
        connection.send(data, answer)
        try:
            await answer.headers_received()
        except BaseException:
            connection.done(answer)
            connection.close()
            self._open.discard(connection)
            raise
        return answer


def _request_bytes(
    method: str, target: str, netloc: str, headers: dict[str, str], body: bytes
) -> bytes:
    lines = [f"{method} {target} HTTP/1.1"]
    names = set()
    for name, value in headers.items():
        if "\r" in name or "\n" in name or "\r" in value or "\n" in value or ":" in name:
            raise ValueError(f"header {name!r} has a line break or colon")
        lines.append(f"{name}: {value}")
        names.add(name.lower())
    if "host" not in names:
        lines.append(f"Host: {netloc}")
    if "content-length" not in names and (body or method in ("POST", "PUT", "PATCH")):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body
