"""Attach to a Glue interactive session: each cell is RunStatement, then GetStatement until done.

This is what the aws-glue-sessions kernel does, inside an ordinary Python kernel. Ctrl-C sends
CancelStatement. Glue sessions cannot be restarted: a TIMEOUT/FAILED/STOPPED one is replaced by a
new session, and disconnecting leaves the session running (it is the person's to stop).
"""

from __future__ import annotations

import time
from typing import Any

from .announce import ConnectFailed, RemoteKeyboardInterrupt, RemoteStatementError
from .aws import access_fix, client, error_code, error_message, resolve_region
from .connection import StatementOutput

FINISHED = ("AVAILABLE", "ERROR", "CANCELLED")
GONE_STATES = ("FAILED", "TIMEOUT", "STOPPING", "STOPPED")
CANCEL_WAIT_SECONDS = 30


def get_ready_session(glue, session_id: str, region: str) -> dict:
    try:
        session = glue.get_session(Id=session_id)["Session"]
    except Exception as e:
        raise ConnectFailed(
            "glue",
            f"Glue session {session_id} could not be read ({error_code(e)}: {error_message(e)})",
            access_fix(e, f"check the session id and the region ({region}; --region to change)"),
            id=session_id,
        ) from None
    state = session.get("Status", "UNKNOWN")
    if state == "PROVISIONING":
        raise ConnectFailed(
            "glue",
            f"Glue session {session_id} is PROVISIONING; wait until READY",
            "wait until the session is READY (about a minute on AWS), then run this cell again",
            id=session_id,
            state=state,
        )
    if state in GONE_STATES:
        raise ConnectFailed(
            "glue",
            f"Glue session {session_id} is {state}",
            "Glue sessions cannot be restarted: create a new session and connect to it "
            "(and set a short idle timeout so it does not run up costs)",
            id=session_id,
            state=state,
        )
    if state != "READY":
        raise ConnectFailed(
            "glue", f"Glue session {session_id} is {state}", "wait until it is READY", id=session_id
        )
    return session


class GlueConnection:
    target = "glue"
    remote = True

    def __init__(self, session_id: str, region: str | None = None) -> None:
        self.session_id = session_id
        self.region = resolve_region(region)
        self._glue = client("glue", self.region)
        self._session = get_ready_session(self._glue, session_id, self.region)
        self._last_statement: int | None = None

    def connected_event(self) -> dict[str, Any]:
        return {
            "event": "connected",
            "target": "glue",
            "id": self.session_id,
            "region": self.region,
            "glueVersion": self._session.get("GlueVersion"),
            "sessionId": self.session_id,
            # Glue shows a Spark UI only from event logs after the fact; there is no live link.
            "sparkUi": None,
        }

    def run(self, code: str) -> StatementOutput:
        statement_id = self._glue.run_statement(SessionId=self.session_id, Code=code)["Id"]
        self._last_statement = statement_id
        try:
            statement = self._wait(statement_id)
        except KeyboardInterrupt:
            self._cancel(statement_id)
            raise RemoteKeyboardInterrupt(
                f"Interrupted: statement {statement_id} was cancelled in Glue session "
                f"{self.session_id}."
            ) from None
        return _output_of(statement, statement_id)

    def _wait(self, statement_id: int) -> dict:
        delay = 0.1
        while True:
            statement = self._glue.get_statement(SessionId=self.session_id, Id=statement_id)[
                "Statement"
            ]
            if statement.get("State") in FINISHED:
                return statement
            time.sleep(delay)
            delay = min(delay * 1.5, 1.0)

    def _cancel(self, statement_id: int) -> None:
        self._glue.cancel_statement(SessionId=self.session_id, Id=statement_id)
        deadline = time.monotonic() + CANCEL_WAIT_SECONDS
        while time.monotonic() < deadline:
            state = self._glue.get_statement(SessionId=self.session_id, Id=statement_id)[
                "Statement"
            ].get("State")
            if state in FINISHED:
                return
            time.sleep(0.3)

    def spark_ui(self) -> str | None:
        return None

    def status(self) -> dict[str, Any]:
        try:
            state = self._glue.get_session(Id=self.session_id)["Session"].get("Status")
        except Exception as e:
            state = f"unknown ({error_code(e)})"
        return {
            "event": "status",
            "target": "glue",
            "id": self.session_id,
            "sessionId": self.session_id,
            "state": state,
            "lastStatement": self._last_statement,
            "sparkUi": None,
        }

    def disconnect(self) -> str:
        return (
            f"Stopped using Glue session {self.session_id}; the session itself keeps running "
            "(and costing) until its idle timeout. Stop it from the sidebar, or with "
            f"boto3.client('glue').stop_session(Id='{self.session_id}'), when you are done."
        )

    def scratch_scheme(self) -> str:
        import os

        return "s3a" if os.environ.get("AWS_ENDPOINT_URL") else "s3"


def _output_of(statement: dict, statement_id: int) -> StatementOutput:
    output = statement.get("Output") or {}
    if statement.get("State") == "CANCELLED":
        raise RemoteKeyboardInterrupt(f"Statement {statement_id} was cancelled.")
    # The glue kernel reads Output.Status as 'ok'/'error'; accept either case.
    if statement.get("State") == "ERROR" or str(output.get("Status", "")).lower() == "error":
        raise RemoteStatementError(
            "glue",
            output.get("ErrorName") or "Error",
            output.get("ErrorValue") or "",
            list(output.get("Traceback") or []),
        )
    data = output.get("Data") or {}  # Glue's API has text only: StatementOutputData.TextPlain
    return StatementOutput("text/plain", data.get("TextPlain", ""))
