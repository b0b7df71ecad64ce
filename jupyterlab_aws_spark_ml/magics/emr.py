"""Attach to an EMR cluster's Livy through sparkmagic: DescribeCluster → Livy URL → session.

The session is made by sparkmagic's own SparkController/LivySession, and statements run through
sparkmagic's Command, so the path is exactly sparkmagic → Livy → Spark. sparkmagic's Command
already cancels the remote statement on Ctrl-C (POST /sessions/{id}/statements/{sid}/cancel);
we keep that and turn its outcome into a plain KeyboardInterrupt for the cell.
"""

from __future__ import annotations

import os
from typing import Any

from .announce import ConnectFailed, RemoteKeyboardInterrupt, RemoteStatementError
from .aws import access_fix, client, error_code, error_message, resolve_region
from .connection import StatementOutput
from .livy_auth import UNREACHABLE_FIX, check_livy, make_authenticator, sandbox_login
from .sparkmagic_setup import configure_sparkmagic

READY_STATES = ("WAITING", "RUNNING")
BOOTING_STATES = ("STARTING", "BOOTSTRAPPING")
GONE_STATES = ("TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS")
DEFAULT_LIVY_PORT = 8998
SESSION_NAME = "aws_spark"


def livy_port(port: int | None) -> int:
    """--livy-port, else AWS_SPARK_ML_LIVY_PORT (the sandbox's Livy), else EMR's 8998."""
    if port:
        return port
    return int(os.environ.get("AWS_SPARK_ML_LIVY_PORT") or DEFAULT_LIVY_PORT)


def describe_ready_cluster(cluster_id: str, region: str | None) -> dict:
    """The cluster, if it can take a Livy session now; otherwise ConnectFailed saying why."""
    try:
        cluster = client("emr", region).describe_cluster(ClusterId=cluster_id)["Cluster"]
    except Exception as e:
        raise ConnectFailed(
            "emr",
            f"cluster {cluster_id} could not be described ({error_code(e)}: {error_message(e)})",
            access_fix(
                e, f"check the cluster id and the region ({resolve_region(region)}; --region)"
            ),
            id=cluster_id,
        ) from None
    state = cluster["Status"]["State"]
    if state in BOOTING_STATES:
        raise ConnectFailed(
            "emr",
            f"cluster {cluster_id} is {state}; wait until WAITING",
            "wait until the cluster is WAITING (a few minutes on AWS), then run this cell again",
            id=cluster_id,
            state=state,
        )
    if state in GONE_STATES:
        raise ConnectFailed(
            "emr",
            f"cluster {cluster_id} is {state}",
            "a terminated cluster cannot be restarted: provision a new one and connect to it",
            id=cluster_id,
            state=state,
        )
    if state not in READY_STATES:
        raise ConnectFailed(
            "emr", f"cluster {cluster_id} is {state}", "wait until it is WAITING", id=cluster_id
        )
    if not cluster.get("MasterPublicDnsName"):
        raise ConnectFailed(
            "emr",
            f"cluster {cluster_id} has no primary node address yet",
            "wait a minute and run this cell again",
            id=cluster_id,
        )
    return cluster


