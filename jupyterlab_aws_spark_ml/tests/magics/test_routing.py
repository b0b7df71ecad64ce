"""Which cells go to the remote Spark, in an in-process IPython shell (no Spark needed)."""

from __future__ import annotations

import pytest
from IPython.core.interactiveshell import InteractiveShell

from jupyterlab_aws_spark_ml.magics.announce import CONNECTION_MIME_TYPE, parse_line
from jupyterlab_aws_spark_ml.magics.connection import StatementOutput
from jupyterlab_aws_spark_ml.magics.to_pandas import PullError, scratch_location

CONNECT_CELL = "%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect emr --cluster-id j-1\n"


class RecordingConnection:
    """Stands in for a remote session: records what the router sends it."""

    target, remote = "emr", True

    def __init__(self) -> None:
        self.sent: list[str] = []

    def run(self, code: str) -> StatementOutput:
        self.sent.append(code)
        return StatementOutput("text/plain", f"ran {len(code)} chars")


@pytest.fixture(scope="module")
def shell():
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jupyterlab_aws_spark_ml")
    return shell


@pytest.fixture
def magics(shell):
    magics = shell.magics_manager.registry["AwsSparkMagics"]
    yield magics
    magics.connection = None


def test_without_a_remote_cells_are_untouched(shell, magics):
    assert shell.transform_cell("x = 1\n") == "x = 1\n"
    assert shell.transform_cell("%%local\nx = 2\n") == "x = 2\n"


def test_with_a_remote_plain_cells_go_there(shell, magics):
    magics.connection = RecordingConnection()
    assert shell.transform_cell("df.count()\n").startswith(
        "get_ipython().run_cell_magic('aws_spark'"
    )
    result = shell.run_cell("# comment\ndf = spark.range(3)\ndf.count()")
    assert result.success
    assert magics.connection.sent == ["# comment\ndf = spark.range(3)\ndf.count()\n"]


@pytest.mark.parametrize(
    "cell",
    [CONNECT_CELL, "%aws_spark status\n", "%%time\nx = 1\n", "!ls\n", "\n%pip list\n"],
)
def test_magics_and_shell_cells_stay_in_the_kernel(shell, magics, cell):
    magics.connection = RecordingConnection()
    assert "run_cell_magic('aws_spark'" not in shell.transform_cell(cell)


def test_local_cells_run_here_while_attached(shell, magics):
    magics.connection = RecordingConnection()
    assert shell.run_cell("%%local\nhere = 40 + 2").success
    assert shell.user_ns["here"] == 42 and magics.connection.sent == []


def test_structured_line_round_trip(capsys):
    from jupyterlab_aws_spark_ml.magics.announce import announce

    announce({"event": "connected", "target": "local", "id": "local"})
    line = capsys.readouterr().out
    assert line.startswith('AWS_SPARK_ML {"event":"connected"')
    assert parse_line(line) == {"event": "connected", "target": "local", "id": "local"}
    assert CONNECTION_MIME_TYPE == "application/vnd.aws-spark-ml.connection+json"


def test_scratch_location_needs_s3(monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_SPARK_ML_SCRATCH_S3", raising=False)
    with pytest.raises(PullError, match="--via s3://bucket/prefix/"):
        scratch_location(None, "df")
    with pytest.raises(PullError, match="must look like s3://"):
        scratch_location("/tmp/x", "df")
    where = scratch_location("s3://b/p", "df")
    assert where.bucket == "b" and where.key_prefix.startswith("p/aws-spark-ml-to-pandas/df-")
