"""`%aws_spark connect emr`: RunJobFlow → WAITING → sparkmagic → the sandbox's Livy → real Spark."""

from __future__ import annotations

import pytest
import requests

from .conftest import (
    CSV_KEY,
    CSV_ROWS,
    DEMO_BUCKET,
    connect_cell,
    provision_cluster,
    start_kernel,
    wait_for_cluster,
)
from .notebook_kernel import wait_for

SLOW_CELL = (
    "import time\n"
    "spark.sparkContext.parallelize(range(400), 400).map(lambda x: time.sleep(1) or x).count()"
)


@pytest.fixture(scope="module")
def emr(sandbox):
    assert sandbox.parts.livy is not None  # fails the module: the EMR path is tested for real
    cluster_id = provision_cluster(sandbox)
    wait_for_cluster(sandbox, cluster_id, "WAITING")
    kernel = start_kernel(sandbox, load=False)
    connected = kernel.run(connect_cell(f"emr --cluster-id {cluster_id}"), timeout=300)
    kernel.cluster_id = cluster_id
    kernel.connected = connected
    kernel.livy = connected.connection_event.get("livy")
    kernel.livy_auth = ("sandbox", sandbox.secret_access_key)  # the sandbox Livy's password
    yield kernel
    kernel.close()


def livy_get(kernel, path: str):
    return requests.get(f"{kernel.livy}{path}", auth=kernel.livy_auth, timeout=10).json()


def test_connect_resolves_livy_from_describe_cluster(emr, sandbox):
    cell = emr.connected
    assert cell.ok, cell.error_text + cell.stdout
    event = cell.connection_event
    assert event == cell.line_event
    livy_port = sandbox.environment()["AWS_SPARK_ML_LIVY_PORT"]
    assert event["event"] == "connected" and event["target"] == "emr"
    assert event["id"] == emr.cluster_id
    assert event["livy"] == f"http://127.0.0.1:{livy_port}"
    assert isinstance(event["sessionId"], int)
    assert "SparkSession available as 'spark'" in cell.stdout  # sparkmagic's own message
    session = livy_get(emr, f"/sessions/{event['sessionId']}")
    assert session["state"] == "idle"
    assert session["kind"] == "pyspark"


def test_session_has_heartbeat_and_emr_start_timeout(emr):
    status = emr.run("%aws_spark status")
    assert status.ok, status.error_text
    settings = status.connection_event["sparkmagic"]
    assert settings["livy_session_startup_timeout_seconds"] >= 180
    assert settings["livy_server_heartbeat_timeout_seconds"] > 0
    assert status.connection_event["state"] == "idle"


def test_rerunning_the_connect_cell_keeps_the_session(emr):
    again = emr.run(connect_cell(f"emr --cluster-id {emr.cluster_id}"))
    assert again.ok, again.error_text
    assert "Already attached" in again.stdout
    assert again.connection_event == emr.connected.connection_event
    assert len([x for x in again.stdout.splitlines() if x.startswith("AWS_SPARK_ML ")]) == 1


def test_plain_cell_runs_on_the_remote_spark(emr):
    cell = emr.run("spark.range(1000).count()")
    assert cell.ok, cell.error_text
    assert cell.stdout.strip().splitlines()[-1] == "1000"
    # It ran in the Livy session's process, not in the kernel: the kernel has no `spark`.
    here = emr.run("%%local\n'spark' in globals()")
    assert here.result["text/plain"] == "False"


def test_tool_requests_stay_in_the_kernel(emr):
    # Silent / history-less requests come from the UI or inspectors, not from the person's cells.
    probe = emr.collect(emr.start("'spark' in globals()", store_history=False))
    assert probe.result["text/plain"] == "False"


def test_reads_a_csv_from_sandbox_s3_through_s3a(emr):
    cell = emr.run(
        f"df = spark.read.csv('s3a://{DEMO_BUCKET}/{CSV_KEY}', header=True)\nprint(df.count())"
    )
    assert cell.ok, cell.error_text
    assert cell.stdout.strip().splitlines()[-1] == str(CSV_ROWS)


def test_remote_error_fails_the_cell(emr):
    cell = emr.run("spark.table('no_such_table_here')")
    assert not cell.ok
    assert cell.error["ename"] == "RemoteStatementError"
    assert "no_such_table_here" in cell.error_text


def test_to_pandas_has_no_row_cap(emr, sandbox):
    made = emr.run("wide = spark.range(5500).selectExpr('id', 'id % 7 AS bucket')")
    assert made.ok, made.error_text
    cell = emr.run("%aws_spark to_pandas wide")
    assert cell.ok, cell.error_text
    assert "all 5,500 rows" in cell.stdout
    check = emr.run("%%local\nlen(wide_pd), int(wide_pd['id'].max())")
    assert check.result["text/plain"] == "(5500, 5499)"
    # The scratch Parquet is cleaned up after the pull.
    listing = sandbox.client("s3").list_objects_v2(
        Bucket=DEMO_BUCKET, Prefix="tmp/aws-spark-ml-to-pandas/"
    )
    assert listing.get("KeyCount", 0) == 0

    limited = emr.run("%aws_spark to_pandas wide --var head --max-rows 2600")
    assert "showing 2,600 of 5,500 rows" in limited.stdout and "--max-rows" in limited.stdout


def test_interrupt_cancels_the_remote_statement(emr):
    session_id = emr.connected.connection_event["sessionId"]
    msg_id = emr.start(SLOW_CELL)
    running = wait_for(
        lambda: [
            s
            for s in livy_get(emr, f"/sessions/{session_id}/statements")["statements"]
            if s["state"] == "running" and "time.sleep" in s["code"]
        ],
        60,
        "the slow statement to run on Livy",
    )
    emr.interrupt()
    cell = emr.collect(msg_id, timeout=60)
    assert cell.error is not None and "KeyboardInterrupt" in cell.error["ename"]
    statement = livy_get(emr, f"/sessions/{session_id}/statements/{running[0]['id']}")
    assert statement["state"] in ("cancelled", "cancelling")
    # The session is usable again right away.
    after = emr.run("spark.range(10).count()", timeout=120)
    assert after.ok, after.error_text
    assert after.stdout.strip().splitlines()[-1] == "10"


def test_disconnect_deletes_the_livy_session(emr):
    session_id = emr.connected.connection_event["sessionId"]
    cell = emr.run("%aws_spark disconnect")
    assert cell.ok, cell.error_text
    assert cell.connection_event["event"] == "disconnected"
    assert f"Deleted Livy session {session_id}" in cell.stdout
    response = requests.get(f"{emr.livy}/sessions/{session_id}", auth=emr.livy_auth, timeout=10)
    assert response.status_code == 404
    # Plain cells run locally again.
    local = emr.run("1 + 1")
    assert local.result["text/plain"] == "2"
