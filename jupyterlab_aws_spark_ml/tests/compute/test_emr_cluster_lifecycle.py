"""EMR clusters in the sandbox, as boto3 sees them over time."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError, WaiterError

from .conftest import LIFECYCLE_SECONDS
from .polling import along, observe, run_cluster, step, watch, watch_cluster

FAST_WAITER = {"Delay": 1, "MaxAttempts": 10}


def describe(emr, cluster_id: str) -> dict:
    return emr.describe_cluster(ClusterId=cluster_id)["Cluster"]


def test_a_new_cluster_starts_bootstraps_then_waits_for_work(emr):
    cluster_id = run_cluster(emr, "notebook-cluster")
    first = describe(emr, cluster_id)

    seen = watch_cluster(emr, cluster_id, "WAITING")
    ready = describe(emr, cluster_id)

    assert along(seen, ["STARTING", "BOOTSTRAPPING", "WAITING"])
    assert first["Status"]["StateChangeReason"] == {"Message": "Provisioning Amazon EC2 capacity"}
    assert "ReadyDateTime" not in first["Status"]["Timeline"]
    assert "MasterPublicDnsName" not in first  # no primary node yet
    timeline = ready["Status"]["Timeline"]
    took = (timeline["ReadyDateTime"] - timeline["CreationDateTime"]).total_seconds()
    assert took >= 2 * LIFECYCLE_SECONDS * 0.9
    assert "EndDateTime" not in timeline
    assert ready["Status"]["StateChangeReason"] == {"Message": "Cluster ready to run steps."}
    assert ready["MasterPublicDnsName"] == "127.0.0.1"
    assert ready["InstanceCollectionType"] == "INSTANCE_GROUP"
    assert [app["Name"] for app in ready["Applications"]] == ["Spark", "Livy"]


def test_a_cluster_without_steps_stays_up_even_without_keep_alive(emr):
    # AWS (and moto) would end it at once; a notebook cluster must live until it is terminated.
    instances = {
        "MasterInstanceType": "m5.xlarge",
        "SlaveInstanceType": "m5.xlarge",
        "InstanceCount": 2,
        "KeepJobFlowAliveWhenNoSteps": False,
    }
    cluster_id = run_cluster(emr, "no-steps", Instances=instances)
    watch_cluster(emr, cluster_id, "WAITING")

    later = observe(lambda: describe(emr, cluster_id)["Status"]["State"], 4 * LIFECYCLE_SECONDS)

    assert later == ["WAITING"]
    assert describe(emr, cluster_id)["AutoTerminate"] is False


def test_instance_groups_and_the_primary_node_follow_the_cluster(emr):
    cluster_id = run_cluster(emr, "groups")

    def group_states():
        groups = emr.list_instance_groups(ClusterId=cluster_id)["InstanceGroups"]
        return tuple(sorted({g["Status"]["State"] for g in groups}))

    seen = watch(group_states, lambda s: s == ("RUNNING",))
    assert along(seen, [("PROVISIONING",), ("BOOTSTRAPPING",), ("RUNNING",)])
    instances = emr.list_instances(ClusterId=cluster_id, InstanceGroupTypes=["MASTER"])["Instances"]
    assert [(i["PublicDnsName"], i["PrivateDnsName"]) for i in instances] == [("127.0.0.1",) * 2]
    assert instances[0]["Status"]["State"] == "RUNNING"

    emr.terminate_job_flows(JobFlowIds=[cluster_id])
    watch_cluster(emr, cluster_id, "TERMINATED")
    groups = emr.list_instance_groups(ClusterId=cluster_id)["InstanceGroups"]
    assert {g["Status"]["State"] for g in groups} == {"ENDED"}
    assert groups[0]["Status"]["StateChangeReason"]["Code"] == "CLUSTER_TERMINATED"
    assert all("EndDateTime" in g["Status"]["Timeline"] for g in groups)
    instances = emr.list_instances(ClusterId=cluster_id)["Instances"]
    assert {i["Status"]["State"] for i in instances} == {"TERMINATED"}


def test_steps_run_one_at_a_time_and_the_cluster_runs_while_they_do(emr):
    cluster_id = run_cluster(emr, "steps")
    watch_cluster(emr, cluster_id, "WAITING")
    step_ids = emr.add_job_flow_steps(JobFlowId=cluster_id, Steps=[step("one"), step("two")])[
        "StepIds"
    ]

    def progress():  # the cluster first: once it says WAITING, every step has finished
        state = describe(emr, cluster_id)["Status"]["State"]
        steps = {
            s["Id"]: s["Status"]["State"] for s in emr.list_steps(ClusterId=cluster_id)["Steps"]
        }
        return state, tuple(steps[i] for i in step_ids)

    seen = watch(progress, lambda p: p == ("WAITING", ("COMPLETED", "COMPLETED")))
    one_at_a_time = [("RUNNING", "PENDING"), ("COMPLETED", "RUNNING"), ("COMPLETED", "COMPLETED")]
    assert along([steps for _, steps in seen], one_at_a_time)
    assert all(state == "RUNNING" for state, _ in seen[:-1])
    first = emr.describe_step(ClusterId=cluster_id, StepId=step_ids[0])["Step"]["Status"]
    second = emr.describe_step(ClusterId=cluster_id, StepId=step_ids[1])["Step"]["Status"]
    assert first["Timeline"]["EndDateTime"] <= second["Timeline"]["StartDateTime"]
    reason = describe(emr, cluster_id)["Status"]["StateChangeReason"]
    assert reason == {"Message": "Cluster ready after last step completed."}


def test_a_cluster_started_with_steps_and_no_keep_alive_ends_after_the_last_step(emr):
    instances = {
        "MasterInstanceType": "m5.xlarge",
        "InstanceCount": 1,
        "KeepJobFlowAliveWhenNoSteps": False,
    }
    cluster_id = run_cluster(emr, "transient", Instances=instances, Steps=[step("only")])

    seen = watch_cluster(emr, cluster_id, "TERMINATED")

    assert along(seen, ["STARTING", "BOOTSTRAPPING", "RUNNING", "TERMINATING", "TERMINATED"])
    status = describe(emr, cluster_id)["Status"]
    assert status["StateChangeReason"] == {
        "Code": "ALL_STEPS_COMPLETED",
        "Message": "Steps completed",
    }
    assert emr.list_steps(ClusterId=cluster_id)["Steps"][0]["Status"]["State"] == "COMPLETED"


def test_terminating_a_cluster_takes_time_and_says_who_asked(emr):
    cluster_id = run_cluster(emr, "to-terminate")
    watch_cluster(emr, cluster_id, "WAITING")

    emr.terminate_job_flows(JobFlowIds=[cluster_id])
    seen = watch_cluster(emr, cluster_id, "TERMINATED")

    assert along(seen, ["TERMINATING", "TERMINATED"])
    status = describe(emr, cluster_id)["Status"]
    reason = {"Code": "USER_REQUEST", "Message": "Terminated by user request"}
    assert status["StateChangeReason"] == reason
    assert status["Timeline"]["EndDateTime"] >= status["Timeline"]["ReadyDateTime"]
    with pytest.raises(ClientError, match="may not be modified"):
        emr.add_job_flow_steps(JobFlowId=cluster_id, Steps=[step("too late")])


def test_a_cluster_terminated_while_starting_never_becomes_ready(emr):
    cluster_id = run_cluster(emr, "changed-my-mind")
    emr.terminate_job_flows(JobFlowIds=[cluster_id])

    seen = watch_cluster(emr, cluster_id, "TERMINATED")

    assert along(seen, ["TERMINATING", "TERMINATED"])
    assert "ReadyDateTime" not in describe(emr, cluster_id)["Status"]["Timeline"]


def test_boto3_waiters_see_the_cluster_run_and_end(emr):
    cluster_id = run_cluster(emr, "waited-on")

    emr.get_waiter("cluster_running").wait(ClusterId=cluster_id, WaiterConfig=FAST_WAITER)
    assert describe(emr, cluster_id)["Status"]["State"] == "WAITING"

    emr.terminate_job_flows(JobFlowIds=[cluster_id])
    emr.get_waiter("cluster_terminated").wait(ClusterId=cluster_id, WaiterConfig=FAST_WAITER)
    assert describe(emr, cluster_id)["Status"]["State"] == "TERMINATED"
    with pytest.raises(WaiterError, match="failure state"):
        emr.get_waiter("cluster_running").wait(ClusterId=cluster_id, WaiterConfig=FAST_WAITER)


def test_a_protected_cluster_refuses_to_terminate_like_aws(emr):
    protected = run_cluster(
        emr,
        "protected",
        Instances={
            "MasterInstanceType": "m5.xlarge",
            "InstanceCount": 1,
            "TerminationProtected": True,
        },
    )
    other = run_cluster(emr, "unprotected")
    watch_cluster(emr, protected, "WAITING")

    with pytest.raises(ClientError) as refused:
        emr.terminate_job_flows(JobFlowIds=[protected, other])

    error = refused.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert error["Message"] == (
        "Could not shut down one or more job flows since they are termination protected."
    )
    assert describe(emr, protected)["Status"]["State"] == "WAITING"
    assert watch_cluster(emr, other, "TERMINATED")[-1] == "TERMINATED"  # AWS ends the others

    emr.set_termination_protection(JobFlowIds=[protected], TerminationProtected=False)
    emr.terminate_job_flows(JobFlowIds=[protected])
    assert watch_cluster(emr, protected, "TERMINATED")[-1] == "TERMINATED"


def test_an_unknown_cluster_is_an_error_not_a_crash(emr):
    with pytest.raises(ClientError) as unknown:
        emr.terminate_job_flows(JobFlowIds=["j-DOESNOTEXIST"])
    assert unknown.value.response["Error"]["Code"] == "ValidationException"
    assert unknown.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_an_idle_cluster_ends_after_its_auto_termination_idle_timeout(emr, sandbox):
    cluster_id = run_cluster(emr, "idle", AutoTerminationPolicy={"IdleTimeout": 120})
    watch_cluster(emr, cluster_id, "WAITING")
    assert emr.get_auto_termination_policy(ClusterId=cluster_id)["AutoTerminationPolicy"] == {
        "IdleTimeout": 120
    }

    sandbox.parts.clock.skip_ahead(121)  # two idle minutes, without the wait
    seen = watch_cluster(emr, cluster_id, "TERMINATED")

    assert along(seen, ["WAITING", "TERMINATING", "TERMINATED"])
    reason = describe(emr, cluster_id)["Status"]["StateChangeReason"]
    assert reason["Code"] == "ALL_STEPS_COMPLETED"
    assert "idle for 120 seconds" in reason["Message"]


def test_a_removed_auto_termination_policy_keeps_the_cluster_up(emr, sandbox):
    cluster_id = run_cluster(emr, "policy-removed", AutoTerminationPolicy={"IdleTimeout": 60})
    watch_cluster(emr, cluster_id, "WAITING")

    emr.remove_auto_termination_policy(ClusterId=cluster_id)
    sandbox.parts.clock.skip_ahead(61)
    sandbox.parts.clock.run_due()

    assert describe(emr, cluster_id)["Status"]["State"] == "WAITING"
    assert "AutoTerminationPolicy" not in emr.get_auto_termination_policy(ClusterId=cluster_id)


@pytest.mark.parametrize("idle_timeout", [59, 604801])
def test_an_idle_timeout_outside_aws_limits_is_refused(emr, idle_timeout):
    with pytest.raises(ClientError, match="between 60 seconds and 604800 seconds"):
        run_cluster(emr, "bad-idle", AutoTerminationPolicy={"IdleTimeout": idle_timeout})

    pages = emr.get_paginator("list_clusters").paginate()
    assert "bad-idle" not in {c["Name"] for page in pages for c in page["Clusters"]}
