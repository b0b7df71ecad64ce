"""Glue interactive-session statements (RunStatement & co.), which moto lacks, run on real Spark.

Each Glue session gets its own Livy pyspark session, created at its first RunStatement and reused,
as AWS Glue itself runs sessions on Livy; it is deleted when the Glue session is stopped or
deleted. Shapes, states and errors follow the Glue API (botocore's service model), and outputs
look like the service's, e.g. Output.Status 'ok'/'error' as the aws-glue-sessions kernel reads it.
"""

from __future__ import annotations

import threading

from ..aws_errors import entity_not_found, invalid_input, json_error
from ..gateway import after, handles
from ..messages import AwsRequest, AwsResponse
from .livy import LivyEngine
from .livy_sessions import LivySession, Statement

MAX_CODE_LENGTH = 68000  # Glue's limit on RunStatement.Code
_STATES = {
    "waiting": "WAITING",
    "running": "RUNNING",
    "available": "AVAILABLE",
    "cancelling": "CANCELLING",
    "cancelled": "CANCELLED",
    "error": "ERROR",
}


class GlueStatements:
    name = "glue-statements"

    def __init__(self, livy: LivyEngine) -> None:
        self.livy = livy  # each Glue session runs on a Livy session
        self._sandbox = None
        self._spark_sessions: dict[str, LivySession] = {}
        self._lock = threading.Lock()

    def install(self, sandbox) -> None:
        self._sandbox = sandbox
        sandbox.registry.add_all(self)

    def stop(self) -> None:
        with self._lock:
            sessions, self._spark_sessions = list(self._spark_sessions.values()), {}
        for session in sessions:
            session.stop()

    # --- operations ------------------------------------------------------------------------

    @handles("glue", "RunStatement")
    def run_statement(self, req: AwsRequest) -> AwsResponse:
        params = req.params
        code = params.get("Code")
        if not isinstance(code, str) or not code.strip():
            return invalid_input("Code is required: the Python code to run in the session.")
        if len(code) > MAX_CODE_LENGTH:
            return invalid_input(
                f"Code is {len(code)} characters; Glue allows at most {MAX_CODE_LENGTH}."
            )
        glue_session = self._glue_session(req)
        if isinstance(glue_session, AwsResponse):
            return glue_session
        if glue_session.state != "READY":
            return json_error(
                "IllegalSessionStateException",
                f"Session {glue_session.session_id} is {glue_session.state}; statements run only "
                "in a READY session. Wait for READY, or create a new session if it was stopped.",
            )
        spark = self._spark_session_for(glue_session.session_id)
        if spark.state in ("dead", "error", "killed"):
            return json_error(
                "IllegalSessionStateException",
                f"The Spark driver of session {glue_session.session_id} stopped ({spark.state}); "
                "stop this session and create a new one.",
            )
        statement = spark.submit(code, "pyspark")
        return AwsResponse.of_json({"Id": statement.id})

    @handles("glue", "GetStatement")
    def get_statement(self, req: AwsRequest) -> AwsResponse:
        found = self._statement(req)
        if isinstance(found, AwsResponse):
            return found
        return AwsResponse.of_json({"Statement": _as_glue_statement(found[1])})

    @handles("glue", "ListStatements")
    def list_statements(self, req: AwsRequest) -> AwsResponse:
        glue_session = self._glue_session(req)
        if isinstance(glue_session, AwsResponse):
            return glue_session
        spark = self._spark_sessions.get(glue_session.session_id)
        statements = spark.statements if spark else []
        return AwsResponse.of_json({"Statements": [_as_glue_statement(s) for s in statements]})

    @handles("glue", "CancelStatement")
    def cancel_statement(self, req: AwsRequest) -> AwsResponse:
        found = self._statement(req)
        if isinstance(found, AwsResponse):
            return found
        spark, statement = found
        spark.cancel(statement)
        return AwsResponse.of_json({})

    # --- helpers ---------------------------------------------------------------------------

    def _glue_session(self, req: AwsRequest):
        """moto's session object, or the AWS error to answer with."""
        from moto.glue.models import glue_backends

        session_id = req.params.get("SessionId")
        if not isinstance(session_id, str) or not session_id:
            return invalid_input("SessionId is required: the Id returned by CreateSession.")
        backend = glue_backends[self._sandbox.account_id][req.region]
        glue_session = backend.sessions.get(session_id)
        if glue_session is None:
            return entity_not_found(f"Session {session_id} not found in {req.region}.")
        return glue_session

    def _statement(self, req: AwsRequest):
        glue_session = self._glue_session(req)
        if isinstance(glue_session, AwsResponse):
            return glue_session
        statement_id = req.params.get("Id")
        if not isinstance(statement_id, int) or isinstance(statement_id, bool):
            return invalid_input("Id is required: the statement Id returned by RunStatement.")
        spark = self._spark_sessions.get(glue_session.session_id)
        if spark is None or not 0 <= statement_id < len(spark.statements):
            return entity_not_found(
                f"Statement {statement_id} not found in session {glue_session.session_id}.",
            )
        return spark, spark.statements[statement_id]

    def _spark_session_for(self, glue_session_id: str) -> LivySession:
        with self._lock:
            spark = self._spark_sessions.get(glue_session_id)
            if spark is None:
                self.livy.ensure_started()
                spark = self.livy.server.create_session(
                    {"kind": "pyspark", "name": f"glue-session-{glue_session_id}"}
                )
                self._spark_sessions[glue_session_id] = spark
            return spark

    @after("glue", "StopSession")
    def _after_stop_session(self, req: AwsRequest, response: AwsResponse) -> None:
        # The Spark driver goes; the statements stay readable with GetStatement, as in AWS.
        self._end_spark_session(req, response, forget=False)

    @after("glue", "DeleteSession")
    def _after_delete_session(self, req: AwsRequest, response: AwsResponse) -> None:
        self._end_spark_session(req, response, forget=True)

    def _end_spark_session(self, req: AwsRequest, response: AwsResponse, forget: bool) -> None:
        if response.status != 200:
            return
        with self._lock:
            session_id = req.params.get("Id", "")
            if forget:
                spark = self._spark_sessions.pop(session_id, None)
            else:
                spark = self._spark_sessions.get(session_id)
        if spark is not None:
            # Stopping a JVM takes a moment; the API call should not wait for it.
            threading.Thread(
                target=_delete_quietly,
                args=(self.livy, spark),
                name="glue-session-stop",
                daemon=True,
            ).start()


def _delete_quietly(livy, spark: LivySession) -> None:
    try:
        livy.server.delete_session(spark.id)
    except Exception:  # noqa: BLE001 - already gone
        spark.stop()


def _as_glue_statement(statement: Statement) -> dict:
    glue = {
        "Id": statement.id,
        "Code": statement.code,
        "State": _STATES.get(statement.state, "ERROR"),
        "Progress": statement.progress,
    }
    if statement.started:
        glue["StartedOn"] = statement.started
    if statement.completed:
        glue["CompletedOn"] = statement.completed
    output = statement.output
    if output is not None:
        glue_output = {"ExecutionCount": output.get("execution_count", statement.id)}
        glue_output["Status"] = output["status"]
        if output["status"] == "ok":
            glue_output["Data"] = {"TextPlain": output.get("data", {}).get("text/plain", "")}
        else:
            glue_output.update(
                ErrorName=output.get("ename", "Error"),
                ErrorValue=output.get("evalue", ""),
                Traceback=output.get("traceback", []),
            )
        glue["Output"] = glue_output
    return glue
