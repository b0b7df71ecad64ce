"""The sandbox Livy: Livy's REST API over real pyspark sessions that read the sandbox S3."""

from __future__ import annotations

import socket
import time

from engines_helpers import DEMO_CSV_KEY, livy, run_statement, wait_statement, wait_until

from jupyterlab_aws_spark_ml.sandbox.engines.livy import LIVY_PORT_VARIABLE, _free_or_any
from jupyterlab_aws_spark_ml.sandbox.engines.livy_sessions import LivySession


def test_livy_port_is_handed_to_kernels(sandbox, livy_engine, livy_url):
    port = sandbox.extra_environment[LIVY_PORT_VARIABLE]
    assert livy_url == f"http://127.0.0.1:{port}"
    assert sandbox.environment()[LIVY_PORT_VARIABLE] == port
    assert livy_engine.ensure_started() == livy_url  # idempotent


def test_port_8998_is_used_unless_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert _free_or_any(taken.getsockname()[1]) == 0  # 0: let the OS pick a free one
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    assert _free_or_any(free) == free


def test_session_runs_spark_and_echoes_the_last_expression(livy_url, livy_session):
    started = time.monotonic()
    statement = run_statement(livy_url, livy_session, "spark.range(1000).count()")
    print(f"statement round-trip: {time.monotonic() - started:.2f} s")
    assert statement["state"] == "available"
    assert statement["output"]["status"] == "ok"
    assert statement["output"]["data"]["text/plain"] == "1000"
    assert statement["progress"] == 1.0

    session = livy(livy_url, "GET", f"/sessions/{livy_session}")
    assert session["state"] == "idle"
    assert session["kind"] == "pyspark"
    assert session["appId"].startswith("local-")


def test_session_reads_sandbox_s3_through_s3a(livy_url, livy_session):
    code = (
        f"df = spark.read.csv('s3a://sandbox-demo/{DEMO_CSV_KEY}', header=True)\n"
        "print(sorted(r.station for r in df.where(df.city == 'Boston').collect()))"
    )
    statement = run_statement(livy_url, livy_session, code)
    assert statement["output"] == {
        "status": "ok",
        "data": {"text/plain": "['BOS-1', 'BOS-2']"},
        "execution_count": statement["id"],
    }


def test_errors_come_back_as_livy_error_output(livy_url, livy_session):
    statement = run_statement(livy_url, livy_session, "x = 1\nx / 0")
    assert statement["state"] == "available"  # like Livy: the statement ran; its output is an error
    output = statement["output"]
    assert (output["status"], output["ename"], output["evalue"]) == (
        "error",
        "ZeroDivisionError",
        "division by zero",
    )
    assert any("<stdin>" in line for line in output["traceback"])


def test_sql_statements_return_a_table(livy_url, livy_session):
    run_statement(livy_url, livy_session, "spark.range(3).createOrReplaceTempView('numbers')")
    statement = run_statement(livy_url, livy_session, "SELECT id * 2 AS twice FROM numbers", "sql")
    table = statement["output"]["data"]["application/json"]
    assert [f["name"] for f in table["schema"]["fields"]] == ["twice"]
    assert table["data"] == [[0], [2], [4]]


def test_cancel_stops_a_running_job_and_the_session_stays_usable(livy_url, livy_session):
    base = f"/sessions/{livy_session}/statements"
    endless = livy(
        livy_url, "POST", base, {"code": "spark.range(10**13).selectExpr('sum(id)').collect()"}
    )
    queued = livy(livy_url, "POST", base, {"code": "print('never runs')"})
    wait_until(lambda: livy(livy_url, "GET", f"{base}/{endless['id']}")["state"] == "running", 30)

    assert livy(livy_url, "POST", f"{base}/{queued['id']}/cancel", {}) == {"msg": "canceled"}
    started = time.monotonic()
    livy(livy_url, "POST", f"{base}/{endless['id']}/cancel", {})
    cancelled = wait_statement(livy_url, livy_session, endless["id"], timeout=30)
    print(f"cancel took {time.monotonic() - started:.2f} s")

    assert cancelled["state"] == "cancelled"
    assert livy(livy_url, "GET", f"{base}/{queued['id']}")["state"] == "cancelled"
    after = run_statement(livy_url, livy_session, "spark.range(7).count()")
    assert after["output"]["data"]["text/plain"] == "7"


def test_cancel_interrupts_plain_python_too(livy_url, livy_session):
    base = f"/sessions/{livy_session}/statements"
    sleeper = livy(
        livy_url, "POST", base, {"code": "import time\nwhile True:\n    time.sleep(0.05)"}
    )
    wait_until(lambda: livy(livy_url, "GET", f"{base}/{sleeper['id']}")["state"] == "running", 30)
    livy(livy_url, "POST", f"{base}/{sleeper['id']}/cancel", {})
    assert wait_statement(livy_url, livy_session, sleeper["id"], timeout=15)["state"] == "cancelled"


def test_statement_list_and_log(livy_url, livy_session):
    listed = livy(livy_url, "GET", f"/sessions/{livy_session}/statements")
    assert listed["total_statements"] == len(listed["statements"]) >= 1
    log = livy(livy_url, "GET", f"/sessions/{livy_session}/log?from=0&size=5")
    assert log["id"] == livy_session and log["from"] == 0 and len(log["log"]) <= 5
    sessions = livy(livy_url, "GET", "/sessions")
    assert livy_session in [s["id"] for s in sessions["sessions"]]


def test_bad_requests_are_refused_with_a_reason(livy_url, livy_session):
    scala = livy(livy_url, "POST", "/sessions", {"kind": "spark"})
    assert scala["status"] == 400 and "pyspark" in scala["msg"]
    memory = livy(livy_url, "POST", "/sessions", {"kind": "pyspark", "driverMemory": "lots"})
    assert memory["status"] == 400 and "driverMemory" in memory["msg"]
    assert livy(livy_url, "GET", "/sessions/999")["status"] == 404
    assert livy(livy_url, "GET", f"/sessions/{livy_session}/statements/999")["status"] == 404
    no_code = livy(livy_url, "POST", f"/sessions/{livy_session}/statements", {"kind": "pyspark"})
    assert no_code["status"] == 400 and "code" in no_code["msg"]
    assert livy(livy_url, "GET", "/batches")["status"] == 404


def test_heartbeat_timeout_must_be_seconds(livy_url):
    refused = livy(
        livy_url, "POST", "/sessions", {"kind": "pyspark", "heartbeatTimeoutInSecond": -5}
    )
    assert refused["status"] == 400 and "heartbeatTimeoutInSecond" in refused["msg"]


def test_a_session_whose_client_stops_heartbeating_is_orphaned(tmp_path):
    session = LivySession(
        id=0,
        kind="pyspark",
        name=None,
        conf={},
        py_files=[],
        log_path=tmp_path / "s.log",
        environment={},
        heartbeat_timeout=30,
        state="idle",
    )
    assert not session.orphaned()
    session.last_heartbeat -= 31  # the kernel went away half a minute ago
    assert session.orphaned()
    session.heartbeat_timeout = 0  # the client never asked for heartbeats: kept forever
    assert not session.orphaned()
