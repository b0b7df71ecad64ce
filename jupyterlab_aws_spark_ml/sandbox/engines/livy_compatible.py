"""A server that speaks Apache Livy's REST API, running each session on real local pyspark.

This is NOT Apache Livy. Livy's interactive sessions need its REPL jars (`livy-repl_2.12`,
which runs inside the Spark driver), and Maven Central, the only Java source this project may use,
has never published them: no `livy-repl_*` artifact for any version, and no 0.8.0/0.9.0 artifacts
at all (newest is livy-server 0.7.1-incubating, Scala 2.11). So the sandbox answers Livy's REST
protocol itself, as sparkmagic 0.23 uses it, and runs the code on a real SparkSession in one
Python process per session (see `livy_sessions.py` and `livy_session_process.py`).

Unlike Livy on EMR (which trusts its network), it runs code as this machine's user, so it takes
requests only from this user's programs: HTTP Basic with the sandbox's password (any user name;
sparkmagic's Basic_Access, which the magic sends on its own), its own Host, no web-page requests.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import re
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from .. import guard
from .livy_requests import (
    LivyRequestError,
    driver_memory,
    heartbeat_seconds,
    spark_settings,
    strings,
)
from .livy_sessions import SUPPORTED_KINDS, LivySession, SessionNotUsable

SERVER_VERSION = "0.7.1-compatible (sandbox; not Apache Livy)"
ORPHAN_CHECK_SECONDS = 5.0


class LivyCompatibleServer:
    """Sessions and statements behind Livy's REST API on 127.0.0.1.

    `spark_conf` applies to every session (S3A on the sandbox, small local Spark); a session's own
    `conf` is merged over it. The port is bound at construction so it is reserved at once.
    """

    def __init__(
        self,
        state_dir: Path,
        spark_conf: dict[str, str],
        environment: dict[str, str],
        port: int = 0,
        host: str = "127.0.0.1",
        before_session=None,
        password: str | None = None,
    ) -> None:
        self.state_dir = Path(state_dir)
        self.spark_conf = dict(spark_conf)
        self.environment = dict(environment)
        # HTTP Basic password every request must carry; None only for tests of the protocol.
        self.password = password
        # Called before each new session, e.g. to check the jars; may raise RuntimeError.
        self.before_session = before_session
        self.sessions: dict[int, LivySession] = {}
        self._next_id = 0
        self._lock = threading.Lock()
        self._http = ThreadingHTTPServer((host, port), _handler_for(self))
        self._http.daemon_threads = True
        self._thread: threading.Thread | None = None
        self._closing = threading.Event()

    @property
    def port(self) -> int:
        return self._http.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._http.serve_forever, name="livy-compatible", daemon=True
            )
            self._thread.start()
            threading.Thread(target=self._stop_orphans, name="livy-heartbeats", daemon=True).start()

    def stop(self) -> None:
        """Kill every session's processes, then close the port."""
        self._closing.set()
        for session in list(self.sessions.values()):
            session.stop()
        if self._thread is not None:
            self._http.shutdown()
            self._thread = None
        self._http.server_close()

    # --- the operations, independent of HTTP ---------------------------------------------

    def create_session(self, body: dict) -> LivySession:
        if self.before_session is not None:
            self.before_session()
        kind = body.get("kind", "pyspark")
        if kind not in SUPPORTED_KINDS:
            raise LivyRequestError(
                400,
                f"kind {kind!r} is not supported by the sandbox's Livy; use one of "
                f"{', '.join(SUPPORTED_KINDS)} (Scala and R sessions need Apache Livy on a cluster).",
            )
        conf = {**self.spark_conf, **spark_settings(body.get("conf", {}), "conf")}
        if body.get("driverMemory"):
            conf["spark.driver.memory"] = driver_memory(body["driverMemory"])
        if body.get("jars"):
            conf["spark.jars"] = ",".join(strings(body["jars"], "jars"))
        name = body.get("name")
        if name is not None and not isinstance(name, str):
            raise LivyRequestError(400, "name must be a string")
        with self._lock:
            session_id, self._next_id = self._next_id, self._next_id + 1
            if name:
                conf["spark.app.name"] = name
            conf.setdefault("spark.app.name", f"livy-session-{session_id}")
            # Scratch space inside the sandbox's folder, so it goes when the sandbox does.
            conf.setdefault(
                "spark.local.dir", str(self.state_dir / f"session-{session_id}-scratch")
            )
            session = LivySession(
                id=session_id,
                kind=kind,
                name=name,
                conf=conf,
                py_files=strings(body.get("pyFiles", []), "pyFiles"),
                heartbeat_timeout=heartbeat_seconds(body.get("heartbeatTimeoutInSecond", 0)),
                log_path=self.state_dir / f"session-{session_id}.log",
                environment=self.environment,
            )
            self.sessions[session_id] = session
        session.start()
        return session

    def session(self, session_id: int) -> LivySession:
        try:
            session = self.sessions[session_id]
        except KeyError:
            raise LivyRequestError(404, f"Session '{session_id}' not found.") from None
        session.last_heartbeat = time.monotonic()  # like Livy, any request counts as a heartbeat
        return session

    def _stop_orphans(self) -> None:
        """Like Livy: end sessions whose client asked for heartbeats and then went silent."""
        while not self._closing.wait(ORPHAN_CHECK_SECONDS):
            for session in list(self.sessions.values()):
                if session.orphaned():
                    session.stop(final_state="dead")

    def delete_session(self, session_id: int) -> None:
        session = self.session(session_id)
        session.stop(final_state="killed")
        with self._lock:
            self.sessions.pop(session_id, None)

    def run_statement(self, session_id: int, body: dict):
        session = self.session(session_id)
        code = body.get("code")
        if not isinstance(code, str):
            raise LivyRequestError(400, "code is required and must be a string")
        kind = body.get("kind") or session.kind
        if kind not in SUPPORTED_KINDS:
            raise LivyRequestError(400, f"kind {kind!r} is not supported; use {SUPPORTED_KINDS}")
        try:
            return session.submit(code, kind)
        except SessionNotUsable as error:
            raise LivyRequestError(400, str(error)) from None

    def statement(self, session_id: int, statement_id: int):
        session = self.session(session_id)
        if not 0 <= statement_id < len(session.statements):
            raise LivyRequestError(404, f"Statement '{statement_id}' not found in session.")
        return session.statements[statement_id]


