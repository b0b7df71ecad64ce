"""Glue interactive-session statements through boto3, run on real Spark like AWS Glue does."""

from __future__ import annotations

import botocore.exceptions
import pytest
from engines_helpers import DEMO_CSV_KEY, wait_until

from jupyterlab_aws_spark_ml.sandbox.engines.livy_sessions import group_members

SESSION_ID = "engines-test-session"
FINAL = ("AVAILABLE", "CANCELLED", "ERROR")


@pytest.fixture(scope="module")
def glue(sandbox):
    return sandbox.client("glue")


@pytest.fixture(scope="module")
def glue_session(sandbox, glue):
    glue.create_session(
        Id=SESSION_ID,
        Role="arn:aws:iam::123456789012:role/AWSGlueServiceRole-sandbox",
        Command={"Name": "glueetl", "PythonVersion": "3"},
        GlueVersion="5.0",
    )
    _moto_session(sandbox, SESSION_ID).state = "READY"  # another component owns PROVISIONING
    return SESSION_ID


def _moto_session(sandbox, session_id):
    from moto.glue.models import glue_backends

    return glue_backends[sandbox.account_id][sandbox.region].sessions[session_id]


def _finished_statement(glue, session_id: str, statement_id: int, timeout: float = 120) -> dict:
    found = {}

    def final() -> bool:
        found.update(glue.get_statement(SessionId=session_id, Id=statement_id)["Statement"])
        return found["State"] in FINAL

    wait_until(final, timeout, interval=0.2)
    return found


def test_run_statement_runs_on_spark_and_reads_s3(glue, glue_session):
    code = (
        f"df = spark.read.csv('s3a://sandbox-demo/{DEMO_CSV_KEY}', header=True)\n"
        "df.count() + spark.range(1000).count()"
    )
    statement_id = glue.run_statement(SessionId=glue_session, Code=code)["Id"]
    statement = _finished_statement(glue, glue_session, statement_id)

    assert statement["State"] == "AVAILABLE"
    assert statement["Output"]["Status"] == "ok"
    assert statement["Output"]["Data"]["TextPlain"] == "1003"
    assert statement["Code"] == code
    assert statement["Progress"] == 1.0
    assert statement["CompletedOn"] >= statement["StartedOn"] > 0

    listed = glue.list_statements(SessionId=glue_session)["Statements"]
    assert statement_id in [s["Id"] for s in listed]


def test_failing_code_reports_the_python_error(glue, glue_session):
    statement_id = glue.run_statement(SessionId=glue_session, Code="{}['missing']")["Id"]
    output = _finished_statement(glue, glue_session, statement_id)["Output"]
    assert output["Status"] == "error"
    assert output["ErrorName"] == "KeyError"
    assert output["ErrorValue"] == "'missing'"
    assert output["Traceback"]


def test_cancel_statement(glue, glue_session):
    statement_id = glue.run_statement(
        SessionId=glue_session, Code="spark.range(10**13).selectExpr('sum(id)').collect()"
    )["Id"]
    wait_until(
        lambda: (
            glue.get_statement(SessionId=glue_session, Id=statement_id)["Statement"]["State"]
            == "RUNNING"
        ),
        30,
    )
    glue.cancel_statement(SessionId=glue_session, Id=statement_id)
    assert _finished_statement(glue, glue_session, statement_id, 30)["State"] == "CANCELLED"


def test_unknown_session_or_statement_is_entity_not_found(glue, glue_session):
    with pytest.raises(glue.exceptions.EntityNotFoundException, match="no-such-session"):
        glue.run_statement(SessionId="no-such-session", Code="1")
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_statement(SessionId="no-such-session", Id=0)
    with pytest.raises(glue.exceptions.EntityNotFoundException, match="Statement 999"):
        glue.get_statement(SessionId=glue_session, Id=999)


def test_statements_need_a_ready_session(sandbox, glue, glue_session):
    moto_session = _moto_session(sandbox, glue_session)
    moto_session.state = "PROVISIONING"
    try:
        with pytest.raises(glue.exceptions.IllegalSessionStateException, match="PROVISIONING"):
            glue.run_statement(SessionId=glue_session, Code="1")
    finally:
        moto_session.state = "READY"


def test_bad_input_is_refused(glue, glue_session):
    with pytest.raises(botocore.exceptions.ClientError, match="InvalidInputException.*Code"):
        glue.run_statement(SessionId=glue_session, Code="   ")


def test_stopping_the_session_ends_its_spark(sandbox, glue, glue_session, glue_statements):
    engine = glue_statements
    spark = engine._spark_sessions[glue_session]
    driver_group = spark.pid
    assert group_members(driver_group)

    glue.stop_session(Id=glue_session)
    wait_until(lambda: not group_members(driver_group), 20)
    # The statements stay readable after the stop, as in AWS.
    assert glue.get_statement(SessionId=glue_session, Id=0)["Statement"]["State"] == "AVAILABLE"
    with pytest.raises(glue.exceptions.IllegalSessionStateException):
        glue.run_statement(SessionId=glue_session, Code="1")
