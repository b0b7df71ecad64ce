"""The signing proxy under attack, as a page of another site or a hostile 'AWS' would try it.

Each test fails when the fix it covers is reverted: one parse with repeated keys refused, query
APIs by POST only, the extension's own header required, upstream headers through an allowlist
with every answer an attachment under a sandboxing CSP, bad regions 400, logs without raw
control characters, disconnects quiet, oversized bodies refused unread, slow clients harmless.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import time

import pytest

from jupyterlab_aws_spark_ml.tests.proxy.admin_allowlist import allow_s3_reads
from jupyterlab_aws_spark_ml.tests.proxy.upstreams import RecordingUpstream, aws_mode
from jupyterlab_aws_spark_ml.tests.security.proxy_attacks import ATTACKS

PROXY = "aws-spark-ml/proxy/"
MIB = 1024 * 1024


async def test_every_listed_attack_is_refused_as_expected(
    http_server_client, jp_base_url, jp_auth_header, aws_spark_ml
):
    wrong = []
    for attack in ATTACKS:
        response = await http_server_client.fetch(
            f"{jp_base_url}{PROXY}{attack.rest}", **attack.fetch_arguments(jp_auth_header)
        )
        reason = _reason(response.body)
        if not attack.refused_as_expected(response.code, reason):
            wrong.append(f"{attack.name}: {response.code} {reason} {response.body[:200]!r}")
    assert not wrong, "\n".join(wrong)
    # The bypass of the issue created a user and handed out credentials: nothing happened.
    iam = aws_spark_ml["sandbox"].client("iam")
    assert iam.list_users()["Users"] == []


async def test_the_sdks_own_requests_still_pass(proxy_call, parse_aws):
    for service, operation in [("sts", "GetCallerIdentity"), ("iam", "ListRoles")]:
        response = await proxy_call(service, operation)
        assert response.code == 200, response.body
        assert "Error" not in parse_aws(service, operation, response)


async def test_login_cookie_alone_cannot_use_the_proxy(
    http_server_client, jp_base_url, jp_auth_header
):
    """What a link or a form on another site sends: the browser's cookie, nothing else."""
    status = await http_server_client.fetch(f"{jp_base_url}api/status", headers=jp_auth_header)
    cookie = "; ".join(c.split(";", 1)[0] for c in status.headers.get_list("Set-Cookie"))
    assert cookie, "Jupyter set no login cookie to replay"
    navigation = await http_server_client.fetch(
        f"{jp_base_url}{PROXY}s3/us-east-1/demo/page.html",
        headers={"Cookie": cookie},
        raise_error=False,
    )
    assert (navigation.code, _reason(navigation.body)) == (403, "missing-client-header")
    form = await http_server_client.fetch(
        f"{jp_base_url}{PROXY}sts/us-east-1/",
        method="POST",
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        body="Action=GetCallerIdentity&Version=2011-06-15",
        raise_error=False,
    )
    assert form.code == 403  # Jupyter's XSRF check, and our header, both refuse it


async def test_control_characters_from_the_request_never_reach_the_log_raw(
    proxy_fetch, port, jp_base_url, server_log
):
    # Percent-encoded ESCs decode into the refusal's message ("Action '…' is not an operation").
    response = await proxy_fetch(
        "POST",
        "sts/us-east-1/",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body="Action=%1b[2J%1b[31mevil%1b[0m&Version=2011-06-15",
    )
    assert response.code == 400
    ours = [line for line in server_log if "aws-spark-ml proxy refused" in line]
    assert ours and all("\x1b" not in line for line in ours), ours
    assert any("\\x1b[31mevil" in line for line in ours), ours  # escaped, still readable
    # Raw control bytes in the request line never get that far: Tornado refuses the line.
    head = await _exchange(port, f"GET {jp_base_url}{PROXY}\x1b[31m/us-east-1/ HTTP/1.1\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") or head == b"", head
    assert all("\x1b" not in line for line in server_log)


async def test_unauthenticated_128_mib_body_is_refused_before_it_is_read(port, jp_base_url):
    baseline = _reset_peak_rss()
    started = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        (
            f"POST {jp_base_url}{PROXY}emr/us-east-1/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Length: {128 * MIB}\r\nX-Amz-Target: ElasticMapReduce.ListClusters\r\n"
            "Content-Type: application/x-amz-json-1.1\r\nX-Aws-Spark-Ml: 1\r\n\r\n"
        ).encode()
    )
    await writer.drain()
    # The answer comes before a single byte of the body was sent.
    status = await asyncio.wait_for(reader.readline(), 5)
    assert status.startswith(b"HTTP/1.1 403"), status
    accepted = await _push_body(writer, 128 * MIB)
    assert time.monotonic() - started < 10
    assert accepted < 64 * MIB, f"the server took {accepted / MIB:.0f} MiB of the body"
    assert _memory()["VmHWM"] - baseline < 64 * MIB


