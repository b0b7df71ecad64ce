"""`{base_url}aws-spark-ml/sandbox/faults`: read, set and clear the sandbox's injected faults.

GET returns the current spec, PUT replaces it (400 naming the field when it is wrong), DELETE
clears it. Only in sandbox mode: with real AWS there is nothing to inject into (404).
"""

from __future__ import annotations

import json

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler

from ..proxy.handler import AUTH_RESOURCE
from ..sandbox.fault_spec import FaultSpecError


class SandboxFaultsHandler(APIHandler):
    auth_resource = AUTH_RESOURCE

    def _injector(self):
        sandbox = self.settings["aws_spark_ml"]["sandbox"]
        if sandbox is None:
            raise tornado.web.HTTPError(
                404,
                "Fault injection exists only in sandbox mode: start JupyterLab with "
                "--AwsSparkML.mode=sandbox.",
            )
        return sandbox.faults

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        self.finish(json.dumps(self._injector().spec.to_json()))

    @tornado.web.authenticated
    @authorized
    def put(self) -> None:
        injector = self._injector()
        body = self.get_json_body()  # 400 by itself when the body is not JSON
        try:
            if body is None:
                raise FaultSpecError("(spec)", 'the body must be JSON like {"rules": [...]}')
            spec = injector.set(body)
        except FaultSpecError as e:
            self.set_status(400)
            self.finish(
                json.dumps(
                    {
                        "message": f"Invalid fault spec: {e}",
                        "reason": "invalid-fault-spec",
                        "field": e.field,
                    }
                )
            )
            return
        self.log.warning("AWS Spark & ML: sandbox faults set to %s", json.dumps(spec.to_json()))
        self.finish(json.dumps(spec.to_json()))

    @tornado.web.authenticated
    @authorized
    def delete(self) -> None:
        self._injector().clear()
        self.log.info("AWS Spark & ML: sandbox faults cleared")
        self.set_status(204)
        self.finish()
