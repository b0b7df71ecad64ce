"""The sandbox's fault route is a switch that breaks AWS calls on purpose: only the logged-in
user may touch it, never a page of another site, never outside sandbox mode, never with a spec
that makes no sense."""

from __future__ import annotations

import json

import pytest

from jupyterlab_aws_spark_ml.sandbox_admin.handler import SandboxFaultsHandler
from jupyterlab_aws_spark_ml.tests.proxy.test_auth_check import RefuseAwsSparkML
from jupyterlab_aws_spark_ml.tests.proxy.upstreams import aws_mode

ROUTE = "aws-spark-ml/sandbox/faults"
THROTTLE_EMR = {"rules": [{"operation": "emr:ListClusters", "throttle": 1.0}], "seed": 5}


@pytest.fixture
def faults_fetch(http_server_client, jp_base_url, jp_auth_header):
    """`await faults_fetch('PUT', body=..., auth=False, headers=...)`: a raw request to the route."""

    async def fetch(method: str, body=None, auth: bool = True, headers=None):
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        return await http_server_client.fetch(
            f"{jp_base_url}{ROUTE}",
            method=method,
            headers={**(jp_auth_header if auth else {}), **(headers or {})},
            body=body if method in ("PUT", "POST") else None,
            allow_nonstandard_methods=True,
            raise_error=False,
        )

    return fetch


async def test_set_read_and_clear_faults_that_the_proxy_then_shows(
    faults_fetch, aws_spark_ml, proxy_call, parse_aws
):
    assert json.loads((await faults_fetch("GET")).body) == {"rules": []}

    put = await faults_fetch("PUT", THROTTLE_EMR)
    assert put.code == 200
    assert json.loads(put.body)["rules"][0]["throttle"] == 1.0
    assert json.loads((await faults_fetch("GET")).body) == json.loads(put.body)
    throttled = await proxy_call("emr", "ListClusters")
    assert throttled.code == 400
    assert parse_aws("emr", "ListClusters", throttled)["Error"]["Code"] == "ThrottlingException"

    assert (await faults_fetch("DELETE")).code == 204
    assert json.loads((await faults_fetch("GET")).body) == {"rules": []}
    assert (await proxy_call("emr", "ListClusters")).code == 200


@pytest.mark.parametrize(
    "body, field",
    [
        ({"rules": [{"operation": "emr:*", "throttle": 2}]}, "rules[0].throttle"),
        ({"rules": [{"operation": "nosuch:*"}]}, "rules[0].operation"),
        ({"rules": "all"}, "rules"),
        ({"seed": 1.5}, "seed"),
        ("null", "(spec)"),
    ],
)
async def test_a_wrong_spec_is_400_naming_the_field_and_changes_nothing(
    faults_fetch, aws_spark_ml, body, field
):
    await faults_fetch("PUT", THROTTLE_EMR)

    response = await faults_fetch("PUT", body)

    assert response.code == 400
    refusal = json.loads(response.body)
    assert refusal["field"] == field and field in refusal["message"]
    assert aws_spark_ml["sandbox"].faults.spec.rules[0].throttle == 1.0


async def test_a_body_that_is_not_json_is_400(faults_fetch, aws_spark_ml):
    response = await faults_fetch("PUT", b"{rules")

    assert response.code == 400
    assert not aws_spark_ml["sandbox"].faults.spec


async def test_without_login_every_verb_is_403(faults_fetch, aws_spark_ml):
    for method, body in (("GET", None), ("PUT", THROTTLE_EMR), ("DELETE", None)):
        assert (await faults_fetch(method, body, auth=False)).code == 403, method
    assert not aws_spark_ml["sandbox"].faults.spec


async def test_a_cookie_without_the_xsrf_token_cannot_change_faults(
    faults_fetch, aws_spark_ml, jp_serverapp
):
    # A token-authenticated request hands the browser its login cookie, as Jupyter does.
    login = await faults_fetch("GET")
    cookies = "; ".join(c.split(";", 1)[0] for c in login.headers.get_list("Set-Cookie"))
    assert "username-" in cookies
    as_browser = {"Cookie": f"{cookies}; _xsrf=abc"}

    for method, body in (("PUT", THROTTLE_EMR), ("DELETE", None)):
        response = await faults_fetch(method, body, auth=False, headers=as_browser)
        assert response.code == 403, method
        assert b"XSRF" in response.body or b"_xsrf" in response.body
    assert not aws_spark_ml["sandbox"].faults.spec
    # The same cookie with the page's XSRF token (what JupyterLab sends) is allowed.
    with_token = {**as_browser, "X-XSRFToken": "abc"}
    assert (await faults_fetch("PUT", THROTTLE_EMR, auth=False, headers=with_token)).code == 200


def test_every_verb_is_authenticated(jp_serverapp):
    assert jp_serverapp.web_app._check_handler_auth("route", SandboxFaultsHandler) == []


class TestAuthorizerSaysNo:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        jp_server_config["ServerApp"]["authorizer_class"] = RefuseAwsSparkML
        return jp_server_config

    async def test_every_verb_is_authorized_on_our_resource(self, faults_fetch, aws_spark_ml):
        for method, body in (("GET", None), ("PUT", THROTTLE_EMR), ("DELETE", None)):
            assert (await faults_fetch(method, body)).code == 403, method
        assert not aws_spark_ml["sandbox"].faults.spec


class TestAwsMode:
    @pytest.fixture
    def jp_server_config(self, jp_server_config, monkeypatch):
        return aws_mode(jp_server_config, monkeypatch, endpoint=None)

    async def test_there_is_nothing_to_inject_into(self, faults_fetch, aws_spark_ml):
        assert aws_spark_ml["sandbox"] is None
        for method, body in (("GET", None), ("PUT", THROTTLE_EMR), ("DELETE", None)):
            response = await faults_fetch(method, body)
            assert response.code == 404, method
            assert "sandbox mode" in json.loads(response.body)["message"]
