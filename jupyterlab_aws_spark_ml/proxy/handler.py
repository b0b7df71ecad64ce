"""The proxy's route: `{base_url}aws-spark-ml/proxy/{service}/{region}{path}`.

Thin on purpose: Jupyter auth, then `SigningProxy` decides, then the answer is passed back.
The body is streamed in so that a request that is refused (unauthenticated, not from the
extension's SDK, too large) is refused before its body is read.
"""

from __future__ import annotations

import asyncio
import json

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from tornado.iostream import StreamClosedError

from .answer_headers import ATTACHMENT, NOSNIFF, as_attachment
from .forwarding import IncomingRequest, SigningProxy
from .parsing import printable, require_client_header
from .refusal import ProxyRefusal
from .spool import Spool
from .upstream import UpstreamResponse

AUTH_RESOURCE = "aws-spark-ml"
_MARKER = "/aws-spark-ml/proxy/"
_FLUSH_BYTES = 64 * 1024
# A browser that takes longer than this to accept 64 KiB is gone or stalled: drop it.
WRITE_TIMEOUT_SECONDS = 60.0


def make_proxy(settings) -> SigningProxy:
    """The proxy for an `AwsSparkML` configuration (raises ValueError on a bad allowlist)."""
    return SigningProxy(
        allowed_operations=settings.allowed_operations,
        max_body_bytes=settings.max_body_bytes,
        upstream_timeout=settings.upstream_timeout,
    )


