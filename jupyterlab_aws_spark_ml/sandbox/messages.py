"""One AWS API request and one answer, as the sandbox's gateway and components pass them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class AwsRequest:
    """One AWS API request as the sandbox sees it."""

    signing_name: str  # SigV4 signing name, e.g. 'elasticmapreduce', 'glue', 'sagemaker'
    region: str
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    # botocore's names, as the proxy's allowlist uses them ('emr', 'sagemaker-runtime'); set by
    # `RequestNamer` for the services the sandbox knows, else None.
    service: str | None = None
    operation: str | None = None
    params: dict = field(default_factory=dict)  # JSON or query parameters, REST path labels
    body_problem: str | None = None  # why a JSON body does not parse, if it does not

    def json(self) -> dict:
        return json.loads(self.body or b"{}")


@dataclass
class AwsResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body or b"{}")

    @classmethod
    def of_json(cls, payload: dict, status: int = 200) -> AwsResponse:
        return cls(
            status,
            [("Content-Type", "application/x-amz-json-1.1")],
            json.dumps(payload, default=str).encode(),
        )
