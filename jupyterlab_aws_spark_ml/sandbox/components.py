"""The one place the sandbox's components are made and handed their collaborators.

Each component gets what it works with in its constructor (compute and Glue statements get the
Livy engine, Lake Formation gets the datasets it governs), so none looks another up, and a
feature package imports only what it uses.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields

from .catalog.component import LakeFormationSandbox
from .compute.clock import LifecycleClock
from .compute.emr_clusters import EmrClusters
from .compute.glue_sessions import GlueSessions
from .datasets.component import DatasetSeed
from .engines.glue_statements import GlueStatements
from .engines.livy import LivyEngine
from .ml.endpoints.component import EndpointsComponent
from .ml.training.component import TrainingComponent


@dataclass
class SandboxParts:
    """Every component, in start order; None for one left out."""

    # Engines first: compute lifecycles start Livy while a cluster boots.
    livy: LivyEngine | None
    glue_statements: GlueStatements | None
    clock: LifecycleClock | None
    emr_clusters: EmrClusters | None
    glue_sessions: GlueSessions | None
    training: TrainingComponent | None
    endpoints: EndpointsComponent | None
    datasets: DatasetSeed | None
    lake_formation: LakeFormationSandbox | None  # after datasets: it governs their tables

    def in_start_order(self) -> list:
        return [part for f in fields(self) if (part := getattr(self, f.name)) is not None]


# What a component cannot work without (compute without 'livy' becomes ready with no engine).
NEEDS = {
    "glue-statements": "livy",
    "emr-clusters": "compute-clock",
    "glue-sessions": "compute-clock",
    "lake-formation": "datasets",
}


def wire(names: Collection[str] | None = None) -> SandboxParts:
    """The sandbox's components: all, or those whose `name` is in `names`."""
    for name, needed in NEEDS.items():
        if names is not None and name in names and needed not in names:
            raise ValueError(f"The sandbox component {name!r} needs {needed!r}: start both")

    def wanted(name: str) -> bool:
        return names is None or name in names

    livy = LivyEngine() if wanted("livy") else None
    clock = LifecycleClock() if wanted("compute-clock") else None
    datasets = DatasetSeed() if wanted("datasets") else None
    return SandboxParts(
        livy=livy,
        glue_statements=GlueStatements(livy) if livy and wanted("glue-statements") else None,
        clock=clock,
        emr_clusters=EmrClusters(clock, livy) if clock and wanted("emr-clusters") else None,
        glue_sessions=GlueSessions(clock, livy) if clock and wanted("glue-sessions") else None,
        training=TrainingComponent() if wanted("training") else None,
        endpoints=EndpointsComponent() if wanted("endpoints") else None,
        datasets=datasets,
        lake_formation=LakeFormationSandbox(datasets) if wanted("lake-formation") else None,
    )
