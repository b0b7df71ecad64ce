"""Shared fixtures: an isolated AWS environment, a sandbox, and a Jupyter server in sandbox mode.

- Every test runs without the developer's AWS profile, credentials or instance role.
- `sandbox`: a control-plane-only sandbox (moto, no engines) on a free port.
- `jp_server_config`: the server extension enabled in sandbox mode, unseeded, control plane only.
  Override `sandbox_components` (names of components, or None for all) to start engines too.
- `aws_spark_ml`: the extension's state in the running server (config, proxy, sandbox).
- `proxy_fetch`: a raw request to the proxy route.
- `proxy_call`, `parse_aws`, `refusal`: send an AWS operation through the proxy as the browser SDK would
  (serialized by botocore, unsigned), parse the answer as the SDK would, read a refusal.
"""

from __future__ import annotations

import json
import logging
import os
from urllib.parse import urlencode, urlsplit

import botocore.session
import pytest
from botocore.awsrequest import HeadersDict
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from jupyterlab_aws_spark_ml.sandbox import Sandbox

pytest_plugins = ["pytest_jupyter.jupyter_server"]

_BOTOCORE = botocore.session.get_session()


@pytest.fixture(autouse=True)
def aws_environment(monkeypatch, tmp_path):
    """No AWS settings leak in from the machine, and none leak out of a test: the sandbox
    exports AWS_ENDPOINT_URL and dummy credentials into os.environ when a server starts it."""
    saved = dict(os.environ)
    for key in list(os.environ):
        if key.startswith("AWS_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no 1 s IMDS probes
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one log line per sandbox request
    yield
    os.environ.clear()
    os.environ.update(saved)


def reset_moto() -> None:
    """moto's state is per process, not per sandbox: clear it so tests stay independent.
    In-process, as the sandbox (here in the test process) keeps /moto-api off."""
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()


@pytest.fixture
def sandbox():
    """A control-plane-only sandbox (moto behind the gateway), not seeded."""
    box = Sandbox(components=[], seed=False).start()
    yield box
    reset_moto()
    box.stop()


@pytest.fixture
def sandbox_components():
    """Names of the sandbox components a sandbox-mode server starts; None means all."""
    return []


@pytest.fixture
def _server_sandbox_components(monkeypatch, sandbox_components):
    if sandbox_components is None:
        return
    from jupyterlab_aws_spark_ml.sandbox import core
    from jupyterlab_aws_spark_ml.sandbox.components import wire

    monkeypatch.setattr(core, "default_parts", lambda: wire(sandbox_components))


@pytest.fixture
def jp_server_config(_server_sandbox_components):
    return {
        "ServerApp": {"jpserver_extensions": {"jupyterlab_aws_spark_ml": True}},
        "AwsSparkML": {"mode": "sandbox", "sandbox_seed": False, "region": "us-east-1"},
    }


@pytest.fixture
def aws_spark_ml(jp_serverapp):
    """The extension's state: {'config', 'proxy', 'sandbox', 'identity'}."""
    state = jp_serverapp.web_app.settings.get("aws_spark_ml")
    assert state is not None, "the jupyterlab_aws_spark_ml server extension did not load"
    yield state
    if state["sandbox"] is not None:
        reset_moto()


@pytest.fixture
def proxy_fetch(http_server_client, jp_base_url, jp_auth_header, aws_spark_ml):
    """`await proxy_fetch('GET', 's3/us-east-1/bucket?list-type=2')`: a raw proxy request,
    with the header the extension's SDK handler sends (`client_header=False` leaves it out)."""

    async def fetch(
        method: str, rest: str, headers=None, body=None, auth=True, client_header=True, **kwargs
    ):
        sent = {**(jp_auth_header if auth else {}), **(headers or {})}
        if client_header:
            sent.setdefault("X-Aws-Spark-Ml", "1")
        return await http_server_client.fetch(
            f"{jp_base_url}aws-spark-ml/proxy/{rest}",
            method=method,
            headers=sent,
            body=body if method not in ("GET", "HEAD", "DELETE") else None,
            allow_nonstandard_methods=True,
            raise_error=False,
            request_timeout=kwargs.pop("request_timeout", 30),
            **kwargs,
        )

    return fetch


@pytest.fixture
def proxy_call(proxy_fetch):
    """`await proxy_call('emr', 'ListClusters', {...})` → the proxy's HTTP response.

    `headers` are added to (or override) the SDK's; `body` replaces the serialized body.
    """

    async def call(
        service: str,
        operation: str,
        params: dict | None = None,
        region: str = "us-east-1",
        headers: dict | None = None,
        body: bytes | None = None,
        auth: bool = True,
        **kwargs,
    ):
        method, path, query, sdk_headers, sdk_body = serialize(service, operation, params or {})
        rest = f"{service}/{region}{path}" + (f"?{query}" if query else "")
        return await proxy_fetch(
            method,
            rest,
            headers={**sdk_headers, **(headers or {})},
            body=sdk_body if body is None else body,
            auth=auth,
            **kwargs,
        )

    return call


@pytest.fixture
def aws_serialize():
    """`aws_serialize('emr', 'ListClusters', {})` → (method, path, query, headers, body)."""
    return serialize


def serialize(service: str, operation: str, params: dict) -> tuple[str, str, str, dict, bytes]:
    """(method, path, query, headers, body) of an unsigned AWS request, as botocore builds it."""
    model = _BOTOCORE.get_service_model(service)
    op = model.operation_model(operation)
    serializer = create_serializer(model.metadata["protocol"], include_validation=False)
    request = serializer.serialize_to_request(params, op)
    parts = urlsplit(request["url_path"])
    query_pairs = [tuple(p.partition("=")[::2]) for p in parts.query.split("&") if p]
    query_pairs += list((request.get("query_string") or {}).items())
    headers = dict(request["headers"])
    body = request["body"]
    if isinstance(body, dict):  # query protocol: form-encoded
        body = urlencode(body).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    elif isinstance(body, str):
        body = body.encode()
    return request["method"], parts.path, urlencode(query_pairs), headers, body or b""


@pytest.fixture
def parse_aws():
    """`parse_aws('emr', 'ListClusters', response)` → what the SDK would return."""
    return parse_response


def parse_response(service: str, operation: str, response) -> dict:
    """Parse a proxy response with botocore, as the AWS SDK would (errors under 'Error')."""
    model = _BOTOCORE.get_service_model(service)
    op = model.operation_model(operation)
    parser = create_parser(model.metadata["protocol"])
    return parser.parse(
        {
            "status_code": response.code,
            "headers": HeadersDict(response.headers.get_all()),
            "body": response.body or b"",
        },
        op.output_shape,
    )


@pytest.fixture
def refusal():
    """`refusal(response)` → the proxy's own JSON refusal body, checked to have its fields."""

    def read(response) -> dict:
        body = json.loads(response.body)
        assert set(body) >= {"message", "reason"}, body
        return body

    return read
