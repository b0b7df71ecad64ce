"""Name a REST-JSON / REST-XML request by its method, path and query, as AWS itself does.

Each operation's `requestUri` (e.g. '/{Bucket}/{Key+}?uploads') becomes a route. Several routes
can match one request (S3 PUT '/{Bucket}/{Key+}' is PutObject, CopyObject, UploadPart or
UploadPartCopy); the most specific wins: literal query keys, then the required query/header
members the request carries, then the longest literal path. A tie is refused as ambiguous, so a
request can never be forwarded under the name of a weaker, allowed operation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from botocore.model import ServiceModel

from .refusal import bad_request

_LABEL = re.compile(r"\{([A-Za-z0-9_]+)(\+?)\}")


@dataclass(frozen=True)
class Route:
    operation: str
    method: str
    path: re.Pattern
    query_literals: dict[str, str | None]  # '?list-type=2' → {'list-type': '2'}; '?acl' → None
    required_query: frozenset[str]
    required_headers: frozenset[str]
    declared_query: frozenset[str]
    literal_length: int
    # Tie-breakers between operations AWS tells apart by something other than the request:
    deprecated: bool  # an old name for the same request (GetBucketLifecycle)
    express_control: bool  # may be served by the S3 Express control endpoint (ListDirectoryBuckets)

    def accepts(
        self, method: str, path: str, query: Mapping[str, str], headers: Mapping[str, str]
    ) -> bool:
        if method != self.method or not self.path.fullmatch(path):
            return False
        for key, value in self.query_literals.items():
            if key not in query or (value is not None and query[key] != value):
                return False
        return self.required_query <= query.keys() and all(
            h in headers for h in self.required_headers
        )

    @property
    def specificity(self) -> tuple[int, int, int, bool, bool]:
        required = len(self.required_query) + len(self.required_headers)
        return (
            len(self.query_literals),
            required,
            self.literal_length,
            not self.deprecated,
            not self.express_control,
        )


def _route(model: ServiceModel, name: str) -> Route:
    op = model.operation_model(name)
    uri = op.http.get("requestUri", "/")
    path_part, _, query_part = uri.partition("?")
    pattern, literal_length, last = "", 0, 0
    for m in _LABEL.finditer(path_part):
        literal = path_part[last : m.start()]
        pattern += re.escape(literal) + ("(.+)" if m.group(2) else "([^/]+)")
        literal_length += len(literal)
        last = m.end()
    tail = path_part[last:]
    literal_length += len(tail)
    pattern += re.escape(tail)
    if not pattern.endswith("/"):
        pattern += "/?"  # SDKs differ on '/bucket' vs '/bucket/'
    literals: dict[str, str | None] = {}
    for item in filter(None, query_part.split("&")):
        key, sep, value = item.partition("=")
        literals[key] = value if sep else None
    required_query, required_headers, declared_query = set(), set(), set()
    shape = op.input_shape
    if shape is not None:
        required = set(shape.required_members)
        for member_name, member in shape.members.items():
            where = member.serialization.get("location")
            wire_name = member.serialization.get("name", member_name)
            if where == "querystring":
                declared_query.add(wire_name)
                if member_name in required:
                    required_query.add(wire_name)
            elif where == "header" and member_name in required:
                required_headers.add(wire_name.lower())
    return Route(
        operation=name,
        method=op.http.get("method", "POST").upper(),
        path=re.compile(pattern),
        query_literals=literals,
        required_query=frozenset(required_query),
        required_headers=frozenset(required_headers),
        declared_query=frozenset(declared_query),
        literal_length=literal_length,
        deprecated=bool(op.deprecated),
        express_control=any(
            p.name == "UseS3ExpressControlEndpoint" and p.value
            for p in op.static_context_parameters or []
        ),
    )


class RestRoutes:
    """All routes of one REST service, and the query keys that tell its operations apart."""

    def __init__(self, model: ServiceModel) -> None:
        self.service = model.service_name
        self.routes = [_route(model, name) for name in model.operation_names]
        self.telling_keys = frozenset(k for r in self.routes for k in r.query_literals)

    def match(
        self, method: str, path: str, query: Mapping[str, str], headers: Mapping[str, str]
    ) -> str:
        candidates = [r for r in self.routes if r.accepts(method, path, query, headers)]
        if not candidates:
            raise bad_request(
                f"{method} {path} is not a {self.service} API request: no operation of "
                f"{self.service} has this method and path. The path after "
                f"'/aws-spark-ml/proxy/{self.service}/{{region}}' must be the AWS API path "
                "(for S3, use path-style addressing: '/{bucket}/{key}').",
                reason="unknown-operation",
            )
        candidates.sort(key=lambda r: r.specificity, reverse=True)
        best = candidates[0]
        if len(candidates) > 1 and candidates[1].specificity == best.specificity:
            names = ", ".join(r.operation for r in candidates if r.specificity == best.specificity)
            raise bad_request(
                f"{method} {path} could be any of {self.service} {names}; refusing to guess. "
                "Send the query parameters and headers the AWS API requires for one of them.",
                reason="ambiguous-operation",
            )
        foreign = (self.telling_keys & query.keys()) - best.query_literals.keys()
        foreign -= best.declared_query
        if foreign:
            raise bad_request(
                f"Query parameter(s) {sorted(foreign)} select a different {self.service} "
                f"operation than {best.operation}; refusing to guess. Remove them.",
                reason="ambiguous-operation",
                operation=f"{self.service}:{best.operation}",
            )
        sdk_says = query.get("x-id")  # the AWS SDK for JavaScript names S3 operations this way
        if sdk_says is not None and sdk_says != best.operation:
            raise bad_request(
                f"The request says it is {self.service}:{sdk_says} (x-id) but its method, "
                f"path and parameters make it {self.service}:{best.operation}.",
                reason="ambiguous-operation",
                operation=f"{self.service}:{best.operation}",
            )
        return best.operation
