"""Wires the server extension into Jupyter Server: settings, sandbox and routes."""

from __future__ import annotations

from jupyter_server.utils import url_path_join

from .config import AwsSparkML
from .proxy.handler import ProxyHandler, make_proxy
from .sandbox_admin.handler import SandboxFaultsHandler
from .server_stop import on_server_stop
from .status.handler import StatusHandler
from .status.identity import CallerIdentity

ROUTE_PREFIX = "aws-spark-ml"


def load_extension(server_app) -> None:
    settings = AwsSparkML(parent=server_app)
    sandbox = None
    if settings.mode == "sandbox":
        from .sandbox import start_for_server

        sandbox = start_for_server(settings, server_app)

    web_app = server_app.web_app
    base_url = web_app.settings["base_url"]
    proxy = make_proxy(settings)
    on_server_stop(server_app, proxy.aclose)  # its kept-alive connections to AWS
    web_app.settings["aws_spark_ml"] = {
        "config": settings,
        "proxy": proxy,
        "sandbox": sandbox,
        # Same botocore session as the proxy: one credential chain for the whole extension.
        # The sandbox is local but busy seeding for its first minute: wait for it rather than
        # report it unreachable.
        "identity": CallerIdentity(
            proxy.session, settings.region, timeout=20.0 if sandbox else 3.0
        ),
    }
    prefix = url_path_join(base_url, ROUTE_PREFIX)
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(prefix, "status"), StatusHandler),
            (url_path_join(prefix, r"proxy/([^/]+)/([^/]+)(/.*)?"), ProxyHandler),
            (url_path_join(prefix, "sandbox/faults"), SandboxFaultsHandler),
        ],
    )
    server_app.log.info("AWS Spark & ML: mode=%s region=%s", settings.mode, settings.region)
