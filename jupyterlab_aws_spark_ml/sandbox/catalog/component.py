"""`LakeFormationSandbox`: answers the catalog reads moto lacks and governs the seeded tables."""

from __future__ import annotations

import json
import logging
import time

from ..datasets.catalog import BUCKET
from ..datasets.component import DatasetSeed
from ..seeding import BackgroundSeed, object_writer
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
        self.seeding = BackgroundSeed("Lake Formation")

    def install(self, sandbox) -> None:
        for reads in (GlueCatalogReads, LakeFormationReads, DataCellsFilters):
            sandbox.registry.add_all(reads(sandbox.account_id))
        if self.seed:
            self.seeding.start(lambda: self._seed(sandbox), "sandbox-lake-formation")
        else:
            self.seeding.skip()

    def wait_until_ready(self, timeout: float = 180.0) -> None:
        self.seeding.wait_until_ready(timeout)

    def _seed(self, sandbox) -> None:
        started = time.monotonic()
        self.datasets.wait_until_ready()
        write_prepared_table(sandbox, object_writer(sandbox, BUCKET))
        _create_admin_role(sandbox)
        apply_governance(sandbox)
        log.info("Seeded Lake Formation grants and LF-tags in %.1f s", time.monotonic() - started)

    def stop(self) -> None:
        self.seeding.join()


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
