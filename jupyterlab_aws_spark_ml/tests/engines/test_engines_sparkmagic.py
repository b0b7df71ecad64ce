"""sparkmagic 0.23 (the client the notebook magic uses) works against the sandbox Livy."""

from __future__ import annotations

from pathlib import Path

import pytest
from engines_helpers import wait_until

from jupyterlab_aws_spark_ml.sandbox.engines.livy_sessions import descendants


@pytest.fixture
def spark_magics():
    from IPython.core.interactiveshell import InteractiveShell
    from sparkmagic.magics.sparkmagicsbase import SparkMagicBase

    magics = SparkMagicBase(InteractiveShell.instance())
    yield magics
    magics.spark_controller.cleanup()


def test_sparkmagic_session_runs_cells_and_pulls_a_dataframe(
    sandbox, livy_engine, livy_url, spark_magics
):
    from sparkmagic.auth.basic import Basic
    from sparkmagic.livyclientlib.endpoint import Endpoint
    from sparkmagic.utils.utils import Namespace

    controller = spark_magics.spark_controller
    # What sparkmagic's %spark add / a Livy wrapper kernel does: POST /sessions, wait for idle,
    # then probe `spark` to learn the SparkSession is there. The sandbox Livy wants its password.
    login = Namespace(user="sandbox", password=sandbox.secret_access_key, url=livy_url)
    endpoint = Endpoint(livy_url, Basic(parsed_attributes=login))
    controller.add_session("sandbox", endpoint, False, {"kind": "pyspark"})
    session = controller.get_session_by_name_or_default("sandbox")
    assert session.status == "idle"
    assert session.sql_context_variable_name == "spark"

    # %%spark -o stations: run the cell, then copy the Spark DataFrame into a local pandas one.
    # (S3A reads are covered by the Livy tests; a local DataFrame keeps this test quicker.)
    cell = "stations = spark.createDataFrame([('BOS-1',), ('NYC-1',), ('BOS-2',)], ['station'])"
    spark_magics.execute_spark(cell, "stations", None, 2500, None, "sandbox", None)
    local = spark_magics.shell.user_ns["stations"]
    assert sorted(local["station"]) == ["BOS-1", "BOS-2", "NYC-1"]

    # %%spark errors surface as sparkmagic's statement exception with Spark's message.
    from sparkmagic.livyclientlib.exceptions import SparkStatementException

    with pytest.raises(SparkStatementException, match="division by zero"):
        spark_magics.execute_spark("1/0", None, None, None, None, "sandbox", None)

    # A Python lambda makes Spark start pyspark's worker daemon (its own process group).
    spark_magics.execute_spark(
        "print(spark.range(4).rdd.map(lambda r: r.id * 10).sum())",
        None,
        None,
        None,
        None,
        "sandbox",
        None,
    )

    # Deleting the session (as %spark cleanup does) ends driver, JVM and workers: no orphans.
    livy_session = livy_engine.server.session(session.id)
    family = [livy_session.pid, *descendants(livy_session.pid)]
    assert len(family) >= 3, "driver, JVM and Python worker daemon should be running"
    controller.delete_session_by_name("sandbox")
    wait_until(lambda: not [pid for pid in family if _alive(pid)], 15)
    assert livy_session.state == "killed"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
