"""The 'endpoints' sandbox component: endpoints go Creating → InService only once a local model
server answers /ping; InvokeEndpoint returns that server's real predictions; UpdateEndpoint and
DeleteEndpoint (Deleting, then gone) work like AWS's."""

from __future__ import annotations

import random
import threading
import time

from ...aws_errors import json_error
from ...gateway import after, handles
from ...messages import AwsRequest, AwsResponse
from ..processes import ProcessComponent
from ..services import now, sagemaker_state
from .model_server import DeploymentFailed, ModelServer

SERVICE = "sagemaker"
RUNTIME = "sagemaker-runtime"


class EndpointsComponent(ProcessComponent):
    name = "endpoints"

    def __init__(self) -> None:
        super().__init__()
        self.servers: dict[str, list[ModelServer]] = {}  # endpoint name → its variants' servers
        self._lock = threading.Lock()

    def stop(self) -> None:
        with self._lock:
            servers = [s for group in self.servers.values() for s in group]
            self.servers.clear()
        for server in servers:
            server.stop()
        self.processes.stop_all()

    # -- helpers -------------------------------------------------------------------------------
    def _state(self):
        return sagemaker_state(self.sandbox)

    def _arn(self, kind: str, name: str) -> str:
        return f"arn:aws:sagemaker:{self.sandbox.region}:{self.sandbox.account_id}:{kind}/{name}"

    def _start_servers(self, endpoint_name: str, config_name: str) -> list[ModelServer]:
        state = self._state()
        config = state.endpoint_configs[config_name]
        started: list[ModelServer] = []
        try:
            for variant in config.production_variants:
                model = state._models.get(variant["ModelName"])
                if model is None:
                    raise DeploymentFailed(
                        f'Could not find model "{self._arn("model", variant["ModelName"])}".'
                    )
                server = ModelServer(self.sandbox, endpoint_name, variant, model, self.processes)
                server.start()
                started.append(server)
        except BaseException:
            for server in started:
                server.stop()
            raise
        return started

    def _pause(self) -> None:
        time.sleep(self.sandbox.lifecycle_seconds)

    # -- CreateEndpoint --------------------------------------------------------------------------
    @handles(SERVICE, "CreateEndpoint")
    def _refuse_duplicate_name(self, req: AwsRequest) -> AwsResponse | None:
        name = req.params.get("EndpointName", "")
        if name in self._state().endpoints:
            return json_error(
                "ValidationException",
                f'Cannot create already existing endpoint "{self._arn("endpoint", name)}".',
            )
        return None

    @after(SERVICE, "CreateEndpoint")
    def _deploy_new_endpoint(self, req: AwsRequest, resp: AwsResponse) -> None:
        if resp.status != 200:
            return
        name = req.params["EndpointName"]
        endpoint = self._state().endpoints[name]
        endpoint.endpoint_status = "Creating"
        threading.Thread(target=self._create, args=(name, endpoint), daemon=True).start()

    def _create(self, name: str, endpoint) -> None:
        self._pause()
        try:
            servers = self._start_servers(name, endpoint.endpoint_config_name)
        except DeploymentFailed as e:
            return self._set(endpoint, "Failed", str(e))
        except Exception as e:
            self.sandbox.log.exception("Sandbox endpoint %s did not deploy", name)
            return self._set(endpoint, "Failed", f"Internal error in the sandbox: {e}")
        with self._lock:
            if (
                self._state().endpoints.get(name) is not endpoint
                or endpoint.endpoint_status != "Creating"
            ):
                orphans = servers  # deleted while creating
            else:
                orphans = []
                self.servers[name] = servers
                self._set(endpoint, "InService")
                self._watch(servers)
        for server in orphans:
            server.stop()

    def _watch(self, servers: list[ModelServer]) -> None:
        for server in servers:
            server.watch(self._server_exited)

    def _server_exited(self, server: ModelServer, code: int) -> None:
        """An inference server died under an InService endpoint (OOM killer, kill -9, a crash).

        The endpoint goes Failed rather than being restarted: the sandbox has one instance per
        variant, a silent restart would hide the fault (and loop on a crash), and Failed with a
        reason is what the UI and SDK waiters already show and handle. Delete and deploy again.
        """
        name = server.endpoint
        with self._lock:
            group = self.servers.get(name, [])
            if server not in group:
                return  # already replaced or deleted
            del self.servers[name]
            how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
            reason = (
                f"The inference server for production variant {server.variant_name} {how}; "
                f"see the endpoint's CloudWatch logs (/aws/sagemaker/Endpoints/{name})."
            )
            endpoint = self._state().endpoints.get(name)
            if endpoint is not None and endpoint.endpoint_status in ("InService", "Updating"):
                self._set(endpoint, "Failed", reason)
        self.sandbox.log.warning("Sandbox endpoint %s failed: %s", name, reason)
        for other in group:
            if other is not server:
                other.stop()
        server.stop()  # its folder; its process group's stragglers

    def _set(self, endpoint, status: str, reason: str | None = None) -> None:
        endpoint.endpoint_status = status
        endpoint.failure_reason = reason
        endpoint.last_modified_time = now()

    # -- UpdateEndpoint ----------------------------------------------------------------------------
    @handles(SERVICE, "UpdateEndpoint")
    def _update_endpoint(self, req: AwsRequest) -> AwsResponse:
        name, config_name = (
            req.params.get("EndpointName", ""),
            req.params.get("EndpointConfigName", ""),
        )
        state = self._state()
        endpoint = state.endpoints.get(name)
        if endpoint is None:
            return json_error(
                "ValidationException", f'Could not find endpoint "{self._arn("endpoint", name)}".'
            )
        if config_name not in state.endpoint_configs:
            arn = self._arn("endpoint-config", config_name)
            return json_error(
                "ValidationException", f'Could not find endpoint configuration "{arn}".'
            )
        if endpoint.endpoint_status != "InService":
            return json_error(
                "ValidationException",
                f'Cannot update in-progress endpoint "{endpoint.arn}" (status {endpoint.endpoint_status}).',
            )
        self._set(endpoint, "Updating")
        threading.Thread(
            target=self._update, args=(name, endpoint, config_name), daemon=True
        ).start()
        return AwsResponse.of_json({"EndpointArn": endpoint.arn})

    def _update(self, name: str, endpoint, config_name: str) -> None:
        self._pause()
        try:
            servers = self._start_servers(name, config_name)
        except Exception as e:  # AWS rolls back: the old config keeps serving
            return self._set(endpoint, "InService", f"Update failed and was rolled back: {e}")
        config = self._state().endpoint_configs[config_name]
        with self._lock:
            old = self.servers.get(name, [])
            self.servers[name] = servers
            self._watch(servers)
            endpoint.endpoint_config_name = config_name
            endpoint.production_variants = endpoint._process_production_variants(
                config.production_variants
            )
            self._set(endpoint, "InService")
        for server in old:
            server.stop()

    # -- DeleteEndpoint ----------------------------------------------------------------------------
    @handles(SERVICE, "DeleteEndpoint")
    def _delete_endpoint(self, req: AwsRequest) -> AwsResponse | None:
        name = req.params.get("EndpointName", "")
        endpoint = self._state().endpoints.get(name)
        if endpoint is None:
            return None  # moto answers: ValidationException 'Could not find endpoint …'
        if endpoint.endpoint_status != "Deleting":
            self._set(endpoint, "Deleting")
            threading.Thread(target=self._delete, args=(name, endpoint), daemon=True).start()
        return AwsResponse.of_json({})

    def _delete(self, name: str, endpoint) -> None:
        with self._lock:
            servers = self.servers.pop(name, [])
        for server in servers:
            server.stop()
        self._pause()
        if self._state().endpoints.get(name) is endpoint:
            del self._state().endpoints[name]

    # -- InvokeEndpoint (sagemaker-runtime) ------------------------------------------------------
    @handles(RUNTIME, "InvokeEndpoint")
    def _invoke(self, req: AwsRequest) -> AwsResponse:
        name = req.params.get("EndpointName", "")
        endpoint = self._state().endpoints.get(name)
        if endpoint is None:
            return json_error(
                "ValidationError",
                f"Endpoint {name} of account {self.sandbox.account_id} not found.",
            )
        with self._lock:
            servers = list(self.servers.get(name, []))
        if not servers or endpoint.endpoint_status not in ("InService", "Updating"):
            return json_error(
                "ValidationError",
                f"Endpoint {name} is not in service (status {endpoint.endpoint_status}); "
                "wait until DescribeEndpoint shows InService.",
            )
        target = req.headers.get("x-amzn-sagemaker-target-variant")
        if target:
            servers = [s for s in servers if s.variant_name == target]
            if not servers:
                return json_error(
                    "ValidationError", f"Variant {target} not found for endpoint {name}."
                )
        server = random.choices(servers, weights=[s.weight for s in servers])[0]
        status, body, content_type = server.invoke(
            req.body, req.headers.get("content-type", ""), req.headers.get("accept", "")
        )
        if status >= 300:
            return self._model_error(name, server, status, body)
        return AwsResponse(
            200,
            [
                ("Content-Type", content_type),
                ("x-Amzn-Invoked-Production-Variant", server.variant_name),
            ],
            body,
        )

    def _model_error(self, name: str, server: ModelServer, status: int, body: bytes) -> AwsResponse:
        region, account = self.sandbox.region, self.sandbox.account_id
        group = f"/aws/sagemaker/Endpoints/{name}"
        kind = "client" if status < 500 else "server"
        text = body.decode("utf-8", "replace")
        message = (
            f'Received {kind} error ({status}) from primary with message "{text}". See '
            f"https://{region}.console.aws.amazon.com/cloudwatch/home?region={region}"
            f"#logEventViewer:group={group} in account {account} for more information."
        )
        response = json_error("ModelError", message, status=424)
        import json

        payload = json.loads(response.body)
        payload.update(
            OriginalStatusCode=status,
            OriginalMessage=text,
            LogStreamArn=f"arn:aws:logs:{region}:{account}:log-group:{group}",
        )
        response.body = json.dumps(payload).encode()
        return response
