"""`LakeFormationSandbox`: answers the catalog reads moto lacks and governs the seeded tables."""

from __future__ import annotations

import json
import logging
import threading
import time

from ..datasets.catalog import BUCKET
from ..datasets.component import DatasetSeed
from .data_filters import DataCellsFilters
from .glue_listing import GlueCatalogReads
from .governance import ADMIN_ROLE_NAME, apply_governance
from .lf_answers import LakeFormationReads
from .prepared import write_prepared_table

log = logging.getLogger(__name__)


class LakeFormationSandbox:
    """Sandbox component 'lake-formation'.

    Its reads are registered at once. The governance seed waits for `datasets` (its tables are
    what gets governed), so it runs in a background thread: the sandbox starts without waiting,
    and whoever needs the grants calls `wait_until_ready()`.
    """

    name = "lake-formation"

    def __init__(self, datasets: DatasetSeed, seed: bool = True) -> None:
        self.datasets = datasets
        self.seed = seed
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    def install(self, sandbox) -> None:
        GlueCatalogReads(sandbox.account_id).install(sandbox.registry)
        LakeFormationReads(sandbox.account_id).install(sandbox.registry)
        DataCellsFilters(sandbox.account_id).install(sandbox.registry)
        if not self.seed:
            self._ready.set()
            return
        self._thread = threading.Thread(
            target=self._seed, args=(sandbox,), name="sandbox-lake-formation", daemon=True
        )
        self._thread.start()

    def wait_until_ready(self, timeout: float = 180.0) -> None:
        if not self._ready.wait(timeout):
            raise TimeoutError(f"Lake Formation was not seeded within {timeout:.0f} s")
        if self.error is not None:
            raise RuntimeError(f"Seeding Lake Formation failed: {self.error}") from self.error

    def _seed(self, sandbox) -> None:
        started = time.monotonic()
        try:
            self.datasets.wait_until_ready()
            write_prepared_table(sandbox, _object_writer(sandbox))
            _create_admin_role(sandbox)
            apply_governance(sandbox)
            log.info(
                "Seeded Lake Formation grants and LF-tags in %.1f s", time.monotonic() - started
            )
        except BaseException as error:  # reported by wait_until_ready
            self.error = error
            log.exception("Seeding Lake Formation failed")
        finally:
            self._ready.set()

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.join(timeout=10)


def _create_admin_role(sandbox) -> None:
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": sandbox.account_id},
                       "Action": "sts:AssumeRole"}],
    }  # fmt: skip
    iam = sandbox.client("iam")
    try:
        iam.create_role(RoleName=ADMIN_ROLE_NAME, AssumeRolePolicyDocument=json.dumps(trust))
    except iam.exceptions.EntityAlreadyExistsException:
        pass


def _object_writer(sandbox):
    """put(key, body) into the open-data bucket: moto's backend directly (fast), else S3 puts."""
    try:
        from moto.s3.models import s3_backends

        backend = s3_backends[sandbox.account_id]["global"]
        backend.get_bucket(BUCKET)
        return lambda key, body: backend.put_object(BUCKET, key, body)
    except Exception:
        s3 = sandbox.client("s3")
        return lambda key, body: s3.put_object(Bucket=BUCKET, Key=key, Body=body)
