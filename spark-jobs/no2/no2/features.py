"""Daily features: pollutant target, weather, calendar, lags, with time-aware gap filling.

Leakage rules (the model predicts a day's pollutant from that day's weather):
- The target (`<pollutant>_avg`) is never filled: a day without measurements is dropped from the
  output rather than given an invented label.
- Lagged pollutant values only look back: a missing past day is carried forward from the last
  measured day at most `max_gap_days` earlier, never interpolated from later days.
- Weather on a missing day is interpolated linearly between the nearest measured days before and
  after, only if the gap is at most `max_gap_days`. That uses the next day's weather, which is
  known when training and when scoring a past day, but not for a same-day forecast; such rows are
  flagged `weather_filled` so they can be excluded from forecasting evaluation.

The series is one row per day, so its windows run in one partition (thousands of rows at most).
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from .sources import WEATHER_COLUMNS

LAGS = (1, 2, 7)


def daily_pollutant(air: DataFrame, pollutant: str) -> DataFrame:
    return air.groupBy(F.col("local_day").alias("day")).agg(
        F.avg("value").alias(f"{pollutant}_avg"),
        F.count("value").alias(f"{pollutant}_hours"),
        F.countDistinct("location").alias(f"{pollutant}_locations"),
    )


def daily_weather(weather: DataFrame) -> DataFrame:
    """Mean over the stations in the area (the sample averaged its bounding box the same way)."""
    return weather.groupBy("day").agg(
        *[F.avg(c).alias(c) for c in WEATHER_COLUMNS],
        F.countDistinct("station").alias("weather_stations"),
    )


def _interpolated(column: str, max_gap_days: int) -> Column:
    ordered = Window.orderBy("day")
    before = ordered.rowsBetween(Window.unboundedPreceding, 0)
    after = ordered.rowsBetween(0, Window.unboundedFollowing)
    known_day = F.when(F.col(column).isNotNull(), F.col("day"))
    prev_value = F.last(column, ignorenulls=True).over(before)
    prev_day = F.last(known_day, ignorenulls=True).over(before)
    next_value = F.first(column, ignorenulls=True).over(after)
    next_day = F.first(known_day, ignorenulls=True).over(after)
    span = F.datediff(next_day, prev_day)
    share = F.datediff(F.col("day"), prev_day) / span
    filled = prev_value + (next_value - prev_value) * share
    # span - 1 missing days lie between the two measured days
    return (
        F.when(F.col(column).isNotNull(), F.col(column))
        .when(span - 1 <= max_gap_days, filled)
        .alias(column)
    )


def _carried_forward(column: str, max_gap_days: int) -> Column:
    before = Window.orderBy("day").rowsBetween(Window.unboundedPreceding, 0)
    last_value = F.last(column, ignorenulls=True).over(before)
    last_day = F.last(F.when(F.col(column).isNotNull(), F.col("day")), ignorenulls=True).over(
        before
    )
    return F.when(F.datediff(F.col("day"), last_day) <= max_gap_days, last_value)


def build_features(
    spark, air: DataFrame, weather: DataFrame, pollutant: str, start, end, max_gap_days: int
) -> DataFrame:
    target = f"{pollutant}_avg"
    days = spark.sql(
        f"SELECT explode(sequence(DATE'{start.isoformat()}', DATE'{end.isoformat()}')) AS day"
    )
    joined = days.join(daily_pollutant(air, pollutant), "day", "left").join(
        daily_weather(weather), "day", "left"
    )
    missing_weather = F.col("temp_avg").isNull() & F.col("wind_avg").isNull()
    filled = joined.select(
        "*",
        missing_weather.alias("weather_filled"),
        _carried_forward(target, max_gap_days).alias("_past_target"),
    )
    filled = filled.select(
        *[c for c in filled.columns if c not in WEATHER_COLUMNS],
        *[_interpolated(c, max_gap_days) for c in WEATHER_COLUMNS],
    )
    ordered = Window.orderBy("day")
    lags = [F.lag("_past_target", k).over(ordered).alias(f"{pollutant}_lag_{k}") for k in LAGS]
    featured = filled.select(
        "*",
        F.year("day").alias("year"),
        F.month("day").alias("month"),
        F.dayofweek("day").alias("day_of_week"),  # 1 = Sunday ... 7 = Saturday
        F.dayofyear("day").alias("day_of_year"),
        *lags,
    )
    # The calendar spine makes row offsets equal day offsets; only then drop unlabelled days.
    columns = [
        "day", "year", "month", "day_of_week", "day_of_year", target, f"{pollutant}_hours",
        f"{pollutant}_locations", *WEATHER_COLUMNS, "weather_stations", "weather_filled",
        *[f"{pollutant}_lag_{k}" for k in LAGS],
    ]  # fmt: skip
    return featured.where(F.col(target).isNotNull()).select(*columns)
