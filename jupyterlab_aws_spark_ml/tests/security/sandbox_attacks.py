"""Tools of the sandbox attack suite: raw requests with exactly the given headers, SigV4-signed
headers as any SDK makes them, and a boto3 client of the sandbox without retries."""

from __future__ import annotations

import http.client
from pathlib import Path

import boto3
import pytest
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

INFERENCE_SERVER = (
    Path(__file__).resolve().parents[2] / "sandbox" / "ml" / "endpoints" / "inference_server.py"
)
EVIL = "https://evil.example"
BUCKET = "attack-bucket"


def send(port: int, method: str, path: str, headers=None, body: bytes = b"", host=None):
    """(status, headers, body) of one raw HTTP request with exactly these headers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            method,
            path,
            body=body or None,
            headers={"Host": host or f"127.0.0.1:{port}", **(headers or {})},
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def signed(box, service, method, path, body=b"", headers=None, secret=None, key_id=None):
    """Headers of a request signed with botocore's SigV4, like any SDK (S3 style for s3)."""
    url = f"http://127.0.0.1:{box.port}{path}"
    request = AWSRequest(method=method, url=url, data=body, headers=dict(headers or {}))
    credentials = Credentials(key_id or box.access_key_id, secret or box.secret_access_key)
    signer = S3SigV4Auth if service == "s3" else SigV4Auth
    signer(credentials, service, box.region).add_auth(request)
    return dict(request.headers.items())


def client(box, service, **overrides):
    kwargs = dict(
        endpoint_url=box.endpoint_url,
        region_name=box.region,
        aws_access_key_id=box.access_key_id,
        aws_secret_access_key=box.secret_access_key,
        config=Config(retries={"total_max_attempts": 1}),
    )
    return boto3.client(service, **{**kwargs, **overrides})


def error_of(call) -> tuple[int, str]:
    with pytest.raises(ClientError) as raised:
        call()
    error = raised.value.response
    return error["ResponseMetadata"]["HTTPStatusCode"], error["Error"]["Code"]
