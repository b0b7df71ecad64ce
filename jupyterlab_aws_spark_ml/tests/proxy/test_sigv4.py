"""The proxy's SigV4 signer gives exactly botocore's headers and signature, request for request.

Requests are generated (fixed seed) the way the proxy builds them: its canonical path and
encoded query, the forwarded headers it keeps, bodies of any size, with and without a session
token, and endpoints with ports and base paths.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

import botocore.auth
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials

from jupyterlab_aws_spark_ml.proxy import sigv4
from jupyterlab_aws_spark_ml.proxy.forwarding import _enc, canonical_path

NOW = datetime(2026, 12, 1, 16, 5, 9, tzinfo=UTC)
SEGMENTS = ["clusters", "j-1ABC", "a b", "über", "x+y", "%", "=", "~tilde", "a/b", "", "é;&"]
HEADERS = {
    "content-type": ["application/x-amz-json-1.1", "application/json", "text/plain; a=1"],
    "x-amz-target": ["ElasticMapReduce.ListClusters", "AWSGlue.GetTables"],
    "x-amz-user-agent": ["aws-sdk-js/3.700.0  ua/2.1   os/linux"],
    "accept": ["*/*", "application/json"],
    "amz-sdk-invocation-id": ["0b6a0e0e-1f2d-4c3b-9a8f-abcdef012345"],
    "amz-sdk-request": ["attempt=1; max=3"],
    "x-amz-meta-owner": ["  padded\tvalue  "],
    "content-md5": ["1B2M2Y8AsgTpgAmY7PhCfg=="],
}


def generated_requests(count: int):
    rng = random.Random(20261201)
    for _ in range(count):
        path = "/" + "/".join(rng.choice(SEGMENTS) for _ in range(rng.randint(0, 4)))
        if path.startswith("//"):
            path = "/x" + path  # the proxy refuses a leading '//' before signing
        query = "&".join(
            f"{_enc(rng.choice(['maxResults', 'nextToken', 'a b', 'é']))}="
            f"{_enc(rng.choice(['', '10', 'x/y=z', 'ü ü']))}"
            for _ in range(rng.randint(0, 3))
        )
        base = rng.choice(["", "/prefix", "/a/b"])
        host = rng.choice(["elasticmapreduce.us-east-1.amazonaws.com", "127.0.0.1:5000"])
        scheme = "http" if ":" in host else "https"
        url = f"{scheme}://{host}{base}{canonical_path(path)}" + (f"?{query}" if query else "")
        names = rng.sample(sorted(HEADERS), rng.randint(0, len(HEADERS)))
        headers = {name: rng.choice(HEADERS[name]) for name in names}
        body = rng.choice([b"", b"{}", b"Action=GetCallerIdentity&Version=2011-06-15"])
        if rng.random() < 0.1:
            body = rng.randbytes(rng.randint(1, 200_000))
        token = rng.choice([None, "session-token/with+odd=chars"])
        yield (
            rng.choice(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]),
            url,
            host,
            headers,
            body,
            ReadOnlyCredentials("AKIDEXAMPLE", rng.choice(["secret", "s/e+c=r"]), token),
            rng.choice(["elasticmapreduce", "glue", "sagemaker", "sts", "lakeformation"]),
            rng.choice(["us-east-1", "eu-west-2", "ap-southeast-1"]),
        )


def botocores(method, url, host, headers, body, credentials, service, region):
    request = AWSRequest(method=method, url=url, headers={"host": host, **headers}, data=body)
    SigV4Auth(credentials, service, region).add_auth(request)
    return dict(request.headers.items())


def test_same_headers_and_signature_as_botocore(monkeypatch):
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: NOW.replace(tzinfo=None))
    cases = list(generated_requests(400))
    for method, url, host, headers, body, credentials, service, region in cases:
        ours = sigv4.signed_headers(
            credentials, service, region, method, url, {"host": host, **headers}, body, NOW
        )
        expected = botocores(method, url, host, headers, body, credentials, service, region)
        assert ours == expected, (method, url, headers)
    # The generator covered what matters: tokens, queries, bodies, base paths, odd segments.
    assert any(c[5].token for c in cases) and any(not c[5].token for c in cases)
    assert any("?" in c[1] for c in cases) and any(len(c[4]) > 1000 for c in cases)
    assert any("%25" in c[1] for c in cases) and any("/prefix/" in c[1] for c in cases)


def test_signing_key_changes_with_the_day_and_the_secret():
    creds = ReadOnlyCredentials("AKID", "secret", None)
    args = ("sts", "us-east-1", "POST", "https://sts.amazonaws.com/", {"host": "h"}, b"")
    today = sigv4.signed_headers(creds, *args, now=NOW)["Authorization"]
    tomorrow = sigv4.signed_headers(creds, *args, now=NOW.replace(day=2, month=12))["Authorization"]
    rotated = sigv4.signed_headers(ReadOnlyCredentials("AKID", "rotated", None), *args, now=NOW)[
        "Authorization"
    ]
    assert len({today, tomorrow, rotated}) == 3


@pytest.mark.parametrize("value", ["a\u00e9b", "tab\there", "  lead and trail  "])
def test_header_values_are_trimmed_as_botocore_does(monkeypatch, value):
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: NOW.replace(tzinfo=None))
    creds = ReadOnlyCredentials("AKID", "secret", "tok")
    url, host = "https://glue.eu-west-2.amazonaws.com/", "glue.eu-west-2.amazonaws.com"
    headers = {"x-amz-meta-note": value}
    ours = sigv4.signed_headers(
        creds, "glue", "eu-west-2", "POST", url, {"host": host, **headers}, b"{}", NOW
    )
    assert ours == botocores("POST", url, host, headers, b"{}", creds, "glue", "eu-west-2")
