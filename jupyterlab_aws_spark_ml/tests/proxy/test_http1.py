"""The proxy's HTTP/1.1 client against small real servers that answer the ways AWS endpoints
(and the networks in between) can: chunked, large, closing idle connections, no framing, TLS,
malformed, slow."""

from __future__ import annotations

import asyncio
import ssl

import pytest

from jupyterlab_aws_spark_ml.proxy import http1
from jupyterlab_aws_spark_ml.proxy.http1 import Pool

from .tls import self_signed_context

OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"


class Server:
    """An asyncio TCP server answering each request with `answer(request_bytes)` bytes.

    Counts connections; `close_after_answer` closes the connection after each answer without
    saying so (as an idle timeout on AWS's side looks to a client); `drop_second_request`
    closes a connection, unanswered, when its second request arrives."""

    def __init__(
        self,
        answer,
        close_after_answer=False,
        tls: ssl.SSLContext | None = None,
        drop_second_request=False,
    ):
        self.answer = answer
        self.close_after_answer = close_after_answer
        self.drop_second_request = drop_second_request
        self.tls = tls
        self.connections = 0
        self.requests: list[bytes] = []

    async def __aenter__(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        port = self.server.sockets[0].getsockname()[1]
        self.url = f"{'https' if self.tls else 'http'}://localhost:{port}"
        return self

    async def __aexit__(self, *exc):
        self.server.close()

    async def _serve(self, reader, writer):
        self.connections += 1
        answered = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                request = head + await reader.readexactly(length)
                self.requests.append(request)
                if self.drop_second_request and answered == 1:
                    break
                answered += 1
                writer.write(self.answer(request))
                await writer.drain()
                if self.close_after_answer:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def fixed(body: bytes, extra: bytes = b""):
    return lambda request: OK + f"Content-Length: {len(body)}\r\n".encode() + extra + b"\r\n" + body


async def fetch(pool: Pool, url: str, method: str = "POST", body: bytes = b"{}"):
    answer = await pool.request(method, url + "/", {"Host": "example"}, body)
    try:
        data = b"".join([chunk async for chunk in answer.chunks()])
    finally:
        pool.release(answer)
    return answer.status, dict((k.lower(), v) for k, v in answer.headers), data


@pytest.fixture
def pool(jp_asyncio_loop):
    pool = Pool(timeout=2, ssl_context=ssl.create_default_context())
    yield pool
    jp_asyncio_loop.run_until_complete(pool.close())


async def test_keeps_one_connection_for_sequential_calls(pool):
    async with Server(fixed(b'{"ok":1}')) as server:
        for _ in range(4):
            status, _, body = await fetch(pool, server.url)
            assert (status, body) == (200, b'{"ok":1}')
    assert server.connections == 1
    assert server.requests[0].startswith(b"POST / HTTP/1.1\r\nHost: example\r\n")
    assert b"Content-Length: 2\r\n\r\n{}" in server.requests[0]


async def test_chunked_answer_is_reassembled(pool):
    def chunked(request):
        return OK + b"Transfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n"

    async with Server(chunked) as server:
        for _ in range(2):
            assert (await fetch(pool, server.url))[2] == b"Wikipedia"
    assert server.connections == 1


async def test_large_body_streams_intact_through_back_pressure(pool, monkeypatch):
    pauses = []
    pause = http1._Connection.pause
    monkeypatch.setattr(
        http1._Connection,
        "pause",
        lambda self, paused: (pauses.append(paused), pause(self, paused)),
    )
    big = bytes(range(256)) * (6 * 1024 * 1024 // 256)  # 6 MB, past the 1 MB high-water mark
    async with Server(fixed(big)) as server:
        answer = await pool.request("GET", server.url + "/object", {}, b"")
        received = []
        await asyncio.sleep(0.3)  # a reader that lags: the buffer fills and reading pauses
        try:
            async for chunk in answer.chunks():
                received.append(chunk)
        finally:
            pool.release(answer)
        assert b"".join(received) == big
        assert pauses[:2] == [True, False]  # reading stopped while the reader lagged, then resumed
        assert (await fetch(pool, server.url))[0] == 200  # the connection is reusable after
    assert server.connections == 1


async def test_connection_closed_while_idle_is_replaced_without_an_error(pool):
    async with Server(fixed(b"{}"), close_after_answer=True) as server:
        for _ in range(3):
            assert (await fetch(pool, server.url))[0] == 200
            await asyncio.sleep(0.05)  # the server's close arrives while the connection idles
    assert server.connections == 3
    assert len(server.requests) == 3  # each request was sent once


async def test_connection_closed_as_the_request_arrives_is_retried_once(pool):
    """AWS closed a kept-alive connection just as the next request went out (its FIN not yet
    seen): an idempotent request is sent again on a new connection, not reported as a failure."""
    async with Server(fixed(b"{}"), drop_second_request=True) as server:
        assert (await fetch(pool, server.url, "GET", b""))[0] == 200
        assert (await fetch(pool, server.url, "GET", b""))[0] == 200
    assert server.connections == 2
    assert len(server.requests) == 3  # the dropped one, then the retry


async def test_a_post_whose_connection_closed_unanswered_is_never_sent_twice(pool):
    """The server may have acted on it before closing (RunJobFlow created the cluster, the
    answer was lost): sending it again would create a second one. The caller is told."""
    async with Server(fixed(b"{}"), drop_second_request=True) as server:
        assert (await fetch(pool, server.url))[0] == 200
        with pytest.raises(http1.StaleConnection):
            await fetch(pool, server.url)
    assert len(server.requests) == 2  # the POST went out once


async def test_body_without_framing_runs_to_the_close(pool):
    async with Server(lambda r: OK + b"\r\nall of it", close_after_answer=True) as server:
        assert (await fetch(pool, server.url))[2] == b"all of it"
        assert (await fetch(pool, server.url))[2] == b"all of it"
    assert server.connections == 2  # not reused: the close was the framing


async def test_head_answer_has_no_body_even_with_a_length(pool):
    async with Server(fixed(b"", b"")) as server:
        server.answer = lambda r: OK + b"Content-Length: 1234\r\n\r\n"
        status, headers, body = await fetch(pool, server.url, method="HEAD", body=b"")
        assert (status, headers["content-length"], body) == (200, "1234", b"")


async def test_tls_with_the_configured_trust_store(tmp_path):
    server_context, client_context = self_signed_context(tmp_path, "localhost")
    pool = Pool(timeout=2, ssl_context=client_context)
    try:
        async with Server(fixed(b"secure"), tls=server_context) as server:
            for _ in range(2):
                assert (await fetch(pool, server.url))[2] == b"secure"
        assert server.connections == 1
    finally:
        await pool.close()


async def test_tls_refuses_an_untrusted_certificate(pool, tmp_path):
    server_context, _ = self_signed_context(tmp_path, "localhost")
    async with Server(fixed(b"secure"), tls=server_context) as server:
        with pytest.raises(ssl.SSLCertVerificationError):
            await fetch(pool, server.url)


async def test_malformed_answer_is_an_error_not_a_hang(pool):
    async with Server(lambda r: b"NOT HTTP AT ALL\r\n\r\n") as server:
        with pytest.raises(ConnectionError, match="malformed"):
            await fetch(pool, server.url)


async def test_silent_server_times_out(pool):
    async with Server(lambda r: b"") as server:
        pool.timeout = 0.2
        with pytest.raises(TimeoutError):
            await fetch(pool, server.url)


async def test_header_with_a_line_break_is_refused_before_sending(pool):
    async with Server(fixed(b"{}")) as server:
        with pytest.raises(ValueError, match="line break"):
            await pool.request("GET", server.url + "/", {"X-Evil": "a\r\nHost: other"}, b"")
    assert server.requests == []


def test_keep_idle_is_below_aws_idle_timeouts():
    # AWS service endpoints close idle connections after 20 s or more; reusing one that old
    # would race their close.
    assert http1._KEEP_IDLE_SECONDS < 20
