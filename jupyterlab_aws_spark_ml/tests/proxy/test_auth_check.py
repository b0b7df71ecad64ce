"""Like the extension template's check: with unauthenticated access off, our routes must not
make Jupyter Server warn about missing authentication; and @authorized really applies."""

from __future__ import annotations

import pytest
from jupyter_server.auth import Authorizer
from jupyter_server.utils import JupyterServerAuthWarning

from jupyterlab_aws_spark_ml.proxy.handler import ProxyHandler
from jupyterlab_aws_spark_ml.status.handler import StatusHandler

VERBS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


class TestUnauthenticatedAccessOff:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        server = jp_server_config["ServerApp"]
        server["allow_unauthenticated_access"] = False
        # Only our extension: pytest-jupyter would add terminals, which warns on its own.
        server["jpserver_extensions"]["jupyter_server_terminals"] = False
        return jp_server_config

    def test_server_starts_without_authentication_warnings(self, recwarn, jp_serverapp):
        assert jp_serverapp.web_app.settings.get("aws_spark_ml"), "extension did not load"
        auth_warnings = [w for w in recwarn if issubclass(w.category, JupyterServerAuthWarning)]
        assert auth_warnings == [], [str(w.message) for w in auth_warnings]

    @pytest.mark.parametrize("handler", [ProxyHandler, StatusHandler])
    def test_every_verb_is_authenticated(self, jp_serverapp, handler):
        assert jp_serverapp.web_app._check_handler_auth("route", handler) == []

    async def test_requests_without_token_are_refused(self, proxy_fetch, jp_fetch):
        for verb in VERBS:
            response = await proxy_fetch(verb, "sts/us-east-1/", auth=False, body=b"")
            assert response.code == 403, verb


class RefuseAwsSparkML(Authorizer):
    """An admin's authorizer that gives this user nothing of our resource."""

    def is_authorized(self, handler, user, action, resource) -> bool:
        return resource != "aws-spark-ml"


class TestAuthorizerSaysNo:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        jp_server_config["ServerApp"]["authorizer_class"] = RefuseAwsSparkML
        return jp_server_config

    async def test_every_verb_is_authorized_on_our_resource(self, proxy_fetch, jp_fetch):
        for verb in VERBS:
            response = await proxy_fetch(verb, "sts/us-east-1/", body=b"")
            assert response.code == 403, verb
        from tornado.httpclient import HTTPClientError

        with pytest.raises(HTTPClientError) as refused:
            await jp_fetch("aws-spark-ml", "status")
        assert refused.value.code == 403
        assert (await jp_fetch("api", "status")).code == 200  # other resources still allowed
