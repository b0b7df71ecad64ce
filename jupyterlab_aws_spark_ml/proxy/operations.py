"""Which AWS operation a request is, read from botocore's service model for its protocol.

- JSON services (EMR, Glue, SageMaker, Logs): the `X-Amz-Target: <targetPrefix>.<Operation>` header.
- Query services (STS, IAM): the `Action` parameter of the form body (parsed by the caller).
- REST services (S3, Lake Formation, EMR Serverless, SageMaker Runtime): method + URI template.
- Smithy RPC v2 CBOR: the '/service/<name>/operation/<Operation>' path.
"""

from __future__ import annotations

from collections.abc import Mapping

from botocore.model import ServiceModel

from .catalog import ServiceCatalog
from .refusal import bad_request
from .rest_routes import _LABEL, RestRoutes


def protocols_of(model: ServiceModel) -> list[str]:
    """The protocols a service speaks; newer models list several, older ones one."""
    return list(model.metadata.get("protocols") or [model.metadata["protocol"]])


class OperationResolver:
    def __init__(self, catalog: ServiceCatalog) -> None:
        self.catalog = catalog
        self._routes: dict[str, RestRoutes] = {}

    def resolve(
        self,
        service: str,
        method: str,
        path: str,
        query: Mapping[str, str],
        headers: Mapping[str, str],
    ) -> str:
        """The operation name (e.g. 'ListClusters'), or a 400 ProxyRefusal saying why not.

        `headers` has lower-case names; `path` is the raw AWS path ('/' at least); `query` is
        the query string's parameters, or a query API's form parameters.
        """
        model = self.catalog.model(service)
        protocols = protocols_of(model)
        target = headers.get("x-amz-target")
        if target is not None:
            return self._from_target(model, protocols, target, method)
        if headers.get("smithy-protocol") == "rpc-v2-cbor" and "smithy-rpc-v2-cbor" in protocols:
            return self._from_cbor_path(model, path)
        if is_query_api(protocols):
            return self._from_action(model, query)
        if {"rest-json", "rest-xml"} & set(protocols):
            return self._rest_routes(service).match(method, path, query, headers)
        raise bad_request(
            f"Could not tell which {service} operation this is: {service} speaks "
            f"{'/'.join(protocols)}; send the 'X-Amz-Target: "
            f"{model.metadata.get('targetPrefix', '<prefix>')}.<Operation>' header as the AWS "
            "SDK does.",
            reason="unknown-operation",
        )

    def path_labels(self, service: str, operation: str, path: str) -> dict[str, str]:
        """The labels a REST operation's URI template takes from `path`, e.g.
        {'EndpointName': 'churn'} for sagemaker-runtime InvokeEndpoint's
        '/endpoints/{EndpointName}/invocations'; {} when the path is not that operation's."""
        route = next(r for r in self._rest_routes(service).routes if r.operation == operation)
        match = route.path.fullmatch(path)
        if match is None:
            return {}
        uri = self.catalog.operation(service, operation).http.get("requestUri", "/")
        names = [label.group(1) for label in _LABEL.finditer(uri.partition("?")[0])]
        return dict(zip(names, match.groups(), strict=True))

    def _rest_routes(self, service: str) -> RestRoutes:
        routes = self._routes.get(service)
        if routes is None:
            routes = self._routes[service] = RestRoutes(self.catalog.model(service))
        return routes

    def _from_target(
        self, model: ServiceModel, protocols: list[str], target: str, method: str
    ) -> str:
        service = model.service_name
        if "json" not in protocols:
            raise bad_request(
                f"{service} does not use the X-Amz-Target header (it speaks "
                f"{'/'.join(protocols)}); send the request as the AWS SDK does.",
                reason="malformed-target",
            )
        prefix, _, name = target.rpartition(".")
        expected = model.metadata.get("targetPrefix")
        if prefix != expected or name not in model.operation_names:
            raise bad_request(
                f"X-Amz-Target '{target[:100]}' is not an operation of {service}: expected "
                f"'{expected}.<Operation>', e.g. '{expected}.{model.operation_names[0]}'.",
                reason="malformed-target",
            )
        if method != "POST":
            raise bad_request(
                f"{service} operations are sent with POST, not {method}.",
                reason="malformed-request",
                operation=f"{service}:{name}",
            )
        return name

    def _from_cbor_path(self, model: ServiceModel, path: str) -> str:
        parts = path.strip("/").split("/")
        if len(parts) == 4 and parts[0] == "service" and parts[2] == "operation":
            if parts[3] in model.operation_names:
                return parts[3]
        raise bad_request(
            f"'{path[:100]}' is not an RPC v2 operation path of {model.service_name}: expected "
            "'/service/<ServiceName>/operation/<Operation>'.",
            reason="unknown-operation",
        )

    def _from_action(self, model: ServiceModel, params: Mapping[str, str]) -> str:
        service = model.service_name
        name = params.get("Action")
        if name is None:
            raise bad_request(
                f"The {service} request has no 'Action' parameter: {service} is a query API, so "
                "each request names its operation with Action=<Operation> in its form body, "
                f"e.g. Action={model.operation_names[0]}.",
                reason="unknown-operation",
            )
        if name not in model.operation_names:
            raise bad_request(
                f"Action '{name[:100]}' is not an operation of {service}.",
                reason="unknown-operation",
            )
        return name


def is_query_api(protocols: list[str]) -> bool:
    """Query and EC2 protocols name the operation with a form parameter, `Action`."""
    return bool({"query", "ec2"} & set(protocols))
