"""The status route: what the sidebar header shows, and why something is missing."""

from __future__ import annotations

import json

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler

from ..proxy.handler import AUTH_RESOURCE


class StatusHandler(APIHandler):
    auth_resource = AUTH_RESOURCE

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        from .. import __version__

        state = self.settings["aws_spark_ml"]
        config, sandbox = state["config"], state["sandbox"]
        identity, error = await state["identity"].get()
        self.finish(
            json.dumps(
                {
                    "version": __version__,
                    "mode": config.mode,
                    "region": config.region,
                    "identity": identity,
                    "identityError": error,
                    "sandbox": {"endpoint": sandbox.endpoint_url} if sandbox else None,
                }
            )
        )
