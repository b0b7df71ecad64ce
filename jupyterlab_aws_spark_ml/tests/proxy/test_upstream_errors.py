"""When AWS cannot be reached, is slow, or the server has no credentials: 502, 504, 401."""

from __future__ import annotations

import time

import pytest

from .upstreams import RecordingUpstream, aws_mode, closed_port


class TestEndpointDown:
    @pytest.fixture
    def endpoint(self):
        return f"http://127.0.0.1:{closed_port()}"

    @pytest.fixture
    def jp_server_config(self, jp_server_config, monkeypatch, endpoint):
        return aws_mode(jp_server_config, monkeypatch, endpoint)

    async def test_502_names_the_service_and_endpoint(self, proxy_call, refusal, endpoint):
        response = await proxy_call("emr", "ListClusters")

        assert response.code == 502
        body = refusal(response)
        assert body["reason"] == "upstream-unreachable"
        assert body["operation"] == "emr:ListClusters"
        assert f"Could not reach emr at {endpoint}" in body["message"]


class TestSlowUpstream:
    @pytest.fixture
    def upstream(self):
        server = RecordingUpstream(slow_seconds=5)
        yield server
        server.stop()

    @pytest.fixture
    def jp_server_config(self, jp_server_config, monkeypatch, upstream):
        jp_server_config["AwsSparkML"]["upstream_timeout"] = 0.3
        return aws_mode(jp_server_config, monkeypatch, upstream.url)

    async def test_504_after_upstream_timeout(self, proxy_call, refusal, upstream):
        started = time.monotonic()
        response = await proxy_call("emr", "ListClusters")

        assert response.code == 504
        assert time.monotonic() - started < 3
        body = refusal(response)
        assert body["reason"] == "upstream-timeout"
        assert "c.AwsSparkML.upstream_timeout" in body["message"]
        assert len(upstream.seen) == 1  # it was sent; AWS was just slow


class TestNoCredentials:
    @pytest.fixture
    def jp_server_config(self, jp_server_config, monkeypatch, upstream):
        return aws_mode(jp_server_config, monkeypatch, upstream.url, credentials=False)

    async def test_401_says_how_to_get_credentials(self, proxy_call, refusal, upstream):
        response = await proxy_call("sts", "GetCallerIdentity")

        assert response.code == 401
        body = refusal(response)
        assert body["reason"] == "no-credentials"
        assert "configure a profile" in body["message"].lower()
        assert "--AwsSparkML.mode=sandbox" in body["message"]
        assert upstream.seen == []
