"""`%aws_spark connect local`: Spark inside the kernel, reading the sandbox's S3 through s3a."""

from __future__ import annotations

import time

import pytest

from .conftest import CSV_KEY, CSV_ROWS, DEMO_BUCKET, start_kernel


@pytest.fixture(scope="module")
def local_kernel(sandbox):
    kernel = start_kernel(sandbox)
    connected = kernel.run("%aws_spark connect local --cores 1")
    assert connected.ok, connected.error_text + connected.stdout
    kernel.connected = connected
    yield kernel
    kernel.close()


def test_connect_prints_one_structured_line_and_publishes_it(local_kernel):
    cell = local_kernel.connected
    lines = [line for line in cell.stdout.splitlines() if line.startswith("AWS_SPARK_ML ")]
    assert len(lines) == 1
    assert cell.line_event == cell.connection_event
    event = cell.connection_event
    assert event["event"] == "connected" and event["target"] == "local"
    assert event["master"] == "local[1]"
    assert event["sparkUi"].startswith("http://")


def test_plain_cells_run_in_the_kernel_with_spark_bound(local_kernel):
    cell = local_kernel.run("import os\nspark.range(1000).count(), os.getpid() > 0")
    assert cell.ok, cell.error_text
    assert cell.result["text/plain"] == "(1000, True)"


def test_reads_a_csv_from_sandbox_s3_through_s3a(local_kernel):
    cell = local_kernel.run(f"spark.read.csv('s3a://{DEMO_BUCKET}/{CSV_KEY}', header=True).count()")
    assert cell.ok, cell.error_text
    assert cell.result["text/plain"] == str(CSV_ROWS)


def test_interrupt_cancels_the_spark_job_and_the_next_cell_runs(local_kernel):
    # A job far too long to finish: only a cancelled job frees the core for the next cell.
    msg_id = local_kernel.start("spark.range(10**12).selectExpr('sum(id)').collect()")
    time.sleep(3)  # let the job start in the JVM; the interrupt is what is under test
    local_kernel.interrupt()
    cell = local_kernel.collect(msg_id, timeout=60)
    assert cell.error is not None and "KeyboardInterrupt" in cell.error["ename"]
    assert "cancelled the running Spark jobs" in cell.stdout
    after = local_kernel.run("spark.range(7).count()", timeout=90)
    assert after.ok, after.error_text
    assert after.result["text/plain"] == "7"


def test_to_pandas_brings_every_row_and_states_a_limit(local_kernel):
    local_kernel.run("big = spark.range(6000).selectExpr('id', 'id * 2 AS twice')")
    cell = local_kernel.run("%aws_spark to_pandas big")
    assert cell.ok, cell.error_text
    assert "all 6,000 rows" in cell.stdout
    check = local_kernel.run("len(big_pd), int(big_pd.twice.sum())")
    assert check.result["text/plain"] == f"(6000, {sum(range(6000)) * 2})"

    limited = local_kernel.run("%aws_spark to_pandas big --var small --max-rows 100")
    assert "showing 100 of 6,000 rows" in limited.stdout and "--max-rows" in limited.stdout
    assert local_kernel.run("len(small)").result["text/plain"] == "100"


def test_to_pandas_through_s3_parquet_when_asked(local_kernel):
    cell = local_kernel.run(
        f"%aws_spark to_pandas big --var via_s3 --via s3://{DEMO_BUCKET}/tmp/local-test/"
    )
    assert cell.ok, cell.error_text
    assert "all 6,000 rows" in cell.stdout and f"s3://{DEMO_BUCKET}/tmp/local-test/" in cell.stdout
    assert local_kernel.run("len(via_s3)").result["text/plain"] == "6000"


def test_spark_ui_link(local_kernel):
    cell = local_kernel.run("%aws_spark spark-ui")
    assert cell.ok, cell.error_text
    url = local_kernel.connected.connection_event["sparkUi"]
    assert f"Spark UI: {url}" in cell.stdout
    assert any(url in d.get("text/html", "") for d in cell.displays)


def test_status_then_disconnect_stops_spark(local_kernel):
    status = local_kernel.run("%aws_spark status")
    assert status.connection_event["state"] == "idle"
    gone = local_kernel.run("%aws_spark disconnect")
    assert gone.ok, gone.error_text
    assert gone.connection_event == {
        "event": "disconnected",
        "target": "local",
        "message": "Stopped the local Spark session.",
    }
    assert local_kernel.run("'spark' in dir()").result["text/plain"] == "False"