async def test_authenticated_body_over_the_cap_is_413_before_it_is_read(
    port, jp_base_url, jp_auth_header, aws_spark_ml
):
    cap = aws_spark_ml["proxy"].max_body_bytes
    head = await _exchange(
        port,
        f"PUT {jp_base_url}{PROXY}s3/us-east-1/demo/big.bin HTTP/1.1\r\n"
        f"{_auth_lines(jp_auth_header)}X-Aws-Spark-Ml: 1\r\nContent-Length: {cap + 1}\r\n\r\n",
    )
    assert head.startswith(b"HTTP/1.1 413"), head
    assert b"body-too-large" in head


async def test_sixteen_stalled_downloads_do_not_starve_other_calls(
    port, jp_base_url, jp_auth_header, aws_spark_ml, proxy_call, server_log
):
    """16 browsers that never read an 8 MiB object used to hold all 16 connections to AWS."""
    s3 = aws_spark_ml["sandbox"].client("s3")
    s3.create_bucket(Bucket="big")
    s3.put_object(Bucket="big", Key="blob.bin", Body=os.urandom(8 * MIB))
    request = (
        f"GET {jp_base_url}{PROXY}s3/us-east-1/big/blob.bin?x-id=GetObject HTTP/1.1\r\n"
        f"{_auth_lines(jp_auth_header)}X-Aws-Spark-Ml: 1\r\n\r\n"
    ).encode()
    stalled = [await _stalled_client(port, request) for _ in range(16)]
    try:
        await asyncio.sleep(3)  # time to fill every buffer between AWS and them
        started = time.monotonic()
        response = await proxy_call("sts", "GetCallerIdentity", request_timeout=20)
        took = time.monotonic() - started
        assert response.code == 200, response.body
        assert took < 5, f"STS took {took:.1f} s behind 16 stalled downloads"
    finally:
        for sock in stalled:
            sock.close()
    await asyncio.sleep(1)  # they notice the browsers left
    assert not [r for r in server_log if "Traceback" in r or "Uncaught" in r], server_log


@pytest.mark.usefixtures("s3_reads_allowed")
async def test_a_browser_leaving_mid_download_ends_quietly(
    port, jp_base_url, jp_auth_header, aws_spark_ml, server_log
):
    s3 = aws_spark_ml["sandbox"].client("s3")
    s3.create_bucket(Bucket="big")
    s3.put_object(Bucket="big", Key="blob.bin", Body=os.urandom(8 * MIB))
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        (
            f"GET {jp_base_url}{PROXY}s3/us-east-1/big/blob.bin?x-id=GetObject HTTP/1.1\r\n"
            f"{_auth_lines(jp_auth_header)}X-Aws-Spark-Ml: 1\r\n\r\n"
        ).encode()
    )
    assert (await asyncio.wait_for(reader.readline(), 10)).startswith(b"HTTP/1.1 200")
    await reader.read(64 * 1024)
    writer.transport.abort()  # the tab closed: a reset, mid-body
    await asyncio.sleep(2)
    assert not [r for r in server_log if "Traceback" in r or "StreamClosed" in r], server_log


HOSTILE_HEADERS = [
    ("Content-Security-Policy", "script-src * 'unsafe-inline'"),
    ("X-Content-Type-Options", "sniff"),
    ("X-Frame-Options", "ALLOWALL"),
    ("Refresh", "0; url=https://evil.example/"),
    ("Link", "<https://evil.example/x.css>; rel=stylesheet"),
    ("Location", "https://evil.example/"),
    ("WWW-Authenticate", 'Basic realm="AWS"'),
    ("Clear-Site-Data", '"cookies", "storage"'),
    ("Access-Control-Allow-Origin", "https://evil.example"),
    ("Strict-Transport-Security", "max-age=0"),
    ("Content-Disposition", 'inline; filename="page.html"'),
    ("x-amz-meta-owner", "someone"),
]
NEVER_PASS = [
    "Refresh",
    "Link",
    "Location",
    "WWW-Authenticate",
    "Clear-Site-Data",
    "Access-Control-Allow-Origin",
    "X-Frame-Options",
    "Strict-Transport-Security",
]


