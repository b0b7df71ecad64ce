"""Small local HTTP servers standing in for AWS where the sandbox cannot show the behaviour."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lower-case names
    body: bytes
    client_port: int = 0  # one port per TCP connection: tells whether connections are reused


@dataclass
class RecordingUpstream:
    """Answers every request with a fixed JSON body and remembers what it received."""

    seen: list[Seen] = field(default_factory=list)
    slow_seconds: float = 0.0  # > 0: wait this long before answering (for 504s)
    payload: bytes = b'{"Clusters": []}'
    content_type: str = "application/x-amz-json-1.1"
    extra_headers: list[tuple[str, str]] = field(default_factory=list)  # e.g. hostile ones

    def __post_init__(self) -> None:
        release = self._release = threading.Event()
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                upstream.seen.append(
                    Seen(
                        self.command,
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        body,
                        self.client_address[1],
                    )
                )
                if upstream.slow_seconds:
                    release.wait(upstream.slow_seconds)
                payload = upstream.payload
                self.send_response(200)
                self.send_header("Content-Type", upstream.content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Set-Cookie", "AWSALB=upstream-cookie")
                self.send_header("x-amzn-RequestId", "req-1")
                for name, value in upstream.extra_headers:
                    self.send_header(name, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _answer

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()


def aws_mode(config: dict, monkeypatch, endpoint: str | None, credentials: bool = True) -> dict:
    """A server config in AWS mode, its 'AWS' at `endpoint`, with static server credentials."""
    if endpoint:
        monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    if credentials:
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDSERVER")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "server-secret")
    config["AwsSparkML"]["mode"] = "aws"
    return config


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
