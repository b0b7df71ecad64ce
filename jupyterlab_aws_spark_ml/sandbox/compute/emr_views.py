"""What EMR's read operations should say about a sandbox cluster, where moto's answer falls short.

moto keeps the state and timestamps (the lifecycle writes them into its objects, so its own
ListClusters filters and paging stay right); these functions correct the rest of its answer:
state change reasons with their Code, the primary node's address, the collection type and the
application names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .answers import epoch
from .emr_fleets import InstanceFleet

# Every sandbox node is this machine: the sandbox Livy listens here (port in the environment
# variable AWS_SPARK_ML_LIVY_PORT), so the primary node's address is the loopback address.
SANDBOX_HOST = "127.0.0.1"

# An instance group follows its cluster: cluster state -> group state.
GROUP_STATE_FOR_CLUSTER = {
    "STARTING": "PROVISIONING",
    "BOOTSTRAPPING": "BOOTSTRAPPING",
    "RUNNING": "RUNNING",
    "WAITING": "RUNNING",
    "TERMINATING": "TERMINATING",
    "TERMINATED": "ENDED",
    "TERMINATED_WITH_ERRORS": "ENDED",
}
# ...and an instance follows its group.
INSTANCE_STATE_FOR_GROUP = {
    "PROVISIONING": "PROVISIONING",
    "BOOTSTRAPPING": "BOOTSTRAPPING",
    "RUNNING": "RUNNING",
    "TERMINATING": "RUNNING",
    "ENDED": "TERMINATED",
}
GROUP_ENDED_REASON = {"Code": "CLUSTER_TERMINATED", "Message": "Job flow terminated"}


@dataclass
class ClusterRecord:
    """What the sandbox knows about a cluster beyond moto's object."""

    cluster_id: str
    region: str
    state: str = "STARTING"
    # Status.StateChangeReason: a Message on the way, a Code too once the cluster ends.
    reason: dict = field(default_factory=dict)
    fleets: list[InstanceFleet] = field(default_factory=list)
    applications: list[dict] = field(default_factory=list)
    terminate_after_steps: bool = False
    idle_timeout: int | None = None  # AutoTerminationPolicy.IdleTimeout, seconds
    idle_since: float | None = None  # sandbox clock time it became WAITING
    bootstrap_waited: bool = False  # lifecycle_seconds have passed in BOOTSTRAPPING
    engine_starting: bool = False  # the sandbox Livy is still starting for this cluster

    @property
    def uses_fleets(self) -> bool:
        return bool(self.fleets)

    @property
    def has_primary_node(self) -> bool:
        return self.state != "STARTING"


def correct_cluster(record: ClusterRecord, moto_cluster, cluster: dict) -> None:
    """Fix one `Cluster` of DescribeCluster in place."""
    correct_status(record, moto_cluster, cluster["Status"])
    cluster["InstanceCollectionType"] = "INSTANCE_FLEET" if record.uses_fleets else "INSTANCE_GROUP"
    if record.has_primary_node:
        cluster["MasterPublicDnsName"] = SANDBOX_HOST
    else:  # AWS names the primary node only once it has one
        cluster.pop("MasterPublicDnsName", None)
    if record.applications:
        # moto loses the names of the applications it was asked for.
        cluster["Applications"] = [
            {k: app[k] for k in ("Name", "Version", "Args", "AdditionalInfo") if k in app}
            for app in record.applications
        ]


def correct_status(record: ClusterRecord, moto_cluster, status: dict) -> None:
    # State and timeline again, under our lock: moto read them without it, so it may have caught
    # a cluster half-way through a transition.
    status["State"] = record.state
    status["StateChangeReason"] = dict(record.reason)
    timeline = {
        "CreationDateTime": epoch(moto_cluster.creation_datetime),
        "ReadyDateTime": epoch(moto_cluster.ready_datetime),
        "EndDateTime": epoch(moto_cluster.end_datetime),
    }
    status["Timeline"] = {key: value for key, value in timeline.items() if value is not None}


def correct_instance_group(record: ClusterRecord, group: dict) -> None:
    # The state again from the record: moto reads its objects without our lock, so a group could
    # otherwise be caught half-way through a transition.
    status = group["Status"]
    status["State"] = GROUP_STATE_FOR_CLUSTER[record.state]
    # moto says USER_REQUEST for every group, even a running one.
    status["StateChangeReason"] = dict(GROUP_ENDED_REASON) if status["State"] == "ENDED" else {}


def correct_instance(record: ClusterRecord, instance: dict, primary_group_id: str | None) -> None:
    instance["Status"]["State"] = INSTANCE_STATE_FOR_GROUP[GROUP_STATE_FOR_CLUSTER[record.state]]
    if instance.get("InstanceGroupId") != primary_group_id:
        return
    for key in ("PublicDnsName", "PrivateDnsName", "PublicIpAddress", "PrivateIpAddress"):
        if record.has_primary_node:
            instance[key] = SANDBOX_HOST
        else:
            instance.pop(key, None)
