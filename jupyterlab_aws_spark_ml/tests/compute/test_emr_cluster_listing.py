"""Listing EMR clusters and their instance fleets in the sandbox, as the Compute panel does."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .polling import along, run_cluster, watch, watch_cluster

FLEETS = [
    {
        "Name": "Primary",
        "InstanceFleetType": "MASTER",
        "TargetOnDemandCapacity": 1,
        "InstanceTypeConfigs": [{"InstanceType": "m5.xlarge"}],
    },
    {
        "Name": "Core",
        "InstanceFleetType": "CORE",
        "TargetOnDemandCapacity": 2,
        "TargetSpotCapacity": 4,
        "InstanceTypeConfigs": [
            {
                "InstanceType": "m5.2xlarge",
                "WeightedCapacity": 2,
                "BidPriceAsPercentageOfOnDemandPrice": 60,
            },
            {
                "InstanceType": "r5.2xlarge",
                "WeightedCapacity": 2,
                "EbsConfiguration": {
                    "EbsBlockDeviceConfigs": [
                        {
                            "VolumeSpecification": {"VolumeType": "gp3", "SizeInGB": 64},
                            "VolumesPerInstance": 2,
                        }
                    ]
                },
            },
        ],
        "LaunchSpecifications": {
            "SpotSpecification": {
                "TimeoutDurationMinutes": 20,
                "TimeoutAction": "SWITCH_TO_ON_DEMAND",
            }
        },
    },
]


def listed_ids(emr, **filters) -> list[str]:
    pages = emr.get_paginator("list_clusters").paginate(**filters)
    return [c["Id"] for page in pages for c in page["Clusters"]]


def test_cluster_states_filter_what_is_listed(emr):
    live = run_cluster(emr, "live")
    assert live in listed_ids(emr, ClusterStates=["STARTING", "BOOTSTRAPPING"])
    ended = run_cluster(emr, "ended")
    emr.terminate_job_flows(JobFlowIds=[ended])

    watch_cluster(emr, live, "WAITING")
    watch_cluster(emr, ended, "TERMINATED")

    active = listed_ids(emr, ClusterStates=["RUNNING", "WAITING"])  # what the Compute panel lists
    assert live in active and ended not in active
    assert ended in listed_ids(emr, ClusterStates=["TERMINATED"])
    assert live not in listed_ids(emr, ClusterStates=["STARTING", "BOOTSTRAPPING"])
    summary = next(
        c for c in emr.list_clusters(ClusterStates=["TERMINATED"])["Clusters"] if c["Id"] == ended
    )
    assert summary["Status"]["StateChangeReason"] == {
        "Code": "USER_REQUEST",
        "Message": "Terminated by user request",
    }


def test_sixty_clusters_come_in_pages_joined_by_marker(emr):
    created = {
        run_cluster(
            emr, f"many-{n}", Instances={"MasterInstanceType": "m5.xlarge", "InstanceCount": 1}
        )
        for n in range(60)
    }

    first = emr.list_clusters()
    pages, marker = [first["Clusters"]], first.get("Marker")
    while marker:
        page = emr.list_clusters(Marker=marker)
        pages.append(page["Clusters"])
        marker = page.get("Marker")

    listed = [c["Id"] for page in pages for c in page]
    assert len(pages[0]) == 50 and len(pages) >= 2  # EMR's page size
    assert len(listed) == len(set(listed))  # no cluster twice
    assert created <= set(listed)
    assert created <= set(listed_ids(emr))  # boto3's paginator follows Marker the same way


def test_a_fleet_cluster_lists_its_fleets_and_they_follow_the_cluster(emr):
    cluster_id = run_cluster(emr, "fleets", Instances={"InstanceFleets": FLEETS})

    def fleet_states():
        fleets = emr.list_instance_fleets(ClusterId=cluster_id)["InstanceFleets"]
        return tuple(f["Status"]["State"] for f in fleets)

    seen = watch(fleet_states, lambda s: s == ("RUNNING", "RUNNING"))
    assert along(seen, [("PROVISIONING",) * 2, ("BOOTSTRAPPING",) * 2, ("RUNNING",) * 2])
    primary, core = emr.list_instance_fleets(ClusterId=cluster_id)["InstanceFleets"]
    assert primary["Id"].startswith("if-") and primary["InstanceFleetType"] == "MASTER"
    assert (core["ProvisionedOnDemandCapacity"], core["ProvisionedSpotCapacity"]) == (2, 4)
    assert [s["InstanceType"] for s in core["InstanceTypeSpecifications"]] == [
        "m5.2xlarge",
        "r5.2xlarge",
    ]
    assert len(core["InstanceTypeSpecifications"][1]["EbsBlockDevices"]) == 2
    assert (
        core["LaunchSpecifications"]["SpotSpecification"]["TimeoutAction"] == "SWITCH_TO_ON_DEMAND"
    )
    assert "ReadyDateTime" in core["Status"]["Timeline"]
    cluster = emr.describe_cluster(ClusterId=cluster_id)["Cluster"]
    assert cluster["InstanceCollectionType"] == "INSTANCE_FLEET"
    assert cluster["MasterPublicDnsName"] == "127.0.0.1"

    emr.terminate_job_flows(JobFlowIds=[cluster_id])
    watch_cluster(emr, cluster_id, "TERMINATED")
    ended = emr.list_instance_fleets(ClusterId=cluster_id)["InstanceFleets"]
    assert {f["Status"]["State"] for f in ended} == {"TERMINATED"}
    assert ended[0]["Status"]["StateChangeReason"]["Code"] == "CLUSTER_TERMINATED"
    assert ended[1]["ProvisionedOnDemandCapacity"] == 0


def test_fleets_and_groups_are_not_mixed_up(emr):
    fleet_cluster = run_cluster(emr, "fleet-kind", Instances={"InstanceFleets": FLEETS})
    group_cluster = run_cluster(emr, "group-kind")

    with pytest.raises(ClientError) as groups_of_fleet_cluster:
        emr.list_instance_groups(ClusterId=fleet_cluster)
    with pytest.raises(ClientError) as fleets_of_group_cluster:
        emr.list_instance_fleets(ClusterId=group_cluster)

    error = groups_of_fleet_cluster.value.response["Error"]
    assert error["Code"] == "InvalidRequestException"
    assert "Use the ListInstanceFleets operation instead" in error["Message"]
    error = fleets_of_group_cluster.value.response["Error"]
    assert error["Code"] == "InvalidRequestException"
    assert "Use the ListInstanceGroups operation instead" in error["Message"]


def test_fleets_of_an_unknown_cluster_is_an_aws_error(emr):
    with pytest.raises(ClientError, match="Cluster id 'j-NOSUCHCLUSTER' is not valid"):
        emr.list_instance_fleets(ClusterId="j-NOSUCHCLUSTER")


def test_groups_and_fleets_together_are_refused(emr):
    instances = {
        "InstanceFleets": FLEETS,
        "InstanceGroups": [
            {"InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1}
        ],
    }
    with pytest.raises(ClientError, match="either InstanceGroups or InstanceFleets"):
        run_cluster(emr, "both-kinds", Instances=instances)
    assert "both-kinds" not in {
        c["Name"]
        for page in emr.get_paginator("list_clusters").paginate()
        for c in page["Clusters"]
    }
