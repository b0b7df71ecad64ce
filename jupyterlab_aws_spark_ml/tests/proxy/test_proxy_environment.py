"""How the proxy reads a corporate proxy's settings from the server's environment: the same
rules as curl, botocore and the standard library (see proxy/upstream.py)."""

from __future__ import annotations

import base64

import pytest

from jupyterlab_aws_spark_ml.proxy.upstream import Route, route_for

STS = "https://sts.us-east-1.amazonaws.com/"


@pytest.fixture(autouse=True)
def no_proxy_settings(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_no_settings_means_direct():
    assert route_for(STS) == Route()


def test_lower_case_wins_and_is_the_one_named(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://upper.corp:3128")
    monkeypatch.setenv("https_proxy", "http://lower.corp:3128")

    route = route_for(STS)

    assert (route.proxy, route.variable) == ("http://lower.corp:3128", "https_proxy")


def test_an_http_endpoint_uses_http_proxy_not_https_proxy(monkeypatch):
    localstack = "http://10.1.2.3:4566/"  # an AWS_ENDPOINT_URL on the network
    monkeypatch.setenv("HTTPS_PROXY", "http://secure.corp:3128")
    assert route_for(localstack) == Route()

    monkeypatch.setenv("HTTP_PROXY", "plain.corp:8080")  # no scheme: http, as curl reads it
    route = route_for(localstack)

    assert (route.proxy, route.variable) == ("http://plain.corp:8080", "HTTP_PROXY")


@pytest.mark.parametrize("sandbox", ["http://127.0.0.1:4566/", "http://[::1]:4566/"])
def test_the_sandbox_on_loopback_is_never_proxied(monkeypatch, sandbox):
    monkeypatch.setenv("HTTP_PROXY", "http://plain.corp:8080")
    monkeypatch.setenv("ALL_PROXY", "http://plain.corp:8080")

    assert route_for(sandbox) == Route()


@pytest.mark.parametrize(
    ("no_proxy", "bypassed"),
    [
        (".amazonaws.com", True),
        ("amazonaws.com", True),
        ("sts.us-east-1.amazonaws.com", True),
        ("*", True),
        ("s3.amazonaws.com,example.com", False),
        ("", False),
    ],
)
def test_no_proxy_matches_by_host_suffix(monkeypatch, no_proxy, bypassed):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.corp:3128")
    monkeypatch.setenv("NO_PROXY", no_proxy)

    assert (route_for(STS).proxy is None) == bypassed


def test_credentials_go_in_a_header_and_never_in_what_is_shown(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://alice:p%40ss@proxy.corp:3128")

    route = route_for(STS)

    assert route.proxy == "http://proxy.corp:3128"
    sent = base64.b64decode(route.headers["Proxy-Authorization"].split(" ", 1)[1])
    assert sent == b"alice:p@ss"
