"""Connections stay open: the proxy reuses its connection to AWS, and the sandbox, like AWS,
keeps a client's connection alive. A new connection per call was most of the proxy's overhead
(bench/RESULTS.md, `## proxy`)."""

from __future__ import annotations

import http.client

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from .upstreams import aws_mode

LIST_CLUSTERS = {
    "Content-Type": "application/x-amz-json-1.1",
    "X-Amz-Target": "ElasticMapReduce.ListClusters",
}


class TestProxyToAws:
    @pytest.fixture
    def jp_server_config(self, jp_server_config, upstream, monkeypatch):
        return aws_mode(jp_server_config, monkeypatch, upstream.url)

    async def test_calls_share_one_connection_to_aws(self, proxy_fetch, upstream):
        for _ in range(5):
            response = await proxy_fetch(
                "POST", "emr/us-east-1/", headers=LIST_CLUSTERS, body=b"{}"
            )
            assert response.code == 200
        assert len(upstream.seen) == 5
        assert len({seen.client_port for seen in upstream.seen}) == 1


def test_sandbox_keeps_a_clients_connection_alive(sandbox):
    host, port = sandbox.endpoint_url.split("//", 1)[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    sockets = []
    try:
        for _ in range(3):
            body = b"Action=GetCallerIdentity&Version=2011-06-15"
            request = AWSRequest(
                "POST",
                f"{sandbox.endpoint_url}/",
                {"Content-Type": "application/x-www-form-urlencoded"},
                body,
            )
            keys = Credentials(sandbox.access_key_id, sandbox.secret_access_key)
            SigV4Auth(keys, "sts", "us-east-1").add_auth(request)  # the sandbox checks it
            connection.request("POST", "/", body, dict(request.headers.items()))
            response = connection.getresponse()
            assert response.status == 200
            assert b"<Account>123456789012</Account>" in response.read()
            assert (response.getheader("Connection") or "").lower() != "close"
            sockets.append(connection.sock)
    finally:
        connection.close()
    assert sockets[0] is not None and all(s is sockets[0] for s in sockets)
