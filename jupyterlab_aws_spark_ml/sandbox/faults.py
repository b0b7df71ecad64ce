"""Fault injection: the sandbox misbehaves the way AWS does under load, on purpose.

A WSGI layer outside the gateway. For each AWS request it finds the first rule of the current
FaultSpec (see fault_spec.py) matching the request's service and operation, then with one random
draw either answers as AWS does when it throttles (each protocol's own throttling error, so SDKs
back off), fails with a 500 in the protocol's format, closes the connection before doing anything
(`drop`), or does the work and then closes the connection without answering (`drop_after`, the
way a retried create becomes a duplicate). `latency_ms` is added before any answer.

Only requests the gateway would accept get faults: unsigned or refused ones pass through, so a
fault never hides an authentication error.
"""

from __future__ import annotations

import errno
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable

from .aws_errors import JSON_CONTENT_TYPE, json_error, query_error_xml, s3_error_xml
from .fault_spec import NO_FAULTS, FaultSpec, parse_fault_spec
from .gateway import parse_request
from .messages import AwsRequest
from .operation_names import RequestNamer


class FaultInjector:
    """WSGI middleware around `app`; `spec` can be replaced while requests are served.

    `namer` names requests as the gateway does, so a rule means what the proxy's allowlist means.
    """

    def __init__(
        self,
        app,
        namer: RequestNamer,
        spec: FaultSpec | str | dict | None = None,
        accepts: Callable[[dict, AwsRequest], bool] | None = None,
    ) -> None:
        self.app = app
        self.namer = namer
        # Whether the gateway will serve this request (e.g. its signature checks out).
        self.accepts = accepts or (lambda environ, req: True)
        self.injected: Counter = Counter()  # kind → how many since set(), for tests and logs
        self._lock = threading.Lock()
        self.set(spec)

    @property
    def spec(self) -> FaultSpec:
        return self._spec

    def set(self, spec: FaultSpec | str | dict | None) -> FaultSpec:
        """Replace the faults (FaultSpecError if invalid); the random sequence and the counts
        start again."""
        spec = spec if isinstance(spec, FaultSpec) else parse_fault_spec(spec or "")
        with self._lock:
            self._spec = spec
            self._random = random.Random(spec.seed)
            self.injected = Counter()
        return spec

    def clear(self) -> None:
        self.set(NO_FAULTS)

    def __call__(self, environ, start_response) -> Iterable[bytes]:
        spec = self._spec
        if not spec:
            return self.app(environ, start_response)
        req = parse_request(environ)
        if req is None or not self.accepts(environ, req):
            return self.app(environ, start_response)
        model = self.namer.service(req)
        service = req.service
        operation = self.namer.operation(req) if spec.names_operations_of(service) else None
        rule = spec.rule_for(service, operation)
        if rule is None:
            return self.app(environ, start_response)
        with self._lock:
            draw = self._random.random()
        if rule.latency_ms:
            time.sleep(rule.latency_ms / 1000)
        kind = _kind(rule, draw)
        if kind is None:
            return self.app(environ, start_response)
        self.injected[kind] += 1
        if kind == "drop":
            raise _dropped()
        if kind == "drop_after":
            _serve_and_discard(self.app, environ)
            raise _dropped()
        status, headers, body = _error_answer(kind, service, model)
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]


def _kind(rule, draw: float) -> str | None:
    for kind in ("throttle", "error", "drop", "drop_after"):
        chance = getattr(rule, kind)
        if draw < chance:
            return kind
        draw -= chance
    return None


def _dropped() -> ConnectionResetError:
    # cheroot treats ECONNRESET from the application like a client gone: it closes the
    # connection without writing anything, which is what the client must see.
    return ConnectionResetError(errno.ECONNRESET, "connection dropped by sandbox fault injection")


def _serve_and_discard(app, environ) -> None:
    chunks = app(environ, lambda status, headers, exc_info=None: None)
    try:
        for _ in chunks:
            pass
    finally:
        close = getattr(chunks, "close", None)
        if close:
            close()


def _error_answer(kind: str, service: str | None, model) -> tuple[str, list, bytes]:
    """AWS's own throttling or internal error for the service's protocol."""
    request_id = str(uuid.uuid4())
    protocol = model.metadata["protocol"] if model is not None else "json"
    throttled = kind == "throttle"
    if service == "s3":
        code, status = ("SlowDown", 503) if throttled else ("InternalError", 500)
        message = (
            "Please reduce your request rate." if throttled else "We encountered an internal error."
        )
        body = s3_error_xml(code, f"{message} (sandbox fault injection)", request_id)
        return _status(status), _xml_headers(request_id), body
    message = ("Rate exceeded" if throttled else "Internal failure") + " (sandbox fault injection)"
    if protocol in ("query", "ec2", "rest-xml"):
        code, status = ("Throttling", 400) if throttled else ("InternalFailure", 500)
        body = query_error_xml(code, message, sender=throttled, request_id=request_id)
        return _status(status), _xml_headers(request_id), body
    code, status = ("ThrottlingException", 400) if throttled else ("InternalFailure", 500)
    content_type = "application/json" if protocol == "rest-json" else JSON_CONTENT_TYPE
    answer = json_error(code, message, status, content_type)
    return _status(status), [*answer.headers, ("x-amzn-RequestId", request_id)], answer.body


def _xml_headers(request_id: str) -> list[tuple[str, str]]:
    return [("Content-Type", "text/xml"), ("x-amz-request-id", request_id)]


def _status(code: int) -> str:
    from http import HTTPStatus

    return f"{code} {HTTPStatus(code).phrase}"
