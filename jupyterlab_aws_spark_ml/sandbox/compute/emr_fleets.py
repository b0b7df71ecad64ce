"""EMR instance fleets, which moto drops from RunJobFlow: kept here from the request itself."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import datetime

from moto.core.utils import utcnow

from .answers import epoch

# A fleet follows its cluster: cluster state -> fleet state.
FLEET_STATE_FOR_CLUSTER = {
    "STARTING": "PROVISIONING",
    "BOOTSTRAPPING": "BOOTSTRAPPING",
    "RUNNING": "RUNNING",
    "WAITING": "RUNNING",
    "TERMINATING": "TERMINATING",
    "TERMINATED": "TERMINATED",
    "TERMINATED_WITH_ERRORS": "TERMINATED",
}

# What ListInstanceGroups / ListInstanceFleets answer when asked about the other kind of cluster.
FLEETS_ON_GROUPS_CLUSTER = (
    "Instance fleets and instance groups are mutually exclusive. The EMR cluster specified in the "
    "request uses instance groups. The ListInstanceFleets operation does not support clusters "
    "that use instance groups. Use the ListInstanceGroups operation instead."
)
GROUPS_ON_FLEETS_CLUSTER = (
    "Instance fleets and instance groups are mutually exclusive. The EMR cluster specified in the "
    "request uses instance fleets. The ListInstanceGroups operation does not support clusters "
    "that use instance fleets. Use the ListInstanceFleets operation instead."
)


def _fleet_id() -> str:
    return "if-" + "".join(random.choices(string.ascii_uppercase + string.digits, k=13))


def _ebs_devices(ebs: dict) -> list[dict]:
    devices = []
    for config in ebs.get("EbsBlockDeviceConfigs", []):
        for _ in range(config.get("VolumesPerInstance", 1)):
            letter = string.ascii_lowercase[1 + len(devices) % 25]
            devices.append(
                {"VolumeSpecification": config["VolumeSpecification"], "Device": f"/dev/sd{letter}"}
            )
    return devices


def _type_specification(config: dict) -> dict:
    spec = {
        "InstanceType": config["InstanceType"],
        "WeightedCapacity": config.get("WeightedCapacity", 1),
    }
    for key in (
        "BidPrice",
        "BidPriceAsPercentageOfOnDemandPrice",
        "Configurations",
        "CustomAmiId",
        "Priority",
    ):
        if key in config:
            spec[key] = config[key]
    if "EbsConfiguration" in config:
        spec["EbsBlockDevices"] = _ebs_devices(config["EbsConfiguration"])
        spec["EbsOptimized"] = config["EbsConfiguration"].get("EbsOptimized", False)
    return spec


@dataclass
class InstanceFleet:
    config: dict  # the InstanceFleetConfig as RunJobFlow received it
    id: str = field(default_factory=_fleet_id)
    state: str = "PROVISIONING"
    created: datetime = field(default_factory=utcnow)
    ready: datetime | None = None
    ended: datetime | None = None

    def follow(self, cluster_state: str) -> None:
        state = FLEET_STATE_FOR_CLUSTER[cluster_state]
        if state == self.state:
            return
        self.state = state
        if state == "RUNNING" and self.ready is None:
            self.ready = utcnow()
        if state == "TERMINATED":
            self.ended = utcnow()

    def describe(self) -> dict:
        running = self.state in ("RUNNING", "RESIZING", "RECONFIGURING")
        on_demand = self.config.get("TargetOnDemandCapacity", 0)
        spot = self.config.get("TargetSpotCapacity", 0)
        reason = (
            {"Code": "CLUSTER_TERMINATED", "Message": "Job flow terminated"}
            if self.state == "TERMINATED"
            else {}
        )
        timeline = {
            "CreationDateTime": epoch(self.created),
            "ReadyDateTime": epoch(self.ready),
            "EndDateTime": epoch(self.ended),
        }
        fleet = {
            "Id": self.id,
            "Name": self.config.get("Name", ""),
            "Status": {
                "State": self.state,
                "StateChangeReason": reason,
                "Timeline": {k: v for k, v in timeline.items() if v is not None},
            },
            "InstanceFleetType": self.config["InstanceFleetType"],
            "TargetOnDemandCapacity": on_demand,
            "TargetSpotCapacity": spot,
            "ProvisionedOnDemandCapacity": on_demand if running else 0,
            "ProvisionedSpotCapacity": spot if running else 0,
            "InstanceTypeSpecifications": [
                _type_specification(c) for c in self.config.get("InstanceTypeConfigs", [])
            ],
        }
        for key in ("LaunchSpecifications", "ResizeSpecifications", "Context"):
            if key in self.config:
                fleet[key] = self.config[key]
        return fleet


def fleets_from_request(run_job_flow_params: dict) -> list[InstanceFleet]:
    configs = run_job_flow_params.get("Instances", {}).get("InstanceFleets") or []
    return [InstanceFleet(config) for config in configs]
