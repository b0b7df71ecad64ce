"""`DatasetSeed`: uploads the shipped real data into the sandbox S3 and catalogs it in Glue."""

from __future__ import annotations

import logging
import threading
import time
from itertools import chain

from ..seeding import BackgroundSeed, object_writer
from .air_quality import air_quality_objects
from .catalog import BUCKET, PREPARED_DATABASE, RAW_DATABASE, RAW_TABLES, archive_partitions
from .other_sources import other_objects

log = logging.getLogger(__name__)
GLUE_PARTITION_BATCH = 100  # BatchCreatePartition's limit


class DatasetSeed:
    """Sandbox component 'datasets': raw public-data layouts in `s3://sandbox-open-data/`.

    The ~3,200 objects are written in a background thread straight into moto's in-process S3
    backend (HTTP puts take ~30 s; this takes a few), so the sandbox starts without waiting.
    Whoever needs the data calls `wait_until_ready()`.
    """

    name = "datasets"

    def __init__(self, bucket: str = BUCKET) -> None:
        self.bucket = bucket
        self.keys: list[str] = []
        self.seeding = BackgroundSeed("the sandbox datasets")
        self._stopping = threading.Event()

    def install(self, sandbox) -> None:
        sandbox.client("s3").create_bucket(Bucket=self.bucket)
        self.seeding.start(lambda: self._seed(sandbox), "sandbox-datasets")

    def wait_until_ready(self, timeout: float = 120.0) -> None:
        """Block until every object and Glue table exists; re-raise a seeding failure."""
        self.seeding.wait_until_ready(timeout)

    def _seed(self, sandbox) -> None:
        started = time.monotonic()
        put = object_writer(sandbox, self.bucket)
        for key, body in chain(air_quality_objects(), other_objects()):
            if self._stopping.is_set():  # the sandbox is going away: stop quietly
                return
            put(key, body)
            self.keys.append(key)
        self._catalog(sandbox.client("glue"))
        log.info(
            "Seeded %d real-data objects into s3://%s in %.1f s",
            len(self.keys),
            self.bucket,
            time.monotonic() - started,
        )

    def _catalog(self, glue) -> None:
        for name, description in (
            (RAW_DATABASE, "Raw public datasets as laid out in their real buckets (sandbox)"),
            (PREPARED_DATABASE, "Prepared air-quality features written by the NO2 Spark job"),
        ):
            glue.create_database(DatabaseInput={"Name": name, "Description": description})
        for table in RAW_TABLES:
            glue.create_table(DatabaseName=RAW_DATABASE, TableInput=table)
        partitions = archive_partitions(self.keys)
        for start in range(0, len(partitions), GLUE_PARTITION_BATCH):
            glue.batch_create_partition(
                DatabaseName=RAW_DATABASE,
                TableName="openaq_archive",
                PartitionInputList=partitions[start : start + GLUE_PARTITION_BATCH],
            )

    def stop(self) -> None:
        """Ask the seeding thread to stop and give it a moment to do so."""
        self._stopping.set()
        self.seeding.join()
