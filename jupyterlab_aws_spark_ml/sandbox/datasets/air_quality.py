"""The shipped real NO2 + weather series, rewritten into the layouts of the real public buckets.

Source: AQEval's `aq.data` (hourly NO2 at a UK roadside site and a nearby background site, plus
local wind speed, wind direction and air temperature, 2001-2003; see data/README.md). At seed time
it becomes, byte for byte in the formats the real jobs read:

- OpenAQ legacy  `openaq-fetches/realtime-gzipped/YYYY-MM-DD/<unix>.ndjson.gz` (one JSON record a
  line: location, city, country, parameter, value, unit, date{utc,local}, coordinates, ...)
- OpenAQ archive `openaq-data-archive/records/csv.gz/locationid=N/year=Y/month=MM/
  location-N-YYYYMMDD.csv.gz` (location_id, sensors_id, location, datetime, lat, lon, parameter,
  units, value)
- NOAA GSOD      `noaa-gsod-pds/{year}/{station}.csv` (daily summaries in GSOD's units, with its
  9999.9 / 999.9 / 99.99 "missing" sentinels wherever the source has no measurement)

Everything here is plain Python returning {key: bytes}, so tests and benches can write the same
layout to a local folder instead of S3.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .files import load_aq_data

CITY = "aqeval-uk"
COUNTRY = "GB"
LOCAL_TZ = "Europe/London"
LEGACY_PREFIX = "openaq-fetches/realtime-gzipped"
ARCHIVE_PREFIX = "openaq-data-archive/records/csv.gz"
GSOD_PREFIX = "noaa-gsod-pds"
ARCHIVE_COLUMNS = [
    "location_id", "sensors_id", "location", "datetime", "lat", "lon", "parameter", "units",
    "value",
]  # fmt: skip
GSOD_COLUMNS = [
    "STATION", "DATE", "LATITUDE", "LONGITUDE", "ELEVATION", "NAME", "TEMP", "TEMP_ATTRIBUTES",
    "DEWP", "DEWP_ATTRIBUTES", "SLP", "SLP_ATTRIBUTES", "STP", "STP_ATTRIBUTES", "VISIB",
    "VISIB_ATTRIBUTES", "WDSP", "WDSP_ATTRIBUTES", "MXSPD", "GUST", "MAX", "MAX_ATTRIBUTES",
    "MIN", "MIN_ATTRIBUTES", "PRCP", "PRCP_ATTRIBUTES", "SNDP", "FRSHTT",
]  # fmt: skip
KNOTS_PER_METRE_PER_SECOND = 1.943844


@dataclass(frozen=True)
class Site:
    """An OpenAQ location. The package does not name its sites: ids and coordinates are ours."""

    location_id: int
    sensor_id: int
    name: str
    column: str  # the aq.data column holding this site's NO2
    latitude: float
    longitude: float


SITES = (
    Site(9000001, 90000011, "AQEval sample roadside site", "no2", 53.8008, -1.5491),
    Site(9000002, 90000021, "AQEval sample background site", "bg.no2", 53.8190, -1.5760),
)
WEATHER_STATION = "99999900001"  # GSOD's "unknown USAF" 999999 + our WBAN: not a real station
WEATHER_STATION_NAME = "AQEVAL SAMPLE SITE MET, UK"
WEATHER_LATLON = (53.8008, -1.5491)


def hourly_frame(copies: int = 1):
    """aq.data with UTC and local timestamps; `copies` > 1 repeats it as extra sites (benches)."""
    import pandas as pd

    frame = load_aq_data()
    frame["utc"] = pd.to_datetime(frame["date"]).dt.tz_localize("UTC")
    frame["local"] = frame["utc"].dt.tz_convert(LOCAL_TZ)
    frame["day"] = frame["local"].dt.strftime("%Y-%m-%d")
    sites = list(SITES)
    for copy in range(1, copies):  # same readings, other ids: only the volume changes
        for site in SITES:
            sites.append(
                replace(
                    site,
                    location_id=site.location_id + 1000 * copy,
                    sensor_id=site.sensor_id + 10000 * copy,
                    name=f"{site.name} copy {copy}",
                )
            )
    return frame, sites


def _gzip(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), compresslevel=5, mtime=0)


def _iso_local(ts) -> str:
    return ts.isoformat()  # e.g. 2001-06-01T01:00:00+01:00, as OpenAQ writes local times


def openaq_legacy_objects(frame, sites) -> Iterator[tuple[str, bytes]]:
    """One realtime 'fetch' file per day holding every site's records for that day."""
    for day, rows in frame.groupby("day", sort=True):
        lines = []
        for row in rows.itertuples(index=False):
            utc = row.utc.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            local = _iso_local(row.local)
            for site in sites:
                value = getattr(row, site.column.replace(".", "_"))
                if value != value:  # NaN: OpenAQ simply has no record for that hour
                    continue
                record = {
                    "date": {"utc": utc, "local": local},
                    "parameter": "no2",
                    "location": site.name,
                    "value": round(float(value), 4),
                    "unit": "µg/m³",
                    "city": CITY,
                    "attribution": [{"name": "AQEval aq.data (Ropkins & Tate)"}],
                    "averagingPeriod": {"unit": "hours", "value": 1},
                    "coordinates": {"latitude": site.latitude, "longitude": site.longitude},
                    "country": COUNTRY,
                    "sourceName": "aqeval-sample",
                    "sourceType": "research",
                    "mobile": False,
                }
                lines.append(json.dumps(record, ensure_ascii=False))
        if lines:
            fetched_at = int(rows["utc"].max().timestamp())
            yield f"{LEGACY_PREFIX}/{day}/{fetched_at}.ndjson.gz", _gzip("\n".join(lines) + "\n")


