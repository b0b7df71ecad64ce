"""The seeded real data: every Glue table points at objects that exist, in the real layouts."""

from __future__ import annotations

import csv
import gzip
import io
import json
from urllib.parse import urlsplit

from jupyterlab_aws_spark_ml.sandbox.datasets import air_quality as aq
from jupyterlab_aws_spark_ml.sandbox.datasets.catalog import BUCKET, RAW_DATABASE


def _objects_under(s3, location: str) -> int:
    parts = urlsplit(location)
    page = s3.list_objects_v2(Bucket=parts.netloc, Prefix=parts.path.lstrip("/"), MaxKeys=5)
    return page["KeyCount"]


def test_every_glue_table_and_partition_location_exists(seeded_sandbox):
    glue, s3 = seeded_sandbox.client("glue"), seeded_sandbox.client("s3")
    tables = glue.get_tables(DatabaseName=RAW_DATABASE)["TableList"]
    assert {t["Name"] for t in tables} == {
        "openaq_realtime", "openaq_archive", "noaa_gsod", "usgs_earthquakes",
        "uci_bank_marketing", "uci_car_evaluation", "creditcard_fraud_substitute",
    }  # fmt: skip
    for table in tables:
        assert _objects_under(s3, table["StorageDescriptor"]["Location"]) > 0, table["Name"]
    partitions = glue.get_partitions(DatabaseName=RAW_DATABASE, TableName="openaq_archive")
    assert len(partitions["Partitions"]) == 2 * 36  # two sites x 36 months
    for partition in partitions["Partitions"]:
        assert _objects_under(s3, partition["StorageDescriptor"]["Location"]) > 0
    assert glue.get_database(Name="air_quality")["Database"]["Name"] == "air_quality"


def test_openaq_legacy_records_have_the_realtime_schema(seeded_sandbox):
    s3 = seeded_sandbox.client("s3")
    keys = s3.list_objects_v2(Bucket=BUCKET, Prefix=f"{aq.LEGACY_PREFIX}/2002-07-01/")["Contents"]
    body = s3.get_object(Bucket=BUCKET, Key=keys[0]["Key"])["Body"].read()
    record = json.loads(gzip.decompress(body).decode().splitlines()[0])
    assert {
        "location",
        "city",
        "country",
        "parameter",
        "value",
        "unit",
        "date",
        "coordinates",
    } <= set(record)
    assert record["date"]["local"].startswith("2002-07-01T") and record["date"]["local"].endswith(
        "+01:00"
    )
    assert record["parameter"] == "no2" and record["unit"] == "µg/m³"


def test_archive_and_gsod_files_have_the_real_columns(seeded_sandbox):
    s3 = seeded_sandbox.client("s3")
    key = (f"{aq.ARCHIVE_PREFIX}/locationid=9000001/year=2002/month=07/"
           "location-9000001-20020701.csv.gz")  # fmt: skip
    text = gzip.decompress(s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()).decode()
    assert text.splitlines()[0].split(",") == aq.ARCHIVE_COLUMNS
    gsod = s3.get_object(Bucket=BUCKET, Key=f"{aq.GSOD_PREFIX}/2002/{aq.WEATHER_STATION}.csv")
    rows = list(csv.DictReader(io.StringIO(gsod["Body"].read().decode())))
    assert len(rows) == 365 and list(rows[0]) == aq.GSOD_COLUMNS
    assert {r["SLP"] for r in rows} == {"9999.9"} and {r["VISIB"] for r in rows} == {"999.9"}
    temps = [float(r["TEMP"]) for r in rows if r["TEMP"] != "9999.9"]
    assert 20 < min(temps) and max(temps) < 90  # UK daily means in °F
