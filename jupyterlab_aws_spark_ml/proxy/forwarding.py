"""The signing proxy: check a browser's AWS request, sign it as the server, send it to AWS.

Knows nothing of Tornado: the route hands it an `IncomingRequest` and streams back whatever
`open()` yields. Every refusal is a `ProxyRefusal` with a status and an actionable message.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

import botocore.session
from botocore.exceptions import InvalidRegionError
from botocore.utils import validate_region_name

from .allowlist import Allowlist, refusal_message
from .catalog import ServiceCatalog
from .endpoints import AwsEndpoint, EndpointResolver
from .operations import OperationResolver, is_query_api, protocols_of
from .parsing import (
    form_pairs,
    query_pairs,
    refuse_repeated,
    refuse_response_overrides,
    repeated_keys,
    single_headers,
)
from .refusal import ProxyRefusal, bad_request
from .signing import HeaderPolicy, ServerCredentials, sign
from .upstream import Upstream, UpstreamResponse


@dataclass
class IncomingRequest:
    method: str
    service: str
    region: str
    path: str  # the AWS path, as received (percent-encoded); '' means '/'
    query: str  # the raw query string
    headers: list[tuple[str, str]]
    body: bytes = b""
    secrets: tuple[str, ...] = ()  # values that must never reach AWS (the Jupyter token)


@dataclass
class SignedRequest:
    operation: str  # 'service:Operation'
    service: str
    endpoint: AwsEndpoint
    method: str
    url: str
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(repr=False)


class SigningProxy:
    def __init__(
        self,
        allowed_operations,
        max_body_bytes: int = 16 * 1024 * 1024,
        upstream_timeout: float = 60.0,
        session: botocore.session.Session | None = None,
        catalog: ServiceCatalog | None = None,
    ) -> None:
        self.catalog = catalog or ServiceCatalog.shared()
        self.allowlist = Allowlist(allowed_operations, self.catalog)
        self.max_body_bytes = max_body_bytes
        # One botocore session for the server's lifetime: it caches credentials and config.
        self.session = session or botocore.session.Session()
        self.session.register_component("data_loader", self.catalog.loader)
        self.operations = OperationResolver(self.catalog)
        self.endpoints = EndpointResolver(self.session)
        self.credentials = ServerCredentials(self.session)
        self.headers = HeaderPolicy()
        # botocore's reading of AWS_CA_BUNDLE and the profile's ca_bundle: trust what the CLI does
        self.upstream = Upstream(upstream_timeout, self.session.get_config_variable("ca_bundle"))

    def check(self, req: IncomingRequest) -> tuple[str, str, list[tuple[str, str]]]:
        """(operation, canonical path, query pairs) of an acceptable request, else a refusal.

        The request is parsed here once; `prepare` forwards these query pairs and `req.body`,
        nothing re-read. Needs the service model in the catalog (see `prepare`); no other I/O.
        """
        service, region = req.service, req.region
        if not self.catalog.is_known_service(service):
            raise bad_request(
                f"Unknown AWS service '{service[:60]}'. Use a botocore service name, as in "
                f"'/aws-spark-ml/proxy/emr/{region[:30]}/', e.g. one of: "
                f"{', '.join(sorted(self.allowlist.services))}.",
                reason="unknown-service",
            )
        if not self.catalog.is_partition_region(region) or not _valid_region(region):
            raise bad_request(
                f"'{region[:60]}' is not an AWS region name. The proxy path is "
                f"'/aws-spark-ml/proxy/{service}/<region>/…' with a region like 'us-east-1'.",
                reason="bad-region",
            )
        if len(req.body) > self.max_body_bytes:
            raise self.too_large(len(req.body))
        path = canonical_path(req.path)
        headers = single_headers(req.headers)
        query = query_pairs(req.query, req.secrets)
        refuse_response_overrides(k for k, _ in query)
        model = self.catalog.model(service)
        protocols = protocols_of(model)
        if is_query_api(protocols) and "x-amz-target" not in headers:
            params = self._query_api_params(req, query, headers)
            refuse_repeated(repeated_keys(params), "form body")
        else:  # REST list parameters are the only keys sent more than once
            params, repeated = query, repeated_keys(query)
            if repeated:
                lists = self.catalog.list_query_names(service)
                refuse_repeated((k for k in repeated if k not in lists), "query string")
        name = self.operations.resolve(service, req.method, path, dict(params), headers)
        if params is query and repeated:
            lists = self.catalog.list_query_names(service, name)
            refuse_repeated((k for k in repeated if k not in lists), "query string")
        if not self.allowlist.allows(service, name):
            raise ProxyRefusal(
                403, "operation-not-allowed", refusal_message(service, name), f"{service}:{name}"
            )
        return name, path, query

    def _query_api_params(self, req: IncomingRequest, query, headers) -> list[tuple[str, str]]:
        """A query API's parameters: the form body of a POST, as the AWS SDK sends them. Only
        one place, so a parameter cannot be checked in one and run from the other."""
        service = req.service
        if req.method != "POST":
            raise bad_request(
                f"{service} is a query API: the proxy forwards its operations only as POST with "
                "a form body (Action=<Operation>&…), as the AWS SDK sends them, not as "
                f"{req.method[:10]}.",
                reason="query-api-post-only",
            )
        if query:
            raise bad_request(
                f"{service} is a query API: send its parameters in the form body, not the query "
                f"string (got '{query[0][0][:60]}').",
                reason="query-api-post-only",
            )
        return form_pairs(service, req.body, headers.get("content-type", ""))

    def too_large(self, size: int | None) -> ProxyRefusal:
        said = f"is {size} bytes" if size is not None else "is too large"
        return ProxyRefusal(
            413,
            "body-too-large",
            f"The request body {said}; the proxy forwards at most "
            f"{self.max_body_bytes} (c.AwsSparkML.max_body_bytes). Upload large files "
            "with the AWS CLI or boto3 from a notebook, or ask your admin to raise it.",
        )

    async def prepare(self, req: IncomingRequest) -> SignedRequest:
        """Check, then sign. Blocking first-time work (models, endpoints, credentials) runs in
        a worker thread so the event loop never waits on disk or the network."""
        loop = asyncio.get_running_loop()
        if self.catalog.is_known_service(req.service) and not self.catalog.is_cached(req.service):
            await loop.run_in_executor(None, self.catalog.model, req.service)
        name, path, query = self.check(req)
        operation = f"{req.service}:{name}"
        endpoint = self.endpoints.cached(req.service, req.region)
        if endpoint is None:
            try:
                endpoint = await loop.run_in_executor(
                    None, self.endpoints.resolve, req.service, req.region
                )
            except InvalidRegionError:  # `check` refuses these first; never a 500 if not
                raise bad_request(f"'{req.region[:60]}' is not an AWS region name.") from None
        credentials = self.credentials.current()
        if credentials is None and not self.credentials.known_missing():
            credentials = await loop.run_in_executor(None, self.credentials.load)
        if credentials is None:
            raise ProxyRefusal(
                401,
                "no-credentials",
                "The Jupyter server has no AWS credentials, so it cannot sign "
                f"{operation}. Configure a profile (`aws configure` or `aws sso login`, then "
                "restart JupyterLab with AWS_PROFILE set), or run "
                "`jupyter lab --AwsSparkML.mode=sandbox` to use the local sandbox.",
                operation,
            )
        op_model = self.catalog.operation(req.service, name)
        headers = self.headers.forwarded(op_model, req.headers, req.secrets)
        url = endpoint.url + endpoint.base_path + path
        if query:
            url += "?" + "&".join(f"{_enc(k)}={_enc(v)}" for k, v in query)
        signed = sign(endpoint, credentials, req.method, url, headers, req.body)
        return SignedRequest(operation, req.service, endpoint, req.method, url, signed, req.body)

    @asynccontextmanager
    async def open(self, signed: SignedRequest) -> AsyncIterator[UpstreamResponse]:
        async with self.upstream.open(
            signed.service,
            signed.method,
            signed.url,
            signed.headers,
            signed.body,
            endpoint=signed.endpoint.url + signed.endpoint.base_path,
            operation=signed.operation,
        ) as response:
            yield response

    async def aclose(self) -> None:
        await self.upstream.aclose()


def _valid_region(region: str) -> bool:
    """botocore's own rule too (e.g. at most 63 characters), so resolving never raises."""
    try:
        validate_region_name(region)
    except InvalidRegionError:
        return False
    return True


def canonical_path(raw: str) -> str:
    """The AWS path with each segment encoded as SigV4 does, so what we sign is what we send.

    Refuses what could only be an attempt to leave the AWS API: dot segments, absolute URLs,
    backslashes and control characters.
    """
    raw = raw or "/"
    if not raw.startswith("/"):
        raise bad_request("The AWS path must start with '/'.", reason="bad-path")
    segments = [unquote(s) for s in raw.split("/")]
    decoded = "/".join(segments)
    if (
        any(s in (".", "..") for s in segments)
        or decoded.startswith("//")
        or "://" in decoded
        or "\\" in decoded
        or any(ord(c) < 32 or ord(c) == 127 for c in decoded)
    ):
        raise bad_request(
            "The AWS path may not contain '.' or '..' segments, a URL, a backslash or control "
            "characters; the proxy only sends requests to the endpoint botocore resolves.",
            reason="bad-path",
        )
    return "/".join(_enc(s) for s in segments)


def _enc(text: str) -> str:
    return quote(text, safe="-_.~")
