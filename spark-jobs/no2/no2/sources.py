"""Readers for the raw public layouts, each returning one normalised shape.

Air quality (both OpenAQ layouts) -> location, city, latitude, longitude, parameter, unit, value,
measured_at (instant), local_day (the station's calendar day, like GSOD's DATE).
Weather (GSOD) -> one row per station and day with sentinels already turned into nulls.
"""

from __future__ import annotations

from datetime import date

from jobcommon import fs
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .params import No2Params

LEGACY_SCHEMA = T.StructType(
    [
        T.StructField("date", T.StructType([
            T.StructField("utc", T.StringType()), T.StructField("local", T.StringType())])),
        T.StructField("parameter", T.StringType()),
        T.StructField("location", T.StringType()),
        T.StructField("value", T.DoubleType()),
        T.StructField("unit", T.StringType()),
        T.StructField("city", T.StringType()),
        T.StructField("country", T.StringType()),
        T.StructField("coordinates", T.StructType([
            T.StructField("latitude", T.DoubleType()), T.StructField("longitude", T.DoubleType())])),
    ]
)  # fmt: skip
ARCHIVE_SCHEMA = T.StructType(
    [T.StructField(n, t) for n, t in (
        ("location_id", T.LongType()), ("sensors_id", T.LongType()), ("location", T.StringType()),
        ("datetime", T.StringType()), ("lat", T.DoubleType()), ("lon", T.DoubleType()),
        ("parameter", T.StringType()), ("units", T.StringType()), ("value", T.DoubleType()))]
)  # fmt: skip
# GSOD column -> (feature name, "missing" sentinel). Units stay GSOD's: °F, knots, mb, miles, in.
GSOD_FIELDS = {
    "TEMP": ("temp_avg", 9999.9), "MAX": ("temp_max", 9999.9), "MIN": ("temp_min", 9999.9),
    "DEWP": ("dew_point", 9999.9), "WDSP": ("wind_avg", 999.9), "MXSPD": ("wind_max", 999.9),
    "SLP": ("pressure_sea_level", 9999.9), "STP": ("pressure_station", 9999.9),
    "VISIB": ("visibility", 999.9), "PRCP": ("precipitation", 99.99),
}  # fmt: skip
WEATHER_COLUMNS = [name for name, _ in GSOD_FIELDS.values()]
AIR_COLUMNS = [
    "location", "city", "latitude", "longitude", "parameter", "unit", "value", "measured_at",
    "local_day",
]  # fmt: skip


def day_globs(start: date, end: date) -> list[str]:
    """Few folder globs covering start..end: whole years 'YYYY-*', whole months 'YYYY-MM-*', else
    days. One path per day would mean one listing per day (slow on S3, and Spark starts a listing
    job beyond 32 paths); a brace glob is expanded by Hadoop into one listing per alternative."""
    globs, day = [], start
    while day <= end:
        year_end, month_end = date(day.year, 12, 31), _month_end(day)
        if day.month == 1 and day.day == 1 and year_end <= end:
            globs.append(f"{day.year}-*")
            day = year_end
        elif day.day == 1 and month_end <= end:
            globs.append(f"{day:%Y-%m}-*")
            day = month_end
        else:
            globs.append(day.isoformat())
        day = day.fromordinal(day.toordinal() + 1)
    return globs


def _month_end(day: date) -> date:
    first_next = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next.fromordinal(first_next.toordinal() - 1)


def read_openaq_legacy(spark: SparkSession, p: No2Params) -> DataFrame | None:
    """`<uri>/YYYY-MM-DD/*.ndjson.gz`: only the day folders inside the date range are listed."""
    start, end = p.start_date.isoformat(), p.end_date.isoformat()
    days = [d for d in fs.child_names(spark, p.openaq_legacy_uri) if start <= d <= end]
    if not days:
        return None
    # Spark fails on a path or glob that matches nothing, so keep only those that match a folder.
    present = [g for g in day_globs(p.start_date, p.end_date)
               if any(d.startswith(g.rstrip("*")) for d in days)]  # fmt: skip
    globs = [f"{p.openaq_legacy_uri}/{g}" for g in present]
    raw = spark.read.schema(LEGACY_SCHEMA).json(globs)
    return raw.select(
        "location", "city",
        F.col("coordinates.latitude").alias("latitude"),
        F.col("coordinates.longitude").alias("longitude"),
        F.lower("parameter").alias("parameter"), "unit", "value",
        F.to_timestamp("date.utc").alias("measured_at"),
        # The local day is the station's own calendar day, read from its ISO text, so it does
        # not depend on the Spark session's time zone.
        F.to_date(F.substring("date.local", 1, 10)).alias("local_day"),
    )  # fmt: skip


def read_openaq_archive(spark: SparkSession, p: No2Params) -> DataFrame | None:
    """`<uri>/locationid=N/year=Y/month=MM/*.csv.gz`, pruned by year partitions."""
    if not fs.exists(spark, p.openaq_archive_uri):
        return None
    raw = (
        spark.read.option("header", True).option("basePath", p.openaq_archive_uri)
        .schema(ARCHIVE_SCHEMA).csv(p.openaq_archive_uri)
    )  # fmt: skip
    if "year" not in raw.columns:  # no locationid=/year=/month= folders: not the archive layout
        return None
    raw = raw.where(F.col("year").between(p.start_date.year, p.end_date.year))
    return raw.select(
        "location", F.lit(None).cast("string").alias("city"),
        F.col("lat").alias("latitude"), F.col("lon").alias("longitude"),
        F.lower("parameter").alias("parameter"), F.col("units").alias("unit"), "value",
        F.to_timestamp("datetime").alias("measured_at"),
        F.to_date(F.substring("datetime", 1, 10)).alias("local_day"),
    )  # fmt: skip


def read_gsod(
    spark: SparkSession, gsod_uri: str, start: date, end: date, bbox: tuple[float, ...]
) -> DataFrame | None:
    """`<uri>/{year}/{station}.csv` for the years in range; sentinels -> null."""
    paths = [f"{gsod_uri}/{y}" for y in range(start.year, end.year + 1)]
    paths = [path for path in paths if fs.exists(spark, path)]
    if not paths:
        return None
    raw = spark.read.option("header", True).option("quote", '"').csv(paths)  # all strings
    min_lon, min_lat, max_lon, max_lat = bbox
    lat = F.trim("LATITUDE").cast("double")
    lon = F.trim("LONGITUDE").cast("double")
    day = F.to_date(F.trim("DATE"))
    weather = raw.where(
        lat.between(min_lat, max_lat) & lon.between(min_lon, max_lon) & day.between(start, end)
    )
    columns = [F.trim("STATION").alias("station"), day.alias("day")]
    for source, (name, sentinel) in GSOD_FIELDS.items():
        value = F.trim(source).cast("double")
        columns.append(F.when(value == F.lit(sentinel), None).otherwise(value).alias(name))
    return weather.select(*columns)
