"""The sandbox's front door: a WSGI layer in front of moto.

It recognises each AWS request (service from the SigV4 credential scope, operation named by the
signing proxy's own `OperationResolver`, see `operation_names.py`), lets registered handlers
answer operations moto lacks, and lets hooks adjust what moto did (e.g. put a new EMR cluster in
STARTING instead of WAITING). Everything else is moto's.

Before any of that it checks what AWS would: the request's SigV4 signature with the sandbox's own
keys (`signature.py`), and that its JSON body parses. It also refuses what a local server must
(`guard.py`: other Hosts, requests from web pages) and keeps moto's `/moto-api` (its dashboard,
state dump and reset) off: tests reset moto in-process.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

from . import guard, signature
from .auth_errors import auth_error, serialization_error
from .messages import AwsRequest, AwsResponse
from .operation_names import RequestNamer

__all__ = ["AwsRequest", "AwsResponse", "Gateway", "OperationRegistry", "parse_request"]

VERDICT = "aws_spark_ml.signature"  # environ key: the signature check's Verdict, made once
REQUEST = "aws_spark_ml.request"  # environ key: the parsed AwsRequest, made once


Handler = Callable[[AwsRequest], "AwsResponse | None"]
AfterHook = Callable[[AwsRequest, AwsResponse], "AwsResponse | None"]
_MARKS = "_sandbox_operations"  # on a method: [('handle' | 'after', service, operation)]


def handles(service: str, operation: str):
    """Marks a component's method as its answer to `service:operation`, e.g.
    `@handles("glue", "RunStatement")`; returning None lets moto answer."""
    return _mark("handle", service, operation)


def after(service: str, operation: str):
    """Marks a component's method as a hook run on moto's answer to `service:operation`; it
    may return a corrected answer."""
    return _mark("after", service, operation)


def _mark(kind: str, service: str, operation: str):
    def marked(method):
        method.__dict__.setdefault(_MARKS, []).append((kind, service, operation))
        return method

    return marked


class OperationRegistry:
    """Handlers for operations the sandbox answers itself, and hooks run after moto's answer.

    Keys are botocore's (service, operation), e.g. ('glue', 'RunStatement'),
    ('sagemaker-runtime', 'InvokeEndpoint'). A handler returning None lets moto answer.
    """

    def __init__(self) -> None:
        self._handlers: dict[tuple[str, str], Handler] = {}
        self._after: dict[tuple[str, str], list[AfterHook]] = {}
        self._services: set[str] = set()

    def handle(self, service: str, operation: str, handler: Handler) -> None:
        self._handlers[(service, operation)] = handler
        self._services.add(service)

    def after(self, service: str, operation: str, hook: AfterHook) -> None:
        self._after.setdefault((service, operation), []).append(hook)
        self._services.add(service)

    def add_all(self, component: object) -> None:
        """Register each method of `component` marked with @handles or @after."""
        for name, function in vars(type(component)).items():
            for kind, service, operation in getattr(function, _MARKS, ()):
                register = self.handle if kind == "handle" else self.after
                register(service, operation, getattr(component, name))

    def serves(self, service: str | None) -> bool:
        """Whether any handler or hook is for this service (else its requests need no name)."""
        return service in self._services

    def handler_for(self, req: AwsRequest) -> Handler | None:
        return self._handlers.get((req.service or "", req.operation or ""))

    def hooks_for(self, req: AwsRequest) -> list[AfterHook]:
        return self._after.get((req.service or "", req.operation or ""), [])


def parse_request(environ: dict) -> AwsRequest | None:
    """Read an AWS request from a WSGI environ, once (kept in the environ for the next layer);
    None if it names no SigV4 scope (unsigned). Its operation is named later, by `RequestNamer`."""
    if REQUEST in environ:
        return environ[REQUEST]
    environ[REQUEST] = req = _read_request(environ)
    return req


def _read_request(environ: dict) -> AwsRequest | None:
    scope = signature.scope_of(environ)
    if scope is None:
        return None
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)  # moto reads it again
    headers = {
        k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = environ["CONTENT_TYPE"]
    req = AwsRequest(
        signing_name=scope[1],
        region=scope[0],
        method=environ["REQUEST_METHOD"],
        path=environ.get("PATH_INFO", "/"),
        query=parse_qs(environ.get("QUERY_STRING", "")),
        headers=headers,
        body=body,
    )
    if headers.get("x-amz-target"):
        req.params, req.body_problem = _json_object(body)
    elif _rest_json(req):
        req.body_problem = _json_object(body)[1]
    else:
        form = (
            parse_qs(body.decode("utf-8", "replace"))
            if body and "x-www-form-urlencoded" in headers.get("content-type", "")
            else {}
        )
        if "Action" in req.query or "Action" in form:  # a query API (IAM, STS)
            req.params = {k: v[0] for k, v in {**req.query, **form}.items()}
    return req


def _json_object(body: bytes) -> tuple[dict, str | None]:
    """(parameters, None), or ({}, why not) for a body that is not one UTF-8 JSON object."""
    try:
        parsed = json.loads(body.decode("utf-8") or "{}")
    except UnicodeDecodeError:
        return {}, "The request body is not valid UTF-8."
    except RecursionError:
        return {}, "The request body nests JSON too deeply."
    except ValueError as error:  # also numbers longer than Python's digit limit
        return {}, f"The request body is not valid JSON: {str(error)[:120]}"
    if not isinstance(parsed, dict):
        return {}, "The request body must be a JSON object."
    return parsed, None


def _rest_json(req: AwsRequest) -> bool:
    """A REST-JSON API call whose body is parameters (not S3 data or an endpoint's payload)."""
    return (
        bool(req.body)
        and req.signing_name not in ("s3", "sagemaker")  # sagemaker-runtime signs as 'sagemaker'
        and req.headers.get("content-type", "").startswith("application/json")
    )


class Gateway:
    """WSGI app: the checks, our handlers, then moto, then our after-hooks.

    `keys`: access key id → secret key that may call in (the sandbox's own); `namer` names the
    requests of services the registry serves.
    """

    def __init__(
        self, moto_app, registry: OperationRegistry, keys: dict[str, str], namer: RequestNamer
    ) -> None:
        self.moto_app = moto_app
        self.registry = registry
        self.keys = keys
        self.namer = namer

    def refusal(self, environ, req: AwsRequest | None) -> AwsResponse | None:
        """What AWS (or a local server) answers instead of serving this request, if anything."""
        refused = guard.refusal(
            environ.get("HTTP_HOST"),
            environ.get("HTTP_ORIGIN"),
            environ.get("HTTP_SEC_FETCH_SITE"),
            int(environ.get("SERVER_PORT") or 0),
            subdomains=True,  # S3 virtual-host addressing: <bucket>.localhost:<port>
        )
        if refused:
            return AwsResponse(403, [("Content-Type", "text/plain")], refused.encode() + b"\n")
        if environ.get("PATH_INFO", "").startswith("/moto-api"):
            return AwsResponse(404, [("Content-Type", "text/plain")], b"Not Found\n")
        verdict = environ.get(VERDICT)
        if verdict is None:
            verdict = signature.verify(environ, req.body if req else b"", self.keys)
            environ[VERDICT] = verdict
        if verdict.problem:
            return auth_error(verdict, environ)
        if req is not None and req.body_problem:
            return serialization_error(req.body_problem)
        return None

    def accepts(self, environ, req: AwsRequest) -> bool:
        """Whether this request gets served (fault injection only touches those)."""
        return self.refusal(environ, req) is None

    def __call__(self, environ, start_response) -> Iterable[bytes]:
        # moto matches S3 keys on the path as sent (an encoded '/' must stay encoded) and reads
        # it from gunicorn's RAW_URI; our WSGI server names it REQUEST_URI.
        environ.setdefault("RAW_URI", environ.get("REQUEST_URI", ""))
        req = parse_request(environ)
        refused = self.refusal(environ, req)
        if refused is not None:
            return self._send(refused, start_response, environ["REQUEST_METHOD"])
        if req is None:  # cannot happen: unsigned requests are refused above
            return self.moto_app(environ, start_response)
        self.namer.service(req)
        if self.registry.serves(req.service):
            self.namer.operation(req)
        handler = self.registry.handler_for(req)
        response = handler(req) if handler else None
        if response is None:
            response = self._call_moto(environ)
        for hook in self.registry.hooks_for(req):
            response = hook(req, response) or response
        return self._send(response, start_response, req.method)

    @staticmethod
    def _send(response: AwsResponse, start_response, method: str) -> list[bytes]:
        headers = response.headers
        # A HEAD answer has no body but must keep the object's length (S3A reads it from there).
        if method != "HEAD":
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(response.body))))
        start_response(f"{response.status} {_reason(response.status)}", headers)
        return [response.body]

    def _call_moto(self, environ) -> AwsResponse:
        captured: dict = {}

        def start(status, headers, exc_info=None):
            captured["status"] = int(status.split(" ", 1)[0])
            captured["headers"] = list(headers)

        chunks = self.moto_app(environ, start)
        try:
            body = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()
        return AwsResponse(captured["status"], captured["headers"], body)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