def openaq_archive_objects(frame, sites) -> Iterator[tuple[str, bytes]]:
    """One CSV per location per day, partitioned locationid=/year=/month= as the archive is."""
    for day, rows in frame.groupby("day", sort=True):
        year, month, dd = day.split("-")
        for site in sites:
            values = rows[site.column]
            buffer = io.StringIO()
            writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            writer.writerow(ARCHIVE_COLUMNS)
            count = 0
            for local, value in zip(rows["local"], values, strict=True):
                if value != value:
                    continue
                writer.writerow(
                    [site.location_id, site.sensor_id, site.name, _iso_local(local),
                     site.latitude, site.longitude, "no2", "µg/m³", round(float(value), 4)]
                )  # fmt: skip
                count += 1
            if count:
                key = (
                    f"{ARCHIVE_PREFIX}/locationid={site.location_id}/year={year}/month={month}/"
                    f"location-{site.location_id}-{year}{month}{dd}.csv.gz"
                )
                yield key, _gzip(buffer.getvalue())


def _gsod_number(value, width: int, digits: int, sentinel: str) -> str:
    if value is None or value != value:
        return sentinel
    return f"{value:{width}.{digits}f}"


def gsod_objects(frame) -> Iterator[tuple[str, bytes]]:
    """Daily GSOD rows from the hourly met data: mean/max/min temperature, mean/max wind.

    GSOD's units: Fahrenheit and knots. aq.data has no pressure, dew point, visibility, gust,
    precipitation or snow depth, so those carry GSOD's own missing-value sentinels.
    """
    hourly = frame.assign(
        temp_f=frame["air_temp"] * 9 / 5 + 32, wind_kn=frame["ws"] * KNOTS_PER_METRE_PER_SECOND
    )
    daily = hourly.groupby("day", sort=True).agg(
        temp=("temp_f", "mean"), temp_n=("temp_f", "count"), tmax=("temp_f", "max"),
        tmin=("temp_f", "min"), wdsp=("wind_kn", "mean"), wdsp_n=("wind_kn", "count"),
        mxspd=("wind_kn", "max"),
    )  # fmt: skip
    lat, lon = WEATHER_LATLON
    by_year: dict[str, list[list[str]]] = {}
    for day, row in daily.iterrows():
        by_year.setdefault(day[:4], []).append(
            [
                WEATHER_STATION, day, f"{lat:.4f}", f"{lon:.4f}", "", WEATHER_STATION_NAME,
                _gsod_number(row.temp, 6, 1, "9999.9"), f"{int(row.temp_n):2d}",
                "9999.9", " 0", "9999.9", " 0", "9999.9", " 0", "999.9", " 0",
                _gsod_number(row.wdsp, 5, 1, "999.9"), f"{int(row.wdsp_n):2d}",
                _gsod_number(row.mxspd, 5, 1, "999.9"), "999.9",
                _gsod_number(row.tmax, 6, 1, "9999.9"), "*",
                _gsod_number(row.tmin, 6, 1, "9999.9"), "*",
                "99.99", " ", "999.9", "000000",
            ]
        )  # fmt: skip
    for year, rows in sorted(by_year.items()):
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(GSOD_COLUMNS)
        writer.writerows(rows)
        yield f"{GSOD_PREFIX}/{year}/{WEATHER_STATION}.csv", buffer.getvalue().encode("utf-8")


def air_quality_objects(
    copies: int = 1, start: str | None = None, end: str | None = None
) -> Iterator[tuple[str, bytes]]:
    """Every raw object of the NO2 workload; `start`/`end` (YYYY-MM-DD) cut a smaller slice."""
    frame, sites = hourly_frame(copies)
    if start:
        frame = frame[frame["day"] >= start]
    if end:
        frame = frame[frame["day"] <= end]
    frame = frame.rename(columns={"bg.no2": "bg_no2"}).assign(**{"bg.no2": lambda f: f["bg_no2"]})
    yield from openaq_legacy_objects(frame, sites)
    yield from openaq_archive_objects(frame, sites)
    yield from gsod_objects(frame)