# --- HTTP -----------------------------------------------------------------------------------

_SESSION = r"/sessions/(?P<sid>\d+)"
_STATEMENT = _SESSION + r"/statements/(?P<st>\d+)"


def _routes(server: LivyCompatibleServer):
    def list_sessions(q, body, sid=None, st=None):
        sessions = list(server.sessions.values())
        start, size = int(q.get("from", 0)), int(q.get("size", 100))
        chosen = sessions[start : start + size]
        return 200, {
            "from": start,
            "total": len(sessions),
            "sessions": [s.to_json() for s in chosen],
        }

    def log(q, body, sid, st=None):
        lines = server.session(int(sid)).log_lines()
        size = int(q.get("size", 100))
        start = int(q["from"]) if "from" in q else max(0, len(lines) - size)
        return 200, {
            "id": int(sid),
            "from": start,
            "total": len(lines),
            "log": lines[start : start + size],
        }

    def statements(q, body, sid, st=None):
        found = [s.to_json() for s in server.session(int(sid)).statements]
        return 200, {"total_statements": len(found), "statements": found}

    def cancel(q, body, sid, st):
        session = server.session(int(sid))
        session.cancel(server.statement(int(sid), int(st)))
        return 200, {"msg": "canceled"}

    def delete(q, body, sid, st=None):
        server.delete_session(int(sid))
        return 200, {"msg": "deleted"}

    return [
        ("GET", r"/version", lambda q, b: (200, {"version": SERVER_VERSION})),
        ("GET", r"/sessions", list_sessions),
        ("POST", r"/sessions", lambda q, b: (201, server.create_session(b).to_json())),
        ("GET", _SESSION, lambda q, b, sid: (200, server.session(int(sid)).to_json())),
        ("GET", _SESSION + "/state", lambda q, b, sid: (200, _state(server, sid))),
        ("DELETE", _SESSION, delete),
        ("GET", _SESSION + "/log", log),
        ("GET", _SESSION + "/statements", statements),
        (
            "POST",
            _SESSION + "/statements",
            lambda q, b, sid: (201, server.run_statement(int(sid), b).to_json()),
        ),
        (
            "GET",
            _STATEMENT,
            lambda q, b, sid, st: (200, server.statement(int(sid), int(st)).to_json()),
        ),
        ("POST", _STATEMENT + "/cancel", cancel),
    ]


