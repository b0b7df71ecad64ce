"""botocore's names for a sandbox request's service and operation, as the signing proxy's
allowlist and the fault rules use them ('emr:ListClusters', 'sagemaker-runtime:InvokeEndpoint').

A request carries only its SigV4 signing name ('elasticmapreduce', 'sagemaker'); the service
model that signs with it is the service, and the proxy's `OperationResolver` names the operation
from the protocol (target header, Action, or REST method + path), so the sandbox and the proxy
can never name one request differently.
"""

from __future__ import annotations

import threading

from botocore.model import ServiceModel

from ..proxy.operations import OperationResolver, is_query_api, protocols_of
from ..proxy.refusal import ProxyRefusal
from .messages import AwsRequest

# The services the product calls (and the sandbox serves with more than moto).
SERVICES = (
    "emr",
    "emr-serverless",
    "glue",
    "iam",
    "lakeformation",
    "logs",
    "s3",
    "sagemaker",
    "sagemaker-runtime",
    "sts",
)


class RequestNamer:
    def __init__(self, resolver: OperationResolver) -> None:
        self.resolver = resolver
        self._by_signing_name: dict[str, list[ServiceModel]] | None = None
        self._lock = threading.Lock()

    def service(self, req: AwsRequest) -> ServiceModel | None:
        """The model of the request's service (also set as `req.service`), or None for a
        service the product does not call."""
        models = self._models_by_signing_name().get(req.signing_name, [])
        # SageMaker and SageMaker Runtime sign alike: the JSON target header tells them apart.
        json_target = "x-amz-target" in req.headers
        for model in models:
            if len(models) == 1 or ("json" in protocols_of(model)) == json_target:
                req.service = model.service_name
                return model
        return None

    def operation(self, req: AwsRequest) -> str | None:
        """The request's operation (also set as `req.operation`, with a REST operation's path
        labels added to `req.params`), or None when it names none: moto answers those."""
        if req.operation is not None:
            return req.operation
        model = self.service(req)
        if model is None:
            return None
        query_api = is_query_api(protocols_of(model))
        query = req.params if query_api else {k: v[0] for k, v in req.query.items()}
        try:
            req.operation = self.resolver.resolve(
                model.service_name, req.method, req.path, query, req.headers
            )
        except ProxyRefusal:
            return None
        if not query_api and "x-amz-target" not in req.headers:
            labels = self.resolver.path_labels(model.service_name, req.operation, req.path)
            req.params = {**req.params, **labels}
        return req.operation

    def _models_by_signing_name(self) -> dict[str, list[ServiceModel]]:
        if self._by_signing_name is None:
            with self._lock:
                if self._by_signing_name is None:
                    by_name: dict[str, list[ServiceModel]] = {}
                    for name in SERVICES:
                        model = self.resolver.catalog.model(name)
                        by_name.setdefault(model.signing_name, []).append(model)
                    self._by_signing_name = by_name
        return self._by_signing_name
