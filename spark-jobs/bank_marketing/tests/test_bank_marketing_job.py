"""Bank marketing features on UCI's real 10% sample (4,521 clients)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bank_marketing import BankParams, prepare_bank_features, run
from jobcommon import JobInputError

from jupyterlab_aws_spark_ml.sandbox.datasets import other_sources


@pytest.fixture(scope="module")
def raw(tmp_path_factory, lay_out) -> Path:
    return lay_out(other_sources.bank_objects(), tmp_path_factory.mktemp("bank"))


def params(raw: Path, out: Path | None = None) -> BankParams:
    return BankParams(input_uri=(raw / other_sources.BANK_KEY).as_uri(),
                      output_uri=(out or raw / "out").as_uri())  # fmt: skip


def test_rows_columns_and_null_handling(spark, raw):
    df = prepare_bank_features(spark, params(raw)).cache()
    assert df.count() == 4521
    assert "duration" not in df.columns and "y" not in df.columns
    assert df.where("label = 1").count() == 521  # UCI's documented 11.5% yes
    never = df.where("NOT previously_contacted")
    assert never.count() == never.where("pdays IS NULL").count() == 3705
    assert df.where("pdays IS NOT NULL AND pdays < 0").count() == 0
    assert {r[0] for r in df.select("month").distinct().collect()} == set(range(1, 13))


def test_run_partitions_by_month(spark, raw, tmp_path):
    result = run(spark, params(raw, tmp_path))
    assert result.rows == 4521 and sorted(map(int, result.partitions)) == list(range(1, 13))
    assert len(list(Path(result.data_uri.removeprefix("file:")).glob("month=*"))) == 12


def test_wrong_file_is_named(spark, raw, tmp_path):
    other = tmp_path / "x.csv"
    other.write_text("a;b\n1;2\n")
    with pytest.raises(JobInputError, match="lacks columns"):
        prepare_bank_features(spark, BankParams(other.as_uri(), (tmp_path / "o").as_uri()))
