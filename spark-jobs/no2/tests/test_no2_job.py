"""The NO2 job on a real 3-month slice of AQEval's aq.data, laid out as OpenAQ + GSOD files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from jobcommon import JobInputError
from no2 import No2Params, params_from_args, prepare_no2_features, run
from no2.params import SANDBOX_BUCKET

from jupyterlab_aws_spark_ml.sandbox.datasets import air_quality as aq

START, END = "2002-12-24", "2003-01-24"  # a month across a year boundary
GAP_DAYS = ("2003-01-15", "2003-01-16")  # removed from every source to test gap handling


@pytest.fixture(scope="module")
def raw(tmp_path_factory, lay_out) -> Path:
    root = lay_out(aq.air_quality_objects(start=START, end=END), tmp_path_factory.mktemp("raw"))
    for day in GAP_DAYS:
        shutil.rmtree(root / aq.LEGACY_PREFIX / day)
        for site in aq.SITES:
            y, m, d = day.split("-")
            (root / aq.ARCHIVE_PREFIX / f"locationid={site.location_id}/year={y}/month={m}"
             / f"location-{site.location_id}-{y}{m}{d}.csv.gz").unlink()  # fmt: skip
    gsod = root / aq.GSOD_PREFIX / "2003" / f"{aq.WEATHER_STATION}.csv"
    lines = [line for line in gsod.read_text().splitlines() if not any(d in line for d in GAP_DAYS)]
    gsod.write_text("\n".join(lines) + "\n")
    return root


def params(raw: Path, out: Path | None = None, **overrides) -> No2Params:
    values = dict(
        start_date=date.fromisoformat(START), end_date=date.fromisoformat(END),
        output_uri=(out or raw / "out").as_uri(), city=aq.CITY,
        openaq_legacy_uri=(raw / aq.LEGACY_PREFIX).as_uri(),
        openaq_archive_uri=(raw / aq.ARCHIVE_PREFIX).as_uri(),
        gsod_uri=(raw / aq.GSOD_PREFIX).as_uri(),
    )  # fmt: skip
    values.update(overrides)
    return No2Params(**values)


@pytest.fixture(scope="module")
def expected_daily():
    """Independent pandas reference: daily mean NO2 over both sites' hours, by local day."""
    import pandas as pd

    frame, _ = aq.hourly_frame()
    frame = frame[(frame["day"] >= START) & (frame["day"] <= END) & ~frame["day"].isin(GAP_DAYS)]
    sites = [frame[["day", column]].set_axis(["day", "no2"], axis=1).assign(site=column)
             for column in ("no2", "bg.no2")]  # fmt: skip
    values = pd.concat(sites).dropna()
    return values.groupby("day").agg(
        mean=("no2", "mean"), count=("no2", "count"), sites=("site", "nunique")
    )


@pytest.fixture(scope="module")
def features(spark, raw):
    return {
        r["day"].isoformat(): r.asDict() for r in prepare_no2_features(spark, params(raw)).collect()
    }


def test_daily_target_matches_an_independent_computation(features, expected_daily):
    assert sorted(features) == list(expected_daily.index)  # gap days dropped, nothing invented
    for day, expected in expected_daily.iterrows():
        # the files keep 4 decimals, as OpenAQ does
        assert features[day]["no2_avg"] == pytest.approx(expected["mean"], abs=1e-4)
        assert features[day]["no2_hours"] == expected["count"]
        assert features[day]["no2_locations"] == expected["sites"]


def test_columns_sentinels_and_calendar(features):
    row = features["2003-01-01"]
    assert list(row)[:6] == ["day", "year", "month", "day_of_week", "day_of_year", "no2_avg"]
    assert (row["year"], row["month"], row["day_of_week"], row["day_of_year"]) == (2003, 1, 4, 1)
    # aq.data has no pressure or visibility: GSOD's 9999.9 / 999.9 must arrive as nulls
    for missing in ("pressure_sea_level", "pressure_station", "visibility", "dew_point"):
        assert all(r[missing] is None for r in features.values())
    assert all(r["temp_max"] is not None and r["temp_max"] < 100 for r in features.values())
    assert all(r["temp_min"] <= r["temp_avg"] <= r["temp_max"] for r in features.values())


def test_gaps_are_filled_in_time_without_looking_ahead(features):
    before, after = features["2003-01-14"], features["2003-01-17"]
    assert "2003-01-15" not in features and "2003-01-16" not in features  # target not invented
    assert after["no2_lag_1"] == pytest.approx(before["no2_avg"])  # carried forward, past only
    assert after["no2_lag_2"] == pytest.approx(before["no2_avg"])
    assert features["2003-01-08"]["no2_lag_7"] == pytest.approx(features["2003-01-01"]["no2_avg"])
    assert features[START]["no2_lag_1"] is None  # nothing before the range is invented
    assert after["weather_filled"] is False and before["weather_filled"] is False


