"""The proxy signs with the server's credentials, and nothing of the browser's reaches AWS.

Here 'AWS' is a recording server, so we can check the exact request and recompute its SigV4
signature independently with botocore.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from .admin_allowlist import allow_s3_reads

KEY, SECRET, SESSION = "AKIDSERVER", "server-secret", "server-session-token"
_AUTH = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/"
    r"(?P<service>[^/]+)/aws4_request, SignedHeaders=(?P<signed>[^,]+), Signature=(?P<sig>\w+)"
)


@pytest.fixture
def jp_server_config(jp_server_config, upstream, monkeypatch):
    """AWS mode, with the server's 'AWS' at the recording upstream and credentials in env."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", upstream.url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_SESSION_TOKEN", SESSION)
    jp_server_config["AwsSparkML"]["mode"] = "aws"
    return allow_s3_reads(jp_server_config)  # HEAD and GET of objects are signed here too


def recompute_signature(seen, endpoint: str) -> str:
    """The signature botocore computes for exactly what the upstream received."""
    auth = _AUTH.match(seen.headers["authorization"]).groupdict()
    signed = auth["signed"].split(";")
    request = AWSRequest(
        method=seen.method,
        url=endpoint + seen.path,
        headers={name: seen.headers[name] for name in signed},
        data=seen.body,
    )
    request.context["timestamp"] = seen.headers["x-amz-date"]
    signer_class = S3SigV4Auth if auth["service"] == "s3" else SigV4Auth
    signer = signer_class(Credentials(KEY, SECRET, SESSION), auth["service"], auth["region"])
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request)


async def test_upstream_gets_a_valid_sigv4_from_the_servers_credentials(
    proxy_fetch, upstream, jp_serverapp
):
    token = jp_serverapp.identity_provider.token
    # Jupyter's token in the URL (as some clients send it), plus what a browser adds and a
    # forged AWS signature: none of it may reach AWS.
    response = await proxy_fetch(
        "POST",
        f"emr/us-east-1/?token={token}",
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "ElasticMapReduce.ListClusters",
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDBROWSER/20200101/us-east-1/"
            "elasticmapreduce/aws4_request, SignedHeaders=host, Signature=00",
            "Cookie": f"_xsrf=abc; username-127-0-0-1-8888={token}",
            "X-XSRFToken": "abc",
            "Origin": "http://127.0.0.1:8888",
            "Referer": "http://127.0.0.1:8888/lab",
            "Sec-Fetch-Mode": "cors",
            "X-Amz-Security-Token": "browser-token",
            "X-Amz-Date": "20200101T000000Z",
        },
        body=b'{"ClusterStates": ["WAITING"]}',
        auth=False,
    )

    assert response.code == 200, response.body
    [seen] = upstream.seen
    auth = _AUTH.match(seen.headers["authorization"]).groupdict()
    assert auth["key"] == KEY
    assert (auth["region"], auth["service"]) == ("us-east-1", "elasticmapreduce")
    assert seen.headers["x-amz-security-token"] == SESSION
    assert auth["sig"] == recompute_signature(seen, upstream.url)
    forwarded = " ".join(f"{k}: {v}" for k, v in seen.headers.items()) + seen.path
    for leaked in ("cookie", "x-xsrftoken", "origin", "referer", "sec-fetch-mode"):
        assert leaked not in seen.headers
    assert token not in forwarded and "AKIDBROWSER" not in forwarded
    assert "browser-token" not in forwarded and "20200101T" not in forwarded
    assert seen.headers["x-amz-target"] == "ElasticMapReduce.ListClusters"
    assert seen.body == b'{"ClusterStates": ["WAITING"]}'
    # Answer headers: the upstream's cookie stays with the upstream (Jupyter may set its own).
    assert not any("AWSALB" in c for c in response.headers.get_list("Set-Cookie"))
    assert response.headers["x-amzn-RequestId"] == "req-1"


async def test_s3_put_is_signed_over_its_payload(proxy_call, upstream):
    response = await proxy_call(
        "s3",
        "PutObject",
        {"Bucket": "data", "Key": "dir/a b.csv", "Body": b"1,2\n", "Metadata": {"owner": "me"}},
    )

    assert response.code == 200
    [seen] = upstream.seen
    assert urlsplit(seen.path).path == "/data/dir/a%20b.csv"
    assert seen.headers["x-amz-content-sha256"] != "UNSIGNED-PAYLOAD"
    assert seen.headers["x-amz-meta-owner"] == "me"  # declared by the model: forwarded
    assert _AUTH.match(seen.headers["authorization"])["sig"] == recompute_signature(
        seen, upstream.url
    )
    assert seen.body == b"1,2\n"


async def test_head_keeps_the_upstreams_content_length(proxy_call, upstream):
    response = await proxy_call("s3", "HeadObject", {"Bucket": "data", "Key": "k"})

    assert response.code == 200
    assert response.headers["Content-Length"] == str(len(b'{"Clusters": []}'))
    assert response.body == b""
