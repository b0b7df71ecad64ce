"""botocore's knowledge of AWS: service models and partitions, loaded once per process."""

from __future__ import annotations

import re
import threading

from botocore.loaders import create_loader
from botocore.model import OperationModel, ServiceModel

# The shape of a region name, before asking botocore which partitions exist.
REGION_SHAPE = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")


class ServiceCatalog:
    """Service models and region patterns from botocore's bundled data.

    The data never changes while the server runs, so one catalog is shared by every proxy in
    the process (tests start many servers; loading a model costs tens of milliseconds).
    """

    _shared: ServiceCatalog | None = None
    _shared_lock = threading.Lock()

    def __init__(self, loader=None) -> None:
        self.loader = loader or create_loader()
        self._models: dict[str, ServiceModel] = {}
        self._operations: dict[tuple[str, str], OperationModel] = {}
        self._list_query_names: dict[tuple[str, str], frozenset[str]] = {}
        self._services: frozenset[str] | None = None
        self._region_patterns: list[re.Pattern] | None = None
        self._lock = threading.Lock()

    @classmethod
    def shared(cls) -> ServiceCatalog:
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def services(self) -> frozenset[str]:
        if self._services is None:
            self._services = frozenset(self.loader.list_available_services("service-2"))
        return self._services

    def is_known_service(self, service: str) -> bool:
        return service in self.services()

    def is_cached(self, service: str) -> bool:
        return service in self._models

    def model(self, service: str) -> ServiceModel:
        model = self._models.get(service)
        if model is None:
            with self._lock:
                model = self._models.get(service)
                if model is None:
                    data = self.loader.load_service_model(service, "service-2")
                    model = ServiceModel(data, service_name=service)
                    self._models[service] = model
        return model

    def operation(self, service: str, name: str) -> OperationModel:
        key = (service, name)
        op = self._operations.get(key)
        if op is None:
            op = self._operations[key] = self.model(service).operation_model(name)
        return op

    def list_query_names(self, service: str, name: str | None = None) -> frozenset[str]:
        """Query-string names the operation (or any operation of the service, when `name` is
        None) declares as lists, like EMR Serverless's `states`: the only parameters a REST
        request may legitimately send more than once."""
        if name is None:
            model = self.model(service)
            return frozenset().union(
                *(self.list_query_names(service, op) for op in model.operation_names)
            )
        key = (service, name)
        names = self._list_query_names.get(key)
        if names is None:
            shape = self.operation(service, name).input_shape
            members = shape.members.values() if shape is not None else ()
            names = self._list_query_names[key] = frozenset(
                m.serialization.get("name", m.name)
                for m in members
                if m.serialization.get("location") == "querystring" and m.type_name == "list"
            )
        return names

    def has_operation(self, service: str, name: str) -> bool:
        return self.is_known_service(service) and name in self.model(service).operation_names

    def is_partition_region(self, region: str) -> bool:
        """True for a region name some AWS partition (aws, aws-cn, aws-us-gov, …) would use."""
        if not REGION_SHAPE.match(region):
            return False
        if self._region_patterns is None:
            partitions = self.loader.load_data("endpoints")["partitions"]
            self._region_patterns = [re.compile(p["regionRegex"]) for p in partitions]
        return any(p.match(region) for p in self._region_patterns)
