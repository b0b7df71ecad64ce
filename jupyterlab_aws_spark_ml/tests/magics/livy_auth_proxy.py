"""A password-checking front for the sandbox Livy, like Knox/LDAP in front of Livy on EMR.

Requests without the right `Authorization: Basic …` get 401 with the configured challenge;
the rest are forwarded to the real Livy (with the sandbox Livy's own password). Records every
Authorization header it saw.
"""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests


class LivyAuthProxy:
    def __init__(
        self, livy_url: str, username: str, password: str, challenge: str, livy_password: str
    ) -> None:
        self.livy_url = livy_url
        self.livy_auth = ("sandbox", livy_password)
        self.expected = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.challenge = challenge
        self.seen_authorization: list[str | None] = []
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._http.server_address[1]

    def __enter__(self) -> LivyAuthProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._http.shutdown()
        self._http.server_close()

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _forward(self):
                authorization = self.headers.get("Authorization")
                proxy.seen_authorization.append(authorization)
                if authorization != proxy.expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", proxy.challenge)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                answer = requests.request(
                    self.command,
                    proxy.livy_url + self.path,
                    data=body,
                    headers={"Content-Type": "application/json"},
                    auth=proxy.livy_auth,
                    timeout=30,
                )
                self.send_response(answer.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_DELETE = _forward

        return Handler
