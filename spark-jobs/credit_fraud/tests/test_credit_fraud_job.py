"""Fraud features on the labelled real substitute (German credit in Kaggle's schema)."""

from __future__ import annotations

from pathlib import Path

import pytest
from credit_fraud import KAGGLE_COLUMNS, FraudParams, prepare_fraud_features, run
from jobcommon import JobInputError

from jupyterlab_aws_spark_ml.sandbox.datasets import other_sources


@pytest.fixture(scope="module")
def raw(tmp_path_factory, lay_out) -> Path:
    return lay_out(other_sources.credit_fraud_objects(), tmp_path_factory.mktemp("fraud"))


def params(raw: Path, out: Path | None = None, **kw) -> FraudParams:
    return FraudParams((raw / other_sources.CREDIT_KEY).as_uri(), (out or raw / "o").as_uri(), **kw)


def test_schema_rows_and_stratified_split(spark, raw):
    df = prepare_fraud_features(spark, params(raw)).cache()
    assert df.columns[: len(KAGGLE_COLUMNS)] == KAGGLE_COLUMNS
    assert df.count() == 1000 and df.where("Class = 1").count() == 300  # 300 'bad' of 1,000
    for cls, size in ((0, 700), (1, 300)):
        test = df.where(f"Class = {cls} AND split = 'test'").count()
        assert abs(test - 0.2 * size) <= 1
    weights = {
        r["Class"]: r["class_weight"]
        for r in df.select("Class", "class_weight").distinct().collect()
    }
    assert weights[1] * 300 == pytest.approx(weights[0] * 700)  # both classes weigh the same


def test_bad_rows_are_dropped(spark, raw, tmp_path):
    text = (raw / other_sources.CREDIT_KEY).read_text().splitlines()
    broken = [
        text[0],
        text[1],
        text[1],
        text[2].replace(text[2].split(",")[3], "n/a", 1),
        *text[3:6],
    ]
    path = tmp_path / "c.csv"
    path.write_text("\n".join(broken) + "\n")
    df = prepare_fraud_features(spark, FraudParams(path.as_uri(), (tmp_path / "o").as_uri()))
    assert df.count() == 4  # the duplicate and the unparseable row are gone


def test_run_partitions_by_split(spark, raw, tmp_path):
    result = run(spark, params(raw, tmp_path))
    assert result.partitions == ["test", "train"] and result.rows == 1000


def test_wrong_schema_is_named(spark, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Time,Amount,Class\n0,1,0\n")
    with pytest.raises(JobInputError, match="V1"):
        prepare_fraud_features(spark, FraudParams(path.as_uri(), (tmp_path / "o").as_uri()))
    with pytest.raises(JobInputError, match="test_fraction"):
        FraudParams(path.as_uri(), (tmp_path / "o").as_uri(), test_fraction=1.5)
