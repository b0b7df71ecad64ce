"""Glue Data Catalog entries over the raw seeded data (database `open_data`).

The table definitions follow how these public datasets are usually catalogued for Athena/Glue
(JSON SerDe for OpenAQ realtime, OpenCSVSerde for quoted GSOD CSV, header-skipping CSV tables).
"""

from __future__ import annotations

BUCKET = "sandbox-open-data"
RAW_DATABASE = "open_data"
PREPARED_DATABASE = "air_quality"  # the NO2 job registers its prepared features here

JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe"
CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde"
LAZY_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat"
TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"


def _columns(spec: str) -> list[dict[str, str]]:
    """'name type, name type' -> Glue columns (types may contain commas inside <>)."""
    columns, depth, current = [], 0, ""
    for char in spec + ",":
        depth += char == "<"
        depth -= char == ">"
        if char == "," and depth == 0:
            name, kind = current.strip().split(" ", 1)
            columns.append({"Name": name, "Type": kind.strip()})
            current = ""
        else:
            current += char
    return columns


def _table(name, prefix, columns, serde, serde_params=None, partitions="", props=None, doc=""):
    return {
        "Name": name,
        "Description": doc,
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"EXTERNAL": "TRUE", **(props or {})},
        "PartitionKeys": _columns(partitions) if partitions else [],
        "StorageDescriptor": {
            "Columns": _columns(columns),
            "Location": f"s3://{BUCKET}/{prefix}/",
            "InputFormat": TEXT_INPUT,
            "OutputFormat": TEXT_OUTPUT,
            "SerdeInfo": {"SerializationLibrary": serde, "Parameters": serde_params or {}},
        },
    }


CSV_HEADER = {"skip.header.line.count": "1", "classification": "csv"}

RAW_TABLES = [
    _table(
        "openaq_realtime", "openaq-fetches/realtime-gzipped",
        "date struct<utc:string,local:string>, parameter string, location string, value double, "
        "unit string, city string, attribution array<struct<name:string,url:string>>, "
        "averagingperiod struct<unit:string,value:double>, "
        "coordinates struct<latitude:double,longitude:double>, country string, "
        "sourcename string, sourcetype string, mobile boolean",
        JSON_SERDE, props={"classification": "json", "compressionType": "gzip"},
        doc="OpenAQ legacy realtime NDJSON (AQEval aq.data re-expressed; see datasets README)",
    ),
    _table(
        "openaq_archive", "openaq-data-archive/records/csv.gz",
        "location_id bigint, sensors_id bigint, location string, datetime string, lat double, "
        "lon double, parameter string, units string, value double",
        LAZY_SERDE, {"field.delim": ","}, partitions="locationid string, year string, month string",
        props={**CSV_HEADER, "compressionType": "gzip"},
        doc="OpenAQ archive CSV (AQEval aq.data re-expressed; see datasets README)",
    ),
    _table(
        "noaa_gsod", "noaa-gsod-pds",
        ", ".join(f"{c.lower()} string" for c in (
            "STATION DATE LATITUDE LONGITUDE ELEVATION NAME TEMP TEMP_ATTRIBUTES DEWP "
            "DEWP_ATTRIBUTES SLP SLP_ATTRIBUTES STP STP_ATTRIBUTES VISIB VISIB_ATTRIBUTES WDSP "
            "WDSP_ATTRIBUTES MXSPD GUST MAX MAX_ATTRIBUTES MIN MIN_ATTRIBUTES PRCP "
            "PRCP_ATTRIBUTES SNDP FRSHTT").split()),
        CSV_SERDE, {"separatorChar": ",", "quoteChar": '"'}, props=CSV_HEADER,
        doc="NOAA GSOD daily CSV built from aq.data's met columns; sentinels mark missing values",
    ),
    _table(
        "usgs_earthquakes", "usgs-earthquakes/summary/all_week",
        "type string, metadata struct<generated:bigint,url:string,title:string,count:int>, "
        "features array<struct<id:string,properties:struct<mag:double,place:string,time:bigint>,"
        "geometry:struct<coordinates:array<double>>>>",
        JSON_SERDE, props={"classification": "json"},
        doc="USGS all_week GeoJSON feed snapshot (one FeatureCollection per file)",
    ),
    _table(
        "uci_bank_marketing", "uci-bank-marketing",
        "age int, job string, marital string, education string, default string, balance int, "
        "housing string, loan string, contact string, day int, month string, duration int, "
        "campaign int, pdays int, previous int, poutcome string, y string",
        CSV_SERDE, {"separatorChar": ";", "quoteChar": '"'}, props=CSV_HEADER,
        doc="UCI bank marketing (10% sample, bank.csv)",
    ),
    _table(
        "uci_car_evaluation", "uci-car-evaluation",
        "buying string, maint string, doors string, persons string, lug_boot string, "
        "safety string, class string",
        LAZY_SERDE, {"field.delim": ","}, props={"classification": "csv"},
        doc="UCI car evaluation (car.data, no header)",
    ),
    _table(
        "creditcard_fraud_substitute", "creditcard-fraud-substitute",
        "time double, " + ", ".join(f"v{i} double" for i in range(1, 29))
        + ", amount double, class int",
        LAZY_SERDE, {"field.delim": ","}, props=CSV_HEADER,
        doc="SUBSTITUTE: Statlog German credit in Kaggle creditcard.csv's schema (see README)",
    ),
]  # fmt: skip


def archive_partitions(keys: list[str]) -> list[dict]:
    """One Glue partition per locationid/year/month folder among the uploaded archive keys."""
    table = next(t for t in RAW_TABLES if t["Name"] == "openaq_archive")
    folders = sorted({key.rsplit("/", 1)[0] for key in keys if "locationid=" in key})
    partitions = []
    for folder in folders:
        values = [part.split("=", 1)[1] for part in folder.split("/") if "=" in part]
        descriptor = {**table["StorageDescriptor"], "Location": f"s3://{BUCKET}/{folder}/"}
        partitions.append({"Values": values, "StorageDescriptor": descriptor})
    return partitions
