"""The proxy's route: `{base_url}aws-spark-ml/proxy/{service}/{region}{path}`.

Thin on purpose: Jupyter auth, then `SigningProxy` decides, then the answer is streamed back.
"""

from __future__ import annotations

import json

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler

from .forwarding import IncomingRequest, SigningProxy
from .refusal import ProxyRefusal

AUTH_RESOURCE = "aws-spark-ml"
_MARKER = "/aws-spark-ml/proxy/"
_FLUSH_BYTES = 64 * 1024


def make_proxy(settings) -> SigningProxy:
    """The proxy for an `AwsSparkML` configuration (raises ValueError on a bad allowlist)."""
    return SigningProxy(
        allowed_operations=settings.allowed_operations,
        max_body_bytes=settings.max_body_bytes,
        upstream_timeout=settings.upstream_timeout,
    )


class ProxyHandler(APIHandler):
    auth_resource = AUTH_RESOURCE

    @property
    def proxy(self) -> SigningProxy:
        return self.settings["aws_spark_ml"]["proxy"]

    def compute_etag(self) -> None:
        return None  # AWS's ETag (or none) passes through; never one of Tornado's

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
            body=self.request.body or b"",
            secrets=tuple(s for s in (self.token,) if s),
        )

    async def _forward(self) -> None:
        try:
            signed = await self.proxy.prepare(self._incoming())
            async with self.proxy.open(signed) as response:
                self.set_status(response.status)
                content_type, seen = None, set()
                for name, value in response.headers:
                    lname = name.lower()
                    if lname == "content-type":
                        content_type = value
                    if lname in seen:
                        self.add_header(name, value)
                    else:  # replaces Tornado's defaults (Date, Content-Type)
                        self.set_header(name, value)
                        seen.add(lname)
                pending = 0
                async for chunk in response.chunks():
                    self.write(chunk)
                    pending += len(chunk)
                    if pending >= _FLUSH_BYTES:  # stream big bodies (S3 objects) as they come
                        await self.flush()
                        pending = 0
                self._finish_as(content_type)
        except ProxyRefusal as refusal:
            self._refuse(refusal)

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
        log("aws-spark-ml proxy refused %s: %s", refusal.operation or "a call", refusal.message)
        self.finish(json.dumps(refusal.to_json()))