class EmrConnection:
    target = "emr"
    remote = True

    def __init__(
        self,
        cluster_id: str,
        region: str | None = None,
        port: int | None = None,
        auth_type: str = "None",
        username: str = "",
        password: str = "",
        https: bool = False,
    ) -> None:
        self.cluster_id = cluster_id
        self.region = resolve_region(region)
        cluster = describe_ready_cluster(cluster_id, self.region)
        self.host = cluster["MasterPublicDnsName"]
        self.port = livy_port(port)
        # Certificates are always checked; EMR's in-transit encryption serves Livy over TLS.
        self.url = f"{'https' if https else 'http'}://{self.host}:{self.port}"
        self.auth_type = auth_type
        self.has_livy_app = any(
            app.get("Name", "").lower() == "livy" for app in cluster.get("Applications", [])
        )
        self.settings = configure_sparkmagic()
        login = sandbox_login(self.host, self.port) if auth_type == "None" else None
        if login:  # the sandbox's Livy: its password comes from the kernel's environment
            authenticator = make_authenticator("Basic_Access", self.url, *login)
        else:
            authenticator = make_authenticator(auth_type, self.url, username, password)
        try:
            check_livy(self.url, self.host, self.port, auth_type, authenticator)
        except ConnectFailed as failure:
            if not self.has_livy_app and "unreachable" in failure.reason:
                failure.reason += "; Livy is not among the cluster's applications"
            failure.details["id"] = cluster_id
            raise
        self._session = self._start_session(authenticator)
        self.session_id: int = self._session.id
        self._spark_ui = _safe(self._session.get_spark_ui_url)

    def _start_session(self, authenticator):
        from hdijupyterutils.ipythondisplay import IpythonDisplay
        from sparkmagic.livyclientlib.endpoint import Endpoint
        from sparkmagic.livyclientlib.exceptions import (
            HttpClientException,
            LivyClientTimeoutException,
            LivyUnexpectedStatusException,
        )
        from sparkmagic.livyclientlib.sparkcontroller import SparkController
        from sparkmagic.utils import configuration

        self._controller = SparkController(IpythonDisplay())
        endpoint = Endpoint(self.url, authenticator)
        properties = configuration.get_session_properties("python")
        try:
            # On failure sparkmagic deletes the half-started session itself.
            self._controller.add_session(SESSION_NAME, endpoint, False, properties)
        except LivyClientTimeoutException as e:
            raise ConnectFailed(
                "emr",
                f"the Livy session did not start in time ({e})",
                "the cluster may be short of YARN memory/cores: stop other sessions or add core "
                "nodes, then run this cell again",
                id=self.cluster_id,
                livy=self.url,
            ) from None
        except LivyUnexpectedStatusException as e:
            raise ConnectFailed(
                "emr",
                f"the Livy session failed to start: {str(e)[-600:]}",
                "read the session log above; often the Spark configuration asks for more "
                "memory than the cluster has",
                id=self.cluster_id,
                livy=self.url,
            ) from None
        except HttpClientException as e:
            raise ConnectFailed(
                "emr",
                f"Livy at {self.host}:{self.port} failed while creating a session ({e})",
                UNREACHABLE_FIX.format(port=self.port),
                id=self.cluster_id,
                livy=self.url,
            ) from None
        return self._controller.get_session_by_name_or_default(SESSION_NAME)

    def connected_event(self) -> dict[str, Any]:
        return {
            "event": "connected",
            "target": "emr",
            "id": self.cluster_id,
            "region": self.region,
            "livy": self.url,
            "authType": self.auth_type,
            "sessionId": self.session_id,
            "sparkUi": self._spark_ui,
        }

    def run(self, code: str) -> StatementOutput:
        from sparkmagic.livyclientlib.command import Command
        from sparkmagic.livyclientlib.exceptions import (
            SparkStatementCancellationFailedException,
            SparkStatementCancelledException,
        )

        try:
            success, out, mime_type = Command(code).execute(self._session)
        except SparkStatementCancelledException:
            raise RemoteKeyboardInterrupt(
                f"Interrupted: the statement was cancelled on Livy session {self.session_id}."
            ) from None
        except SparkStatementCancellationFailedException:
            raise RemoteKeyboardInterrupt(
                f"Interrupted, but Livy session {self.session_id} did not confirm the cancel; "
                "the statement may still be running (`%aws_spark status`)."
            ) from None
        if not success:
            ename, _, rest = str(out).partition("\n")
            raise RemoteStatementError("emr", "SparkStatementError", ename, rest.splitlines(True))
        if hasattr(out, "data") and mime_type == "image/png":  # sparkmagic made an Image already
            return StatementOutput(mime_type, out.data)
        return StatementOutput(mime_type, out)

    def spark_ui(self) -> str | None:
        if self._spark_ui is None:
            self._spark_ui = _safe(self._session.get_spark_ui_url)
        return self._spark_ui

    def status(self) -> dict[str, Any]:
        state = _safe(lambda: (self._session.refresh_status_and_info(), self._session.status)[1])
        return {
            "event": "status",
            "target": "emr",
            "id": self.cluster_id,
            "livy": self.url,
            "sessionId": self.session_id,
            "state": state or "unknown",
            "sparkUi": self.spark_ui(),
            "sparkmagic": self.settings,
        }

    def disconnect(self) -> str:
        # sparkmagic joins its heartbeat thread while it sleeps (up to heartbeat_refresh_seconds);
        # let that daemon thread end on its own instead, so disconnecting is instant.
        heartbeat = getattr(self._session, "_heartbeat_thread", None)
        if heartbeat is not None:
            heartbeat.livy_session = None
            self._session._heartbeat_thread = None
        self._controller.delete_session_by_name(SESSION_NAME)
        return f"Deleted Livy session {self.session_id} on {self.url} (cluster {self.cluster_id})."

    def scratch_scheme(self) -> str:
        # EMR's Spark writes s3:// through EMRFS; the sandbox's open-source Spark only has s3a.
        return "s3a" if os.environ.get("AWS_ENDPOINT_URL") else "s3"


def _safe(get):
    try:
        return get()
    except Exception:  # a missing link must not break a working connection
        return None
