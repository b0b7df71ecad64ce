"""What the NO2 preparation job needs to know, checked before Spark does any work."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import date

from jobcommon.errors import JobInputError, check_uri, require

# OpenAQ's parameter names (lower case as they appear in its records).
POLLUTANTS = ("no2", "pm25", "pm10", "o3", "so2", "co", "bc", "nox", "no")
LAYOUTS = ("legacy", "archive", "auto")
GLUE_NAME = re.compile(r"^[a-z0-9_]{1,255}$")
SANDBOX_BUCKET = "s3a://sandbox-open-data"


@dataclass(frozen=True)
class No2Params:
    start_date: date
    end_date: date
    output_uri: str
    city: str | None = None
    # min_lon, min_lat, max_lon, max_lat (the order the NO2 sample and GeoJSON use)
    bbox: tuple[float, float, float, float] | None = None
    pollutant: str = "no2"
    unit: str | None = None  # needed only when the records mix units (e.g. ppm and µg/m³)
    source_layout: str = "auto"
    openaq_legacy_uri: str = f"{SANDBOX_BUCKET}/openaq-fetches/realtime-gzipped"
    openaq_archive_uri: str = f"{SANDBOX_BUCKET}/openaq-data-archive/records/csv.gz"
    gsod_uri: str = f"{SANDBOX_BUCKET}/noaa-gsod-pds"
    # GSOD stations within this many degrees of the air-quality sites count (city filter only).
    weather_margin_deg: float = 0.5
    max_gap_days: int = 3  # longest run of missing days that is interpolated / carried forward
    glue_database: str | None = None
    glue_table: str | None = None

    def __post_init__(self) -> None:
        validate(self)


def validate(p: No2Params) -> None:
    require(
        isinstance(p.start_date, date) and isinstance(p.end_date, date),
        "start_date", "start_date and end_date must be dates", "use YYYY-MM-DD",
    )  # fmt: skip
    require(
        p.start_date <= p.end_date, "end_date",
        f"{p.end_date} is before start_date {p.start_date}", "swap them or widen the range",
    )  # fmt: skip
    require(
        (p.city is None) != (p.bbox is None), "city",
        "give exactly one of city or bbox" + (" (both were given)" if p.city else ""),
        "pass --city NAME (OpenAQ's city field) or --bbox min_lon,min_lat,max_lon,max_lat",
    )  # fmt: skip
    if p.city is not None:
        require(p.city.strip() != "", "city", "is empty", "pass the city as OpenAQ spells it")
    if p.bbox is not None:
        require(len(p.bbox) == 4, "bbox", "needs 4 numbers", "min_lon,min_lat,max_lon,max_lat")
        min_lon, min_lat, max_lon, max_lat = p.bbox
        require(
            -180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90, "bbox",
            f"{p.bbox} is not min_lon,min_lat,max_lon,max_lat with min < max inside the globe",
            "e.g. the NO2 sample's Boston box -71.191162,42.227087,-70.986022,42.397057",
        )  # fmt: skip
    require(
        p.pollutant in POLLUTANTS, "pollutant",
        f"{p.pollutant!r} is not an OpenAQ parameter", f"use one of {', '.join(POLLUTANTS)}",
    )  # fmt: skip
    require(
        p.source_layout in LAYOUTS, "source_layout",
        f"{p.source_layout!r} is not a known OpenAQ layout", "use legacy, archive or auto",
    )  # fmt: skip
    require(
        not (p.source_layout == "archive" and p.city is not None), "city",
        "the OpenAQ archive CSV has no city column, so it cannot be filtered by city",
        "pass --bbox instead, or --source-layout auto (cities are matched through legacy data)",
    )  # fmt: skip
    require(
        0 <= p.max_gap_days <= 31, "max_gap_days", f"{p.max_gap_days} is outside 0..31",
        "filling longer gaps invents data; 3 is a good default",
    )  # fmt: skip
    require(
        0 < p.weather_margin_deg <= 5, "weather_margin_deg", f"{p.weather_margin_deg} not in (0, 5]",
        "0.5 degrees (~50 km) finds the stations of a city",
    )  # fmt: skip
    check_uri(p.output_uri, "output_uri")
    if p.source_layout in ("legacy", "auto"):
        check_uri(p.openaq_legacy_uri, "openaq_legacy_uri")
    if p.source_layout in ("archive", "auto"):
        check_uri(p.openaq_archive_uri, "openaq_archive_uri")
    check_uri(p.gsod_uri, "gsod_uri")
    require(
        (p.glue_database is None) == (p.glue_table is None), "glue_table",
        "glue_database and glue_table go together", "pass both, or neither to skip registration",
    )  # fmt: skip
    for field in ("glue_database", "glue_table"):
        value = getattr(p, field)
        require(
            value is None or bool(GLUE_NAME.match(value)), field,
            f"{value!r} is not a valid Glue name", "use lower-case letters, digits and _",
        )  # fmt: skip


def _date(field: str):
    def parse(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise JobInputError(field, f"{text!r} is not a date", "use YYYY-MM-DD") from None

    return parse


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        raise JobInputError(
            "bbox", f"{text!r} has a non-number", "min_lon,min_lat,max_lon,max_lat"
        ) from None
    if len(values) != 4:
        raise JobInputError(
            "bbox", f"{text!r} has {len(values)} numbers, not 4", "min_lon,min_lat,max_lon,max_lat"
        )
    return values  # type: ignore[return-value]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit; we want our error type
        raise JobInputError("arguments", message, "see --help for the accepted arguments")


def params_from_args(argv: list[str], allow_unknown: bool = False) -> No2Params:
    parser = _Parser(prog="no2", description="Prepare daily NO2 + weather features")
    add = parser.add_argument

    def option(name: str, **kwargs) -> None:
        # --start-date for people, --start_date for Glue job parameters: both work
        names = [name] + (["--" + name[2:].replace("-", "_")] if "-" in name[2:] else [])
        add(*names, **kwargs)

    parser.add_argument = option  # type: ignore[method-assign]
    parser.add_argument("--start-date", required=True)
    parser.add_argument("--end-date", required=True)
    parser.add_argument("--output-uri", required=True)
    parser.add_argument("--city")
    # Negative numbers look like options to argparse: write --bbox=-71.19,42.22,-70.98,42.39
    parser.add_argument("--bbox", help="min_lon,min_lat,max_lon,max_lat (use --bbox=...)")
    parser.add_argument("--pollutant", default="no2")
    parser.add_argument("--unit")
    parser.add_argument("--source-layout", default="auto")
    parser.add_argument("--openaq-legacy-uri", default=No2Params.openaq_legacy_uri)
    parser.add_argument("--openaq-archive-uri", default=No2Params.openaq_archive_uri)
    parser.add_argument("--gsod-uri", default=No2Params.gsod_uri)
    parser.add_argument("--weather-margin-deg", type=float, default=0.5)
    parser.add_argument("--max-gap-days", type=int, default=3)
    parser.add_argument("--glue-database")
    parser.add_argument("--glue-table")
    if allow_unknown:
        args, _ = parser.parse_known_args(argv)
    else:
        args = parser.parse_args(argv)
    # Converted here, not as argparse types: argparse would swallow our field-naming errors.
    values = vars(args)
    values["start_date"] = _date("start_date")(values["start_date"])
    values["end_date"] = _date("end_date")(values["end_date"])
    values["bbox"] = _bbox(values["bbox"]) if values["bbox"] else None
    return No2Params(**values)
