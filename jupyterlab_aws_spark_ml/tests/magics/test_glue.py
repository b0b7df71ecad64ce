"""`%aws_spark connect glue`: CreateSession → READY → RunStatement/GetStatement on real Spark."""

from __future__ import annotations

import pytest

from .conftest import create_glue_session, glue_session_state, start_kernel
from .notebook_kernel import wait_for

SLOW_CELL = (
    "import time\n"
    "spark.sparkContext.parallelize(range(400), 400).map(lambda x: time.sleep(1) or x).count()"
)


@pytest.fixture(scope="module")
def glue(sandbox):
    # The session sandbox starts every component: without this engine the tests must fail, not skip.
    assert sandbox.parts.glue_statements is not None
    session_id = create_glue_session(sandbox, "attach-test-glue")
    wait_for(lambda: glue_session_state(sandbox, session_id) == "READY", 120, "Glue READY")
    kernel = start_kernel(sandbox)
    kernel.session_id = session_id
    kernel.connected = kernel.run(f"%aws_spark connect glue --session-id {session_id}")
    yield kernel
    kernel.close()


def statements(sandbox, session_id: str) -> list[dict]:
    return sandbox.client("glue").list_statements(SessionId=session_id)["Statements"]


def test_connect_announces_the_session(glue):
    cell = glue.connected
    assert cell.ok, cell.error_text + cell.stdout
    assert cell.connection_event == cell.line_event
    assert cell.connection_event == {
        "event": "connected",
        "target": "glue",
        "id": glue.session_id,
        "region": "us-east-1",
        "glueVersion": "5.0",
        "sessionId": glue.session_id,
        "sparkUi": None,
    }


def test_plain_cell_is_a_glue_statement(glue, sandbox):
    cell = glue.run("spark.range(1000).count()", timeout=240)
    assert cell.ok, cell.error_text
    assert cell.stdout.strip().splitlines()[-1] == "1000"
    sent = statements(sandbox, glue.session_id)
    assert sent[-1]["Code"].strip() == "spark.range(1000).count()"
    assert sent[-1]["State"] == "AVAILABLE"


def test_statement_error_fails_the_cell(glue):
    cell = glue.run("1 / 0")
    assert not cell.ok
    assert cell.error["ename"] == "RemoteStatementError"
    assert "ZeroDivisionError" in cell.error_text


def test_to_pandas_from_glue_has_no_row_cap(glue):
    glue.run("rows = spark.range(5200)")
    cell = glue.run("%aws_spark to_pandas rows --var rows_here")
    assert cell.ok, cell.error_text
    assert "all 5,200 rows" in cell.stdout
    assert glue.run("%%local\nlen(rows_here)").result["text/plain"] == "5200"


def test_interrupt_sends_cancel_statement(glue, sandbox):
    msg_id = glue.start(SLOW_CELL)
    running = wait_for(
        lambda: [s for s in statements(sandbox, glue.session_id) if s["State"] == "RUNNING"],
        60,
        "the slow statement to run",
    )
    glue.interrupt()
    cell = glue.collect(msg_id, timeout=60)
    assert cell.error is not None and "KeyboardInterrupt" in cell.error["ename"]
    state = sandbox.client("glue").get_statement(SessionId=glue.session_id, Id=running[0]["Id"])
    assert state["Statement"]["State"] in ("CANCELLED", "CANCELLING")


def test_disconnect_leaves_the_session_and_says_so(glue, sandbox):
    cell = glue.run("%aws_spark disconnect")
    assert cell.ok, cell.error_text
    assert "keeps running" in cell.stdout
    assert glue_session_state(sandbox, glue.session_id) == "READY"
