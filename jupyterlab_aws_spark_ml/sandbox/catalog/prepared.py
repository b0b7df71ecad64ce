"""The prepared NO2 table: the shipped hourly readings, tidied to one row per site and hour,
written as Parquet partitioned by year and catalogued as `air_quality.no2_hourly`.

This is what the NO2 Spark job's first step produces (sources joined, units named), made at seed
time with pandas + pyarrow so every view of the catalog has a real prepared table from the start.
"""

from __future__ import annotations

import io

from ..datasets.air_quality import SITES
from ..datasets.catalog import BUCKET, PREPARED_DATABASE
from ..datasets.files import load_aq_data

TABLE = "no2_hourly"
PREFIX = f"prepared/air-quality/{TABLE}"
PARQUET = {
    "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    "SerdeInfo": {
        "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    },
}
COLUMNS = [
    ("site_id", "bigint", "OpenAQ location id of the measuring site"),
    ("site_name", "string", "Site name as OpenAQ lists it"),
    ("site_type", "string", "roadside or background"),
    ("latitude", "double", "WGS84"),
    ("longitude", "double", "WGS84"),
    ("measured_at", "timestamp", "Start of the hour, UTC"),
    ("no2", "double", "Hourly mean NO2, µg/m³"),
    ("wind_speed", "double", "m/s, at the site's weather station"),
    ("wind_direction", "double", "degrees from north"),
    ("air_temp", "double", "°C"),
]


def no2_hourly_frame():
    """One row per site and hour with a measurement; the weather is the hour's, shared."""
    import pandas as pd

    aq = load_aq_data()
    frames = []
    for site in SITES:
        frames.append(
            pd.DataFrame(
                {
                    "site_id": site.location_id,
                    "site_name": site.name,
                    "site_type": "background" if site.column.startswith("bg") else "roadside",
                    "latitude": site.latitude,
                    "longitude": site.longitude,
                    "measured_at": pd.to_datetime(aq["date"]).dt.tz_localize("UTC"),
                    "no2": aq[site.column],
                    "wind_speed": aq["ws"],
                    "wind_direction": aq["wd"],
                    "air_temp": aq["air_temp"],
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True).dropna(subset=["no2"])
    frame["year"] = frame["measured_at"].dt.year.astype(str)
    return frame.sort_values(["measured_at", "site_id"]).reset_index(drop=True)


def parquet_objects() -> list[tuple[str, bytes]]:
    """(key, bytes) of one Parquet file per year under PREFIX/year=YYYY/."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = no2_hourly_frame()
    objects = []
    for year, rows in frame.groupby("year", sort=True):
        table = pa.Table.from_pandas(rows.drop(columns="year"), preserve_index=False)
        buffer = io.BytesIO()
        # Spark reads microsecond timestamps; pandas would write nanoseconds.
        pq.write_table(table, buffer, coerce_timestamps="us", allow_truncated_timestamps=True)
        objects.append((f"{PREFIX}/year={year}/part-00000.snappy.parquet", buffer.getvalue()))
    return objects


def table_input(years: list[str]) -> dict:
    storage = {
        "Columns": [{"Name": n, "Type": t, "Comment": c} for n, t, c in COLUMNS],
        "Location": f"s3://{BUCKET}/{PREFIX}/",
        **PARQUET,
    }
    return {
        "Name": TABLE,
        "Description": "Hourly NO2 per site with the hour's weather (prepared from the raw feeds)",
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": "parquet", "EXTERNAL": "TRUE", "years": ",".join(years)},
        "PartitionKeys": [{"Name": "year", "Type": "string", "Comment": "UTC year"}],
        "StorageDescriptor": storage,
    }


def write_prepared_table(sandbox, put) -> None:
    """Upload the Parquet files with `put(key, body)` and catalog table + partitions."""
    objects = parquet_objects()
    for key, body in objects:
        put(key, body)
    years = sorted(key.split("year=")[1].split("/")[0] for key, _ in objects)
    glue = sandbox.client("glue")
    try:
        glue.get_database(Name=PREPARED_DATABASE)
    except glue.exceptions.EntityNotFoundException:
        glue.create_database(DatabaseInput={"Name": PREPARED_DATABASE})
    table = table_input(years)
    glue.create_table(DatabaseName=PREPARED_DATABASE, TableInput=table)
    glue.batch_create_partition(
        DatabaseName=PREPARED_DATABASE,
        TableName=TABLE,
        PartitionInputList=[
            {
                "Values": [year],
                "StorageDescriptor": {
                    **table["StorageDescriptor"],
                    "Location": f"s3://{BUCKET}/{PREFIX}/year={year}/",
                },
            }
            for year in years
        ],
    )