class TestHostileUpstream:
    """An 'AWS' (or an S3 object's metadata) that tries to act as a page of Jupyter's origin."""

    @pytest.fixture
    def upstream(self):
        server = RecordingUpstream(
            payload=b"<html><form action='https://evil.example/'><input name=p></form>"
            b"<script>alert(document.cookie)</script></html>",
            content_type="text/html",
            extra_headers=HOSTILE_HEADERS,
        )
        yield server
        server.stop()

    @pytest.fixture
    def jp_server_config(self, jp_server_config, upstream, monkeypatch):
        # Objects are read here, as an admin may allow: the sidebar itself reads none.
        return allow_s3_reads(aws_mode(jp_server_config, monkeypatch, upstream.url))

    async def test_an_html_object_is_served_as_a_sandboxed_attachment(self, proxy_fetch):
        response = await proxy_fetch("GET", "s3/us-east-1/demo/page.html?x-id=GetObject")
        assert response.code == 200
        headers = response.headers
        for name, value in HOSTILE_HEADERS:  # Jupyter's own CORS/cookie headers may remain
            if name in NEVER_PASS:
                assert value not in headers.get_list(name), (name, headers.get_list(name))
        csp = headers.get_list("Content-Security-Policy")
        assert len(csp) == 1 and csp[0].startswith("sandbox; "), csp
        assert "default-src 'none'" in csp[0] and "frame-ancestors 'self'" in csp[0], csp
        assert "unsafe-inline" not in csp[0]
        assert not [c for c in headers.get_list("Set-Cookie") if "AWSALB" in c]
        assert headers.get_list("X-Content-Type-Options") == ["nosniff"]
        assert headers["Content-Disposition"] == 'attachment; filename="page.html"'
        assert headers["x-amz-meta-owner"] == "someone"  # AWS's own headers still pass

    async def test_every_proxied_answer_is_an_attachment(self, proxy_call):
        response = await proxy_call("emr", "ListClusters")
        assert response.code == 200
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["Content-Security-Policy"].startswith("sandbox; ")

    async def test_encoded_traversal_stays_a_literal_key(self, proxy_fetch, upstream):
        for rest in ["demo/%252e%252e/%252e%252e/x", "demo/..%2F..%2Fx", "demo/a%2F..%2Fb"]:
            response = await proxy_fetch("GET", f"s3/us-east-1/{rest}?x-id=GetObject")
            assert response.code == 200, (rest, response.body)
        paths = [seen.path.split("?")[0] for seen in upstream.seen]
        assert paths == [
            "/demo/%252e%252e/%252e%252e/x",
            "/demo/..%2F..%2Fx",
            "/demo/a%2F..%2Fb",
        ]

    async def test_the_forwarded_request_is_the_checked_one(self, proxy_call, upstream):
        body = b"Action=GetCallerIdentity&Version=2011-06-15"
        form = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        response = await proxy_call("sts", "GetCallerIdentity", headers=form, body=body)
        assert response.code == 200
        assert upstream.seen[-1].body == body and upstream.seen[-1].path == "/"


# helpers


@pytest.fixture
def s3_reads_allowed(jp_server_config):
    """Downloads, as an admin may allow: the sidebar itself reads no objects."""
    allow_s3_reads(jp_server_config)


@pytest.fixture
def port(http_server, jp_http_port):
    """The running server's port, for requests no HTTP client library would send."""
    return jp_http_port


@pytest.fixture
def server_log(jp_serverapp):
    """Every line the server logs during the test (its own log, Tornado's and the access log)."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    keep = Keep(logging.DEBUG)
    keep.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    loggers = [jp_serverapp.log] + [
        logging.getLogger(n)
        for n in ("tornado.access", "tornado.application", "tornado.general", "asyncio")
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(keep)
        logger.setLevel(logging.DEBUG)
    yield lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(keep)
        logger.setLevel(level)


def _reason(body: bytes | None) -> str | None:
    try:
        return json.loads(body or b"{}").get("reason")
    except (ValueError, AttributeError):
        return None


def _auth_lines(auth_header: dict[str, str]) -> str:
    return "Host: 127.0.0.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in auth_header.items())


async def _exchange(port: int, head: str) -> bytes:
    """Send a request head (no body); the answer's head and start of body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head.encode("latin-1"))
        await writer.drain()
        return await asyncio.wait_for(reader.read(64 * 1024), 10)
    finally:
        writer.close()


async def _push_body(writer: asyncio.StreamWriter, size: int) -> int:
    """Send up to `size` bytes until the server stops taking them; how many it took."""
    chunk, sent = b"\0" * MIB, 0
    try:
        while sent < size:
            writer.write(chunk)
            await asyncio.wait_for(writer.drain(), 2)
            sent += len(chunk)
    except (ConnectionError, TimeoutError):
        pass
    finally:
        writer.transport.abort()
    return sent


async def _stalled_client(port: int, request: bytes) -> socket.socket:
    """A browser that asks for a download and never reads it (a small receive window)."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    loop = asyncio.get_running_loop()
    await loop.sock_connect(sock, ("127.0.0.1", port))
    await loop.sock_sendall(sock, request)
    return sock


def _memory() -> dict[str, int]:
    """This process's (the server's) resident memory now and at its peak, in bytes."""
    with open("/proc/self/status") as f:
        fields = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
    return {k: int(fields[k].split()[0]) * 1024 for k in ("VmRSS", "VmHWM")}


def _reset_peak_rss() -> int:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM to the current RSS
    return _memory()["VmRSS"]