@tornado.web.stream_request_body
class ProxyHandler(APIHandler):
    auth_resource = AUTH_RESOURCE

    @property
    def proxy(self) -> SigningProxy:
        return self.settings["aws_spark_ml"]["proxy"]

    @property
    def content_security_policy(self) -> str:
        # Jupyter's own policy (frame-ancestors, report-uri, default-src 'none') plus `sandbox`:
        # an answer opened as a page is an opaque origin with no scripts, forms or plugins.
        policy = super().content_security_policy
        if "default-src" not in policy:
            policy += "; default-src 'none'"
        return "sandbox; " + policy

    def set_default_headers(self) -> None:
        super().set_default_headers()  # Jupyter's CSP (above) and X-Content-Type-Options
        self.set_header("X-Content-Type-Options", NOSNIFF)
        self.set_header("Content-Disposition", ATTACHMENT)

    def compute_etag(self) -> None:
        return None  # AWS's ETag (or none) passes through; never one of Tornado's

    async def prepare(self) -> None:
        # Before the body is read: Tornado stops reading past this size for this route.
        self.request.connection.set_max_body_size(self.proxy.max_body_bytes)
        await super().prepare()  # Jupyter: host check, user, XSRF; 403 when not logged in
        if not self.current_user:  # also with allow_unauthenticated_access
            raise tornado.web.HTTPError(403)
        self._body = bytearray()
        try:
            require_client_header(self.request.headers.get_all())
            length = self.request.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > self.proxy.max_body_bytes:
                raise self.proxy.too_large(int(length))
        except ProxyRefusal as refusal:
            self._refuse(refusal)

    def data_received(self, chunk: bytes) -> None:
        self._body += chunk

    @tornado.web.authenticated
    @authorized
    async def get(self, *args) -> None:
        await self._forward()

    @tornado.web.authenticated
    @authorized
    async def head(self, *args) -> None:
        await self._forward()

    @tornado.web.authenticated
    @authorized
    async def post(self, *args) -> None:
        await self._forward()

    @tornado.web.authenticated
    @authorized
    async def put(self, *args) -> None:
        await self._forward()

    @tornado.web.authenticated
    @authorized
    async def patch(self, *args) -> None:
        await self._forward()

    @tornado.web.authenticated
    @authorized
    async def delete(self, *args) -> None:
        await self._forward()

    def _incoming(self) -> IncomingRequest:
        # Use the raw path, not Tornado's decoded groups: the AWS path must stay as encoded.
        raw = self.request.path
        start = raw.find(_MARKER, max(len(self.base_url) - 1, 0))
        service, _, rest = raw[start + len(_MARKER) :].partition("/")
        region, slash, path = rest.partition("/")
        return IncomingRequest(
            method=self.request.method or "GET",
            service=service,
            region=region,
            path=slash + path,
            query=self.request.query,
            headers=list(self.request.headers.get_all()),
            body=bytes(self._body),
            secrets=tuple(s for s in (self.token,) if s),
        )

    async def _forward(self) -> None:
        try:
            signed = await self.proxy.prepare(self._incoming())
            spool = Spool()
            try:
                async with self.proxy.open(signed) as response:
                    content_type = self._answer_headers(response)
                    sending = await self._pass_body(response, spool)
                # The connection to AWS is free again: from here only the browser's pace counts.
                await self._send_rest(spool, sending)
            finally:
                spool.close()
            self._finish_as(content_type)
        except ProxyRefusal as refusal:
            self._refuse(refusal)
        except (StreamClosedError, TimeoutError):  # the browser left (or stalled): nothing to say
            self.log.debug("aws-spark-ml proxy: the client went away before the answer ended")
            self.request.connection.close()

    def _answer_headers(self, response: UpstreamResponse) -> str | None:
        self.set_status(response.status)
        content_type, seen = None, set()
        for name, value in response.headers:
            lname = name.lower()
            if lname == "content-type":
                content_type = value
            if lname == "content-disposition":
                value = as_attachment(value)
            if lname in seen:
                self.add_header(name, value)
            else:  # replaces Tornado's defaults (Date, Content-Type)
                self.set_header(name, value)
                seen.add(lname)
        return content_type

    async def _pass_body(self, response: UpstreamResponse, spool: Spool) -> asyncio.Future | None:
        """Read all of AWS's body now: straight to the browser while it keeps up, into the spool
        once it does not (and from then on, to keep the order). Returns the pending flush."""
        sending: asyncio.Future | None = None
        pending = 0
        async for chunk in response.chunks():
            if spool.size or (sending is not None and not sending.done()):
                spool.write(chunk)
                continue
            if sending is not None:
                sending.result()  # raises StreamClosedError if the browser left
            self.write(chunk)
            pending += len(chunk)
            if pending >= _FLUSH_BYTES:  # small answers are sent whole by finish()
                sending, pending = self._flush_soon(), 0
        return sending

    async def _send_rest(self, spool: Spool, sending: asyncio.Future | None) -> None:
        for piece in spool.pieces(_FLUSH_BYTES):
            if sending is not None:
                await asyncio.wait_for(sending, WRITE_TIMEOUT_SECONDS)
            self.write(piece)
            sending = self._flush_soon()
        if sending is not None:
            await asyncio.wait_for(sending, WRITE_TIMEOUT_SECONDS)

    def _flush_soon(self) -> asyncio.Future:
        future = asyncio.ensure_future(self.flush())
        future.add_done_callback(_retrieve)  # a browser that left is not an error worth a log
        return future

    def _finish_as(self, content_type: str | None) -> None:
        if content_type:
            self.finish(set_content_type=content_type)
        else:  # APIHandler.finish would label it JSON; AWS sent no type, so neither do we
            self.update_api_activity()
            tornado.web.RequestHandler.finish(self)

    def _refuse(self, refusal: ProxyRefusal) -> None:
        if self._headers_written:  # the upstream failed mid-body: nothing left to tell
            self.request.connection.close()
            return
        self.clear()
        self.set_status(refusal.status)
        # Jupyter's access log has every call; a refusal also says which operation and why.
        log = self.log.warning if refusal.status >= 500 or refusal.status == 401 else self.log.info
        log(
            "aws-spark-ml proxy refused %s: %s",
            printable(refusal.operation or "a call"),
            printable(refusal.message),
        )
        self.finish(json.dumps(refusal.to_json()))


def _retrieve(future: asyncio.Future) -> None:
    if not future.cancelled():
        future.exception()