def test_weather_interpolated_across_a_short_gap(spark, raw):
    # Keep the gap days in the output by giving them a target-free view of weather only.
    from no2.features import _interpolated
    from pyspark.sql import functions as F

    rows = [("2003-01-14", 10.0), ("2003-01-15", None), ("2003-01-16", None), ("2003-01-17", 40.0),
            ("2003-01-22", None), ("2003-01-27", 5.0)]  # fmt: skip
    df = spark.createDataFrame(rows, "day string, temp_avg double").withColumn(
        "day", F.to_date("day")
    )
    got = dict(df.select("day", _interpolated("temp_avg", 3)).collect())
    assert got[date(2003, 1, 15)] == pytest.approx(20.0) and got[
        date(2003, 1, 16)
    ] == pytest.approx(30.0)
    assert got[date(2003, 1, 22)] is None  # a 9-day gap is longer than max_gap_days: left empty


def test_both_openaq_layouts_are_read_and_agree(spark, raw, features):
    for layout in ("legacy", "archive"):
        overrides = {"source_layout": layout}
        if layout == "archive":  # the archive has no city column: filter by the sites' box
            overrides.update(city=None, bbox=(-1.7, 53.7, -1.4, 53.9))
        got = {r["day"].isoformat(): r["no2_avg"]
               for r in prepare_no2_features(spark, params(raw, **overrides)).collect()}  # fmt: skip
        assert got.keys() == features.keys(), layout
        assert all(got[d] == pytest.approx(features[d]["no2_avg"]) for d in got), layout


def test_run_writes_parquet_partitioned_by_year(spark, raw, tmp_path):
    result = run(spark, params(raw, out=tmp_path / "features"))
    run_dir = Path(result.data_uri.removeprefix("file:"))
    assert run_dir.parent == tmp_path / "features" and run_dir.name.startswith("run-")
    assert sorted(p.name for p in run_dir.glob("year=*")) == ["year=2002", "year=2003"]
    assert (run_dir / "_SUCCESS").exists() and result.partitions == ["2002", "2003"]
    back = spark.read.parquet(result.data_uri)
    assert back.count() == result.rows == 30  # 32 days minus the 2 gap days


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"city": None}, "city"),
        ({"bbox": (-1.7, 53.7, -1.4, 53.9)}, "city"),
        ({"bbox": (10.0, 53.7, -1.4, 53.9), "city": None}, "bbox"),
        ({"pollutant": "NO2x"}, "pollutant"),
        ({"source_layout": "archive"}, "city"),
        ({"source_layout": "both"}, "source_layout"),
        ({"end_date": date(2002, 1, 1)}, "end_date"),
        ({"output_uri": "bucket/prefix"}, "output_uri"),
        ({"glue_database": "air_quality"}, "glue_table"),
        ({"glue_database": "Air-Quality", "glue_table": "x"}, "glue_database"),
        ({"max_gap_days": 60}, "max_gap_days"),
    ],
)
def test_bad_params_name_the_field(raw, overrides, field):
    with pytest.raises(JobInputError) as error:
        params(raw, **overrides)
    assert error.value.field == field and "Fix:" in str(error.value)


def test_cli_arguments_are_checked_before_spark_starts():
    with pytest.raises(JobInputError, match="start_date"):
        params_from_args(["--start-date", "2003-13-01", "--end-date", "2003-12-31",
                          "--output-uri", "s3a://b/p", "--city", "x"])  # fmt: skip
    parsed = params_from_args(["--start-date", "2003-01-01", "--end-date", "2003-12-31",
                               "--output-uri", "s3a://b/p", "--bbox=-1.7,53.7,-1.4,53.9"])  # fmt: skip
    assert parsed.bbox == (-1.7, 53.7, -1.4, 53.9)
    assert parsed.openaq_legacy_uri.startswith(SANDBOX_BUCKET)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"city": "Boston"}, "city"),  # no such city in the records
        ({"pollutant": "pm25"}, "city"),
        ({"gsod_uri": "file:///nonexistent/gsod"}, "gsod_uri"),
        ({"start_date": date(1999, 1, 1), "end_date": date(1999, 12, 31)}, "city"),
        ({"source_layout": "legacy", "openaq_legacy_uri": "file:///nonexistent"}, "source_layout"),
    ],
)
def test_empty_inputs_fail_clearly_and_write_nothing(spark, raw, tmp_path, overrides, field):
    out = tmp_path / "never"
    with pytest.raises(JobInputError) as error:
        run(spark, params(raw, out=out, **overrides))
    assert error.value.field == field
    assert not out.exists()


def test_a_failure_after_writing_leaves_no_partial_run(spark, raw, tmp_path, monkeypatch):
    import jobcommon.output as output

    def glue_down(*args, **kwargs):
        raise ConnectionError("Glue unreachable")

    monkeypatch.setattr(output, "register_glue_table", glue_down)
    out = tmp_path / "features"
    with pytest.raises(ConnectionError):
        run(spark, params(raw, out=out, glue_database="air_quality", glue_table="no2_daily"))
    assert list(out.glob("run-*")) == []
