"""The NO2 job's transformation in plain pandas (legacy OpenAQ layout + GSOD), for comparison.

Same rules as spark-jobs/no2: city filter, de-duplication, negative values dropped, local-day
means, GSOD sentinels -> NaN, stations within the margin, calendar spine, weather interpolated
across gaps of at most `max_gap_days`, target never filled, lags carried forward from the past.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pandas as pd

SENTINELS = {"TEMP": ("temp_avg", 9999.9), "MAX": ("temp_max", 9999.9), "MIN": ("temp_min", 9999.9),
             "DEWP": ("dew_point", 9999.9), "WDSP": ("wind_avg", 999.9), "MXSPD": ("wind_max", 999.9),
             "SLP": ("pressure_sea_level", 9999.9), "STP": ("pressure_station", 9999.9),
             "VISIB": ("visibility", 999.9), "PRCP": ("precipitation", 99.99)}  # fmt: skip
WEATHER = [name for name, _ in SENTINELS.values()]


def read_legacy(root: Path, start: date, end: date) -> pd.DataFrame:
    rows = []
    for day_dir in sorted(root.iterdir()):
        if not (start.isoformat() <= day_dir.name <= end.isoformat()):
            continue
        for path in day_dir.glob("*.ndjson.gz"):
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                for line in handle:
                    r = json.loads(line)
                    rows.append((r["location"], r["city"], r["coordinates"]["latitude"],
                                 r["coordinates"]["longitude"], r["parameter"].lower(), r["unit"],
                                 r["value"], r["date"]["utc"], r["date"]["local"][:10]))  # fmt: skip
    return pd.DataFrame(rows, columns=["location", "city", "latitude", "longitude", "parameter",
                                       "unit", "value", "measured_at", "local_day"])  # fmt: skip


def _fill_short_gaps(series: pd.Series, max_gap: int) -> pd.Series:
    filled = series.interpolate(method="linear", limit_area="inside")
    run_id = series.notna().cumsum()
    run_length = series.isna().groupby(run_id).transform("sum")
    return filled.where(series.notna() | (run_length <= max_gap))


def prepare(legacy_root: Path, gsod_root: Path, city: str, pollutant: str, start: date, end: date,
            margin: float = 0.5, max_gap_days: int = 3) -> pd.DataFrame:  # fmt: skip
    air = read_legacy(legacy_root, start, end)
    air = air[(air["parameter"] == pollutant) & (air["city"].str.lower() == city.lower())]
    air = air.drop_duplicates(["location", "measured_at"])
    air["value"] = air["value"].where(air["value"] >= 0)
    target = f"{pollutant}_avg"
    daily = air.groupby("local_day").agg(
        **{target: ("value", "mean"), f"{pollutant}_hours": ("value", "count"),
           f"{pollutant}_locations": ("location", "nunique")})  # fmt: skip
    box = (air["longitude"].min() - margin, air["latitude"].min() - margin,
           air["longitude"].max() + margin, air["latitude"].max() + margin)  # fmt: skip
    frames = [pd.read_csv(p, dtype=str) for y in range(start.year, end.year + 1)
              for p in (gsod_root / str(y)).glob("*.csv")]  # fmt: skip
    gsod = pd.concat(frames)
    lat, lon = gsod["LATITUDE"].astype(float), gsod["LONGITUDE"].astype(float)
    gsod = gsod[lat.between(box[1], box[3]) & lon.between(box[0], box[2])]
    weather = pd.DataFrame({"day": gsod["DATE"].str.strip(), "station": gsod["STATION"]})
    for source, (name, sentinel) in SENTINELS.items():
        value = gsod[source].str.strip().astype(float)
        weather[name] = value.where(value != sentinel)
    weather = weather[(weather["day"] >= start.isoformat()) & (weather["day"] <= end.isoformat())]
    wdaily = weather.groupby("day").agg(**{c: (c, "mean") for c in WEATHER},
                                        weather_stations=("station", "nunique"))  # fmt: skip
    days = pd.date_range(start, end, freq="D").strftime("%Y-%m-%d")
    out = pd.DataFrame(index=pd.Index(days, name="day")).join(daily).join(wdaily)
    out["weather_filled"] = out["temp_avg"].isna() & out["wind_avg"].isna()
    for column in WEATHER:
        out[column] = _fill_short_gaps(out[column], max_gap_days)
    past = out[target].ffill(limit=max_gap_days)
    for k in (1, 2, 7):
        out[f"{pollutant}_lag_{k}"] = past.shift(k)
    stamp = pd.to_datetime(out.index)
    out["year"], out["month"], out["day_of_year"] = stamp.year, stamp.month, stamp.dayofyear
    out["day_of_week"] = (stamp.dayofweek + 1) % 7 + 1  # Spark's 1 = Sunday
    return out[out[target].notna()].reset_index()
