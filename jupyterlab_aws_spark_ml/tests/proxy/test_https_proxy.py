"""Behind a corporate proxy: the Jupyter server reaches AWS through HTTPS_PROXY (a CONNECT
tunnel), skips it for NO_PROXY hosts, trusts the CA bundle botocore is given, and says which
proxy setting to check when the proxy is down.

'AWS' here is the sandbox served over TLS with a throwaway certificate, so the whole route
runs: browser call → Jupyter → the CONNECT proxy → TLS → the sandbox, which checks the
signature.
"""

from __future__ import annotations

import base64

import pytest

from jupyterlab_aws_spark_ml.sandbox import Sandbox

from .connect_proxy import ConnectProxy
from .tls import self_signed_context
from .upstreams import closed_port

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
ACCOUNT = b"<Account>123456789012</Account>"


@pytest.fixture
def tls_sandbox(tmp_path):
    """(sandbox, its https endpoint, the certificate file that signs it)."""
    from cheroot import wsgi
    from cheroot.ssl.builtin import BuiltinSSLAdapter

    self_signed_context(tmp_path, "localhost")
    cert, key = str(tmp_path / "cert.pem"), str(tmp_path / "key.pem")

    prepare = wsgi.Server.prepare

    def prepare_tls(server) -> None:
        server.ssl_adapter = BuiltinSSLAdapter(cert, key)
        prepare(server)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wsgi.Server, "prepare", prepare_tls)
        box = Sandbox(components=[], seed=False).start()
    yield box, f"https://localhost:{box.port}", cert
    box.stop()
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()  # moto's state is per process (see tests/conftest.py)


@pytest.fixture
def connect_proxy():
    proxy = ConnectProxy()
    yield proxy
    proxy.stop()


def behind_proxy(config, monkeypatch, tls_sandbox, ca_bundle=True, **variables) -> dict:
    """AWS mode against the TLS sandbox, with exactly these proxy variables set."""
    box, endpoint, cert = tls_sandbox
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", box.access_key_id)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", box.secret_access_key)
    if ca_bundle:
        monkeypatch.setenv("AWS_CA_BUNDLE", cert)
    config["AwsSparkML"]["mode"] = "aws"
    return config


class TestThroughTheProxy:
    @pytest.fixture(params=["HTTPS_PROXY", "https_proxy"])
    def jp_server_config(self, request, jp_server_config, monkeypatch, tls_sandbox, connect_proxy):
        return behind_proxy(
            jp_server_config, monkeypatch, tls_sandbox, **{request.param: connect_proxy.url}
        )

    async def test_calls_are_tunnelled_through_one_connection(
        self, proxy_call, connect_proxy, tls_sandbox
    ):
        for _ in range(3):
            response = await proxy_call("sts", "GetCallerIdentity")
            assert response.code == 200, response.body
            assert ACCOUNT in response.body
        # One tunnel for all three calls: the connection behind the proxy is kept alive.
        assert connect_proxy.targets == [f"localhost:{tls_sandbox[0].port}"]


class TestNoProxy:
    @pytest.fixture(params=["NO_PROXY", "no_proxy"])
    def jp_server_config(self, request, jp_server_config, monkeypatch, tls_sandbox, connect_proxy):
        return behind_proxy(
            jp_server_config,
            monkeypatch,
            tls_sandbox,
            HTTPS_PROXY=connect_proxy.url,
            **{request.param: "example.com,localhost"},
        )

    async def test_listed_hosts_are_reached_directly(self, proxy_call, connect_proxy):
        response = await proxy_call("sts", "GetCallerIdentity")

        assert response.code == 200, response.body
        assert connect_proxy.targets == []


class TestProxyDown:
    @pytest.fixture
    def dead_proxy(self):
        return f"127.0.0.1:{closed_port()}"

    @pytest.fixture
    def jp_server_config(self, jp_server_config, monkeypatch, tls_sandbox, dead_proxy):
        return behind_proxy(
            jp_server_config, monkeypatch, tls_sandbox, HTTPS_PROXY=f"http://{dead_proxy}"
        )

    async def test_502_names_the_proxy_and_its_setting(self, proxy_call, refusal, dead_proxy):
        response = await proxy_call("sts", "GetCallerIdentity")

        assert response.code == 502
        body = refusal(response)
        assert body["reason"] == "upstream-unreachable"
        assert f"through the proxy http://{dead_proxy} (from HTTPS_PROXY)" in body["message"]
        assert "connection refused" in body["message"]
        assert "Check HTTPS_PROXY and NO_PROXY" in body["message"]


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class TestProxyCredentials:
    @pytest.fixture
    def connect_proxy(self):
        proxy = ConnectProxy(require=basic("alice", "right"))
        yield proxy
        proxy.stop()

    @pytest.fixture(params=["right", "wrong"])
    def password(self, request):
        return request.param

    @pytest.fixture
    def jp_server_config(self, jp_server_config, monkeypatch, tls_sandbox, connect_proxy, password):
        url = connect_proxy.url.replace("://", f"://alice:{password}@")
        return behind_proxy(jp_server_config, monkeypatch, tls_sandbox, HTTPS_PROXY=url)

    async def test_credentials_in_the_url_are_sent_and_never_shown(
        self, proxy_call, refusal, connect_proxy, password
    ):
        response = await proxy_call("sts", "GetCallerIdentity")

        assert connect_proxy.credentials == [basic("alice", password)]
        if password == "right":
            assert response.code == 200, response.body
            return
        assert response.code == 502
        message = refusal(response)["message"]
        assert "the proxy answered 407" in message
        assert connect_proxy.url in message and "wrong" not in message


class TestCaBundle:
    @pytest.fixture(params=["none", "profile"])
    def bundle(self, request):
        return request.param

    @pytest.fixture
    def jp_server_config(
        self, jp_server_config, monkeypatch, tmp_path, tls_sandbox, connect_proxy, bundle
    ):
        config = behind_proxy(
            jp_server_config,
            monkeypatch,
            tls_sandbox,
            ca_bundle=False,
            HTTPS_PROXY=connect_proxy.url,
        )
        if bundle == "profile":  # `ca_bundle` in ~/.aws/config, as `aws configure set` writes
            profile = tmp_path / "aws-config"
            profile.write_text(f"[default]\nca_bundle = {tls_sandbox[2]}\n")
            monkeypatch.setenv("AWS_CONFIG_FILE", str(profile))
        return config

    async def test_the_certificate_is_trusted_only_with_the_bundle(
        self, proxy_call, refusal, bundle
    ):
        response = await proxy_call("sts", "GetCallerIdentity")

        if bundle == "profile":
            assert response.code == 200, response.body
            assert ACCOUNT in response.body
            return
        assert response.code == 502
        assert "certificate verify failed" in refusal(response)["message"]
