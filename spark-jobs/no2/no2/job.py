"""NO2 (or any OpenAQ pollutant) from weather: the Spark preparation job.

`prepare_no2_features(spark, params)` returns the daily feature DataFrame (usable from a notebook
cell on attached Spark); `run(spark, params)` also writes it as Parquet partitioned by year and
registers it in Glue, all or nothing. Both fail with `JobInputError` on empty inputs.
"""

from __future__ import annotations

import logging
from functools import reduce

from jobcommon.errors import JobInputError
from jobcommon.output import WrittenRun, write_run
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from .features import build_features
from .params import No2Params, params_from_args
from .sources import AIR_COLUMNS, read_gsod, read_openaq_archive, read_openaq_legacy

__all__ = ["No2Params", "params_from_args", "prepare_no2_features", "run"]
log = logging.getLogger(__name__)


def _where(p: No2Params) -> str:
    area = f"city={p.city!r}" if p.city else f"bbox={p.bbox}"
    return f"{p.pollutant} {area} {p.start_date}..{p.end_date}"


def _in_bbox(df: DataFrame, bbox) -> DataFrame:
    min_lon, min_lat, max_lon, max_lat = bbox
    return df.where(
        F.col("latitude").between(min_lat, max_lat) & F.col("longitude").between(min_lon, max_lon)
    )


def read_air_quality(spark: SparkSession, p: No2Params) -> DataFrame:
    """Both OpenAQ layouts, filtered and de-duplicated (the same hour may be in both)."""
    legacy = read_openaq_legacy(spark, p) if p.source_layout in ("legacy", "auto") else None
    archive = read_openaq_archive(spark, p) if p.source_layout in ("archive", "auto") else None
    in_range = F.col("local_day").between(p.start_date, p.end_date)
    keep = F.col("parameter") == p.pollutant
    if legacy is not None:
        legacy = legacy.where(keep & in_range)
        legacy = (
            legacy.where(F.lower("city") == p.city.lower()) if p.city else _in_bbox(legacy, p.bbox)
        )
    if archive is not None:
        archive = archive.where(keep & in_range)
        if p.city:  # the archive has no city: use the locations legacy data places in the city
            names = [] if legacy is None else [
                r[0] for r in legacy.select("location").distinct().collect()
            ]  # fmt: skip
            archive = archive.where(F.col("location").isin(names))
        else:
            archive = _in_bbox(archive, p.bbox)
    parts = [df.select(*AIR_COLUMNS) for df in (legacy, archive) if df is not None]
    if not parts:
        raise JobInputError(
            "source_layout", f"no OpenAQ files found for layout {p.source_layout!r} in range",
            "check openaq_legacy_uri / openaq_archive_uri and the date range",
        )  # fmt: skip
    air = reduce(DataFrame.unionByName, parts).dropDuplicates(["location", "measured_at"])
    # OpenAQ reports failed readings as negative numbers (-999 and friends): not measurements.
    air = air.withColumn("value", F.when(F.col("value") >= 0, F.col("value")))
    # Hourly rows of one area are small and read by several steps below: read the files once.
    air = air.cache()
    units = [r[0] for r in air.select("unit").distinct().collect()]
    if not units:
        raise JobInputError(
            "city" if p.city else "bbox", f"no OpenAQ records for {_where(p)}",
            "check the spelling (OpenAQ's city field), the area, pollutant and dates",
        )  # fmt: skip
    if p.unit:
        air = air.where(F.col("unit") == p.unit)
    elif len(units) > 1:
        raise JobInputError(
            "unit", f"the records mix units {sorted(units)}", "pass --unit with one of them",
        )  # fmt: skip
    return air


def weather_area(air: DataFrame, p: No2Params) -> tuple[float, float, float, float]:
    """The bbox, or the box around the matched air-quality sites widened by the margin."""
    if p.bbox:
        return p.bbox
    row = air.agg(
        F.min("longitude"), F.min("latitude"), F.max("longitude"), F.max("latitude")
    ).first()
    m = p.weather_margin_deg
    return (row[0] - m, row[1] - m, row[2] + m, row[3] + m)


def prepare_no2_features(spark: SparkSession, p: No2Params) -> DataFrame:
    air = read_air_quality(spark, p)
    area = weather_area(air, p)
    weather = read_gsod(spark, p.gsod_uri, p.start_date, p.end_date, area)
    if weather is None or weather.limit(1).count() == 0:
        raise JobInputError(
            "gsod_uri", f"no GSOD stations with data inside {tuple(round(v, 4) for v in area)} "
            f"for {p.start_date.year}..{p.end_date.year}",
            "check gsod_uri (folders per year), or widen bbox / weather_margin_deg",
        )  # fmt: skip
    return build_features(
        spark, air, weather, p.pollutant, p.start_date, p.end_date, p.max_gap_days
    )


def run(spark: SparkSession, p: No2Params) -> WrittenRun:
    features = prepare_no2_features(spark, p).cache()
    if features.limit(1).count() == 0:
        raise JobInputError(
            "start_date", f"no day in {_where(p)} has both measurements and the calendar spine",
            "widen the date range",
        )  # fmt: skip
    result = write_run(
        features, p.output_uri, "year", p.glue_database, p.glue_table,
        description=f"Daily {p.pollutant} + GSOD weather features ({_where(p)})",
    )  # fmt: skip
    features.unpersist()
    log.info("Wrote %d daily rows to %s", result.rows, result.data_uri)
    return result