def _state(server: LivyCompatibleServer, sid: str) -> dict:
    return {"id": int(sid), "state": server.session(int(sid)).state}


def _handler_for(server: LivyCompatibleServer):
    routes = [(method, re.compile(pattern), fn) for method, pattern, fn in _routes(server)]

    class LivyHandler(BaseHTTPRequestHandler):
        server_version = "LivyCompatible/" + SERVER_VERSION.split()[0]

        def _refusal(self) -> tuple[int, str] | None:
            refused = guard.refusal(
                self.headers.get("Host"),
                self.headers.get("Origin"),
                self.headers.get("Sec-Fetch-Site"),
                server.port,
            )
            if refused:
                return 403, refused
            if server.password is not None and not _password_ok(
                self.headers.get("Authorization"), server.password
            ):
                return 401, (
                    "The sandbox's Livy needs its password (HTTP Basic, any user name): "
                    "`%aws_spark connect` sends it; other clients read it from "
                    "$AWS_SPARK_ML_SANDBOX_LIVY_PASSWORD."
                )
            return None

        def _serve(self, method: str) -> None:
            refused = self._refusal()
            if refused:
                status, message = refused
                return self._reply(status, {"msg": message})
            url = urlparse(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            path = url.path.rstrip("/") or "/"
            try:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except (ValueError, RecursionError):  # also bad UTF-8, deep nesting, long ints
                    raise LivyRequestError(400, "The request body is not valid JSON.") from None
                if not isinstance(body, dict):
                    raise LivyRequestError(400, "The request body must be a JSON object.")
                for route_method, pattern, fn in routes:
                    match = pattern.fullmatch(path)
                    if match and route_method == method:
                        status, payload = fn(query, body, **match.groupdict())
                        break
                else:
                    raise LivyRequestError(404, f"{method} {path} is not part of the Livy API.")
            except LivyRequestError as error:
                status, payload = error.status, {"msg": str(error)}
            except ValueError as error:  # e.g. from=abc in the query string
                status, payload = 400, {"msg": f"Bad request: {error}"}
            except RuntimeError as error:  # the machine cannot run Spark yet (jars, Java)
                status, payload = 503, {"msg": str(error)}
            self._reply(status, payload)

        def _reply(self, status: int, payload: dict) -> None:
            data = json.dumps(payload, default=str).encode()
            self.send_response(status, HTTPStatus(status).phrase)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if status == 401:
                self.send_header("WWW-Authenticate", 'Basic realm="sandbox livy"')
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._serve("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._serve("POST")

        def do_DELETE(self) -> None:  # noqa: N802
            self._serve("DELETE")

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - keep the server quiet
            pass

    return LivyHandler


def _password_ok(authorization: str | None, password: str) -> bool:
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        _, _, given = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return hmac.compare_digest(given.encode(), password.encode())
