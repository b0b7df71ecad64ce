"""What faults the sandbox injects, read and checked from JSON.

    {"rules": [{"operation": "emr:ListClusters" | "emr:*" | "*",
                "throttle": 0.3, "error": 0.1, "latency_ms": 200, "drop": 0.05, "drop_after": 0.05}],
     "seed": 7}

Operations use botocore service names, as the signing proxy's allowlist does. The first rule
whose `operation` matches a request applies; a rule with no faults exempts what it matches from
the rules after it. The four rates are probabilities of one draw per request, so they add up to
at most 1.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

RATES = ("throttle", "error", "drop", "drop_after")
MAX_LATENCY_MS = 60_000
MAX_RULES = 200


class FaultSpecError(ValueError):
    """A fault spec that cannot be used; `field` names where, e.g. 'rules[0].throttle'."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class FaultRule:
    operation: str  # '*', 'emr:*' or 'emr:ListClusters'
    throttle: float = 0.0
    error: float = 0.0
    latency_ms: float = 0.0
    drop: float = 0.0
    drop_after: float = 0.0

    @property
    def service(self) -> str | None:
        return None if self.operation == "*" else self.operation.split(":", 1)[0]

    @property
    def operation_name(self) -> str | None:
        """The operation a rule names, None for '*' and 'service:*'."""
        name = self.operation.split(":", 1)[-1]
        return None if name == "*" else name

    def matches(self, service: str | None, operation: str | None) -> bool:
        if self.service is None:
            return True
        if self.service != service:
            return False
        return self.operation_name is None or self.operation_name == operation


@dataclass(frozen=True)
class FaultSpec:
    rules: tuple[FaultRule, ...] = ()
    seed: int | None = None

    def __bool__(self) -> bool:
        return bool(self.rules)

    def to_json(self) -> dict:
        out: dict = {"rules": [asdict(r) for r in self.rules]}
        if self.seed is not None:
            out["seed"] = self.seed
        return out

    def rule_for(self, service: str | None, operation: str | None) -> FaultRule | None:
        return next((r for r in self.rules if r.matches(service, operation)), None)

    def names_operations_of(self, service: str | None) -> bool:
        """Whether telling this service's operations apart can change which rule applies."""
        return any(r.service == service and r.operation_name for r in self.rules)


NO_FAULTS = FaultSpec()


@dataclass
class _Reader:
    """Checks one rule at a time, naming the field of anything wrong."""

    where: str
    raw: dict
    seen: set = field(default_factory=set)

    def rate(self, key: str) -> float:
        value = self.number(key, 0.0)
        if not 0.0 <= value <= 1.0:
            raise FaultSpecError(f"{self.where}.{key}", f"must be between 0 and 1, not {value}")
        return value

    def number(self, key: str, default: float) -> float:
        self.seen.add(key)
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FaultSpecError(f"{self.where}.{key}", f"must be a number, not {value!r}")
        return float(value)


def parse_fault_spec(data) -> FaultSpec:
    """A FaultSpec from parsed JSON (or JSON text); FaultSpecError naming the field if wrong."""
    if isinstance(data, (str, bytes)):
        if not data.strip():
            return NO_FAULTS
        try:
            data = json.loads(data)
        except ValueError as e:
            raise FaultSpecError("(spec)", f"is not JSON: {e}") from None
    if not isinstance(data, dict):
        raise FaultSpecError("(spec)", 'must be an object like {"rules": [...]}')
    _no_other_keys("(spec)", data, {"rules", "seed"})
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise FaultSpecError("rules", "must be a list of rules")
    if len(rules) > MAX_RULES:
        raise FaultSpecError("rules", f"has {len(rules)} rules; at most {MAX_RULES}")
    seed = data.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise FaultSpecError("seed", f"must be an integer, not {seed!r}")
    return FaultSpec(tuple(_rule(f"rules[{i}]", r) for i, r in enumerate(rules)), seed)


def _rule(where: str, raw) -> FaultRule:
    if not isinstance(raw, dict):
        raise FaultSpecError(where, 'must be an object like {"operation": "emr:*", ...}')
    reader = _Reader(where, raw, {"operation"})
    operation = _operation(f"{where}.operation", raw.get("operation"))
    rates = {key: reader.rate(key) for key in RATES}
    latency = reader.number("latency_ms", 0.0)
    if not 0 <= latency <= MAX_LATENCY_MS:
        raise FaultSpecError(
            f"{where}.latency_ms", f"must be between 0 and {MAX_LATENCY_MS}, not {latency:g}"
        )
    _no_other_keys(where, raw, reader.seen)
    if sum(rates.values()) > 1.0 + 1e-9:
        raise FaultSpecError(
            where, "throttle + error + drop + drop_after is the chance of some fault; at most 1"
        )
    return FaultRule(operation, latency_ms=latency, **rates)


def _operation(where: str, value) -> str:
    """'*', or a botocore service name with ':*' or one of its operations."""
    if not isinstance(value, str) or not value:
        raise FaultSpecError(where, "is required: '*', 'emr:*' or 'emr:ListClusters'")
    if value == "*":
        return value
    from ..proxy.catalog import ServiceCatalog

    service, sep, name = value.partition(":")
    catalog = ServiceCatalog.shared()
    if not sep or not catalog.is_known_service(service):
        raise FaultSpecError(
            where,
            f"{value!r} is not '<service>:<Operation>' with a botocore service name "
            "(emr, glue, sagemaker, sagemaker-runtime, s3, sts, lakeformation, logs, iam, "
            "emr-serverless)",
        )
    if name != "*" and name not in catalog.model(service).operation_names:
        example = catalog.model(service).operation_names[0]
        raise FaultSpecError(
            where, f"{name!r} is not an operation of {service} (e.g. '{service}:{example}')"
        )
    return value


def _no_other_keys(where: str, raw: dict, allowed: set) -> None:
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise FaultSpecError(
            f"{where}.{unknown[0]}" if where != "(spec)" else unknown[0],
            f"is not a fault setting; use {', '.join(sorted(allowed))}",
        )
