"""Sandbox component: EMR clusters that start, run steps and stop over time, like AWS's.

Hooks into moto's RunJobFlow/AddJobFlowSteps/DescribeCluster/List* answers, and answers itself
what moto gets wrong or lacks: TerminateJobFlows (TERMINATING first), ListInstanceFleets and the
auto-termination policy operations.

One deliberate difference from AWS: a cluster started without steps stays up even when
KeepJobFlowAliveWhenNoSteps is false or absent (AWS, and moto, would end it at once). The
sandbox's clusters exist to run notebooks, and the raw API's default would kill them before a
notebook could attach. A cluster started WITH steps and without keep-alive still ends after its
last step (ALL_STEPS_COMPLETED), as AWS's transient clusters do.
"""

from __future__ import annotations

from ..aws_errors import emr_invalid_request, emr_no_such_cluster, validation_error
from ..gateway import after, handles
from ..messages import AwsRequest, AwsResponse
from .answers import corrected
from .clock import LifecycleClock
from .emr_fleets import FLEETS_ON_GROUPS_CLUSTER, GROUPS_ON_FLEETS_CLUSTER, fleets_from_request
from .emr_lifecycle import SHUTTING_DOWN, USER_REQUEST, ClusterLifecycle
from .emr_views import (
    ClusterRecord,
    correct_cluster,
    correct_instance,
    correct_instance_group,
    correct_status,
)
from .engine import SparkEndpoint

EMR = "emr"
IDLE_TIMEOUT_RANGE = (60, 604800)  # seconds, AWS's limits for AutoTerminationPolicy.IdleTimeout
PROTECTED = "Could not shut down one or more job flows since they are termination protected."
NOT_MODIFIABLE = "A job flow that is shutting down, terminated, or finished may not be modified."


class EmrClusters:
    name = "emr-clusters"

    def __init__(self, clock: LifecycleClock, livy: SparkEndpoint | None = None) -> None:
        self.clock = clock
        self.livy = livy  # clusters become WAITING once it answers; None: without an engine
        self.sandbox = None
        self.lifecycle: ClusterLifecycle | None = None

    def install(self, sandbox) -> None:
        self.sandbox = sandbox
        self.lifecycle = ClusterLifecycle(sandbox, self.clock, self.livy)
        sandbox.registry.add_all(self)

    def stop(self) -> None:
        if self.lifecycle is not None:
            self.lifecycle.stop()

    # -- helpers ------------------------------------------------------------------------------

    def _record(self, req: AwsRequest, cluster_id: str | None) -> ClusterRecord | None:
        """The sandbox's record of a cluster, adopting clusters moto made before we were installed."""
        from moto.emr.models import emr_backends

        records = self.lifecycle.records
        if cluster_id in records:
            return records[cluster_id]
        cluster = emr_backends[self.sandbox.account_id][req.region].clusters.get(cluster_id or "")
        if cluster is None:
            return None
        records[cluster_id] = ClusterRecord(cluster_id, req.region, state=cluster.state)
        return records[cluster_id]

    # -- creating and running -----------------------------------------------------------------

    @handles(EMR, "RunJobFlow")
    def _check_run_job_flow(self, req: AwsRequest) -> AwsResponse | None:
        instances = req.params.get("Instances") or {}
        if instances.get("InstanceGroups") and instances.get("InstanceFleets"):
            return validation_error(
                "Instances: give either InstanceGroups or InstanceFleets, not both. "
                "A cluster uses one kind of instance collection for its whole life."
            )
        idle = (req.params.get("AutoTerminationPolicy") or {}).get("IdleTimeout")
        if idle is not None and not IDLE_TIMEOUT_RANGE[0] <= idle <= IDLE_TIMEOUT_RANGE[1]:
            return _idle_timeout_error(idle)
        return None  # moto creates the cluster

    @after(EMR, "RunJobFlow")
    def _cluster_created(self, req: AwsRequest, resp: AwsResponse) -> None:
        if resp.status != 200:
            return
        from moto.emr.models import emr_backends

        cluster_id = resp.json()["JobFlowId"]
        cluster = emr_backends[self.sandbox.account_id][req.region].clusters[cluster_id]
        keep_alive = (req.params.get("Instances") or {}).get("KeepJobFlowAliveWhenNoSteps")
        record = ClusterRecord(
            cluster_id,
            req.region,
            fleets=fleets_from_request(req.params),
            applications=req.params.get("Applications") or [],
            terminate_after_steps=bool(cluster.steps) and not keep_alive,
            idle_timeout=(req.params.get("AutoTerminationPolicy") or {}).get("IdleTimeout"),
        )
        # See the module docstring: without steps the cluster stays up (and says so).
        cluster.keep_job_flow_alive_when_no_steps = not record.terminate_after_steps
        with self.clock.lock:
            self.lifecycle.start(record, cluster)

    @handles(EMR, "AddJobFlowSteps")
    def _check_add_steps(self, req: AwsRequest) -> AwsResponse | None:
        with self.clock.lock:
            record = self._record(req, req.params.get("JobFlowId"))
            if record is None:
                return validation_error("Specified job flow ID does not exist.")
            if record.state in SHUTTING_DOWN:
                return validation_error(NOT_MODIFIABLE)
        return None

    @after(EMR, "AddJobFlowSteps")
    def _steps_added(self, req: AwsRequest, resp: AwsResponse) -> None:
        if resp.status != 200:
            return
        with self.clock.lock:
            record = self._record(req, req.params.get("JobFlowId"))
            if record is not None:
                self.lifecycle.steps_added(record, resp.json().get("StepIds", []))

    @handles(EMR, "TerminateJobFlows")
    def _terminate_job_flows(self, req: AwsRequest) -> AwsResponse:
        ids = req.params.get("JobFlowIds") or []
        with self.clock.lock:
            records = [self._record(req, cluster_id) for cluster_id in ids]
            if None in records:
                return validation_error("Specified job flow ID does not exist.")
            protected = False
            for record in records:
                # Like AWS: unprotected clusters end even when others in the call are protected.
                if self.lifecycle.moto_cluster(record).termination_protected:
                    protected = True
                else:
                    self.lifecycle.terminate(record, *USER_REQUEST)
        return validation_error(PROTECTED) if protected else AwsResponse.of_json({})

    # -- reading ------------------------------------------------------------------------------

    @after(EMR, "DescribeCluster")
    def _correct_describe_cluster(self, req: AwsRequest, resp: AwsResponse) -> AwsResponse | None:
        if resp.status != 200:
            return None
        body = resp.json()
        with self.clock.lock:
            record = self._record(req, body["Cluster"]["Id"])
            moto_cluster = record and self.lifecycle.moto_cluster(record)
            if moto_cluster is None:
                return None
            correct_cluster(record, moto_cluster, body["Cluster"])
        return corrected(resp, body)

    @after(EMR, "ListClusters")
    def _correct_list_clusters(self, req: AwsRequest, resp: AwsResponse) -> AwsResponse | None:
        if resp.status != 200:
            return None
        body = resp.json()
        with self.clock.lock:
            for summary in body.get("Clusters", []):
                record = self.lifecycle.records.get(summary["Id"])
                moto_cluster = record and self.lifecycle.moto_cluster(record)
                if moto_cluster is not None:
                    correct_status(record, moto_cluster, summary["Status"])
        return corrected(resp, body)

    @handles(EMR, "ListInstanceGroups")
    def _check_list_instance_groups(self, req: AwsRequest) -> AwsResponse | None:
        record = self.lifecycle.records.get(req.params.get("ClusterId", ""))
        if record is not None and record.uses_fleets:
            return emr_invalid_request(
                GROUPS_ON_FLEETS_CLUSTER, "API_DOES_NOT_SUPPORT_INSTANCE_FLEET_CLUSTERS"
            )
        return None

    @after(EMR, "ListInstanceGroups")
    def _correct_instance_groups(self, req: AwsRequest, resp: AwsResponse) -> AwsResponse | None:
        if resp.status != 200:
            return None
        body = resp.json()
        with self.clock.lock:
            record = self._record(req, req.params.get("ClusterId"))
            if record is None:
                return None
            for group in body.get("InstanceGroups", []):
                correct_instance_group(record, group)
        return corrected(resp, body)

    @after(EMR, "ListInstances")
    def _correct_instances(self, req: AwsRequest, resp: AwsResponse) -> AwsResponse | None:
        if resp.status != 200:
            return None
        body = resp.json()
        with self.clock.lock:
            record = self._record(req, req.params.get("ClusterId"))
            cluster = record and self.lifecycle.moto_cluster(record)
            if cluster is None:
                return None
            for instance in body.get("Instances", []):
                correct_instance(record, instance, cluster.master_instance_group_id)
        return corrected(resp, body)

    @handles(EMR, "ListInstanceFleets")
    def _list_instance_fleets(self, req: AwsRequest) -> AwsResponse:
        cluster_id = req.params.get("ClusterId", "")
        with self.clock.lock:
            record = self._record(req, cluster_id)
            if record is None:
                return emr_no_such_cluster(cluster_id)
            if not record.uses_fleets:
                return emr_invalid_request(FLEETS_ON_GROUPS_CLUSTER)
            fleets = [fleet.describe() for fleet in record.fleets]
        return AwsResponse.of_json({"InstanceFleets": fleets})

    # -- auto-termination ---------------------------------------------------------------------

    @handles(EMR, "PutAutoTerminationPolicy")
    def _put_auto_termination_policy(self, req: AwsRequest) -> AwsResponse:
        cluster_id = req.params.get("ClusterId", "")
        idle = (req.params.get("AutoTerminationPolicy") or {}).get("IdleTimeout")
        if idle is not None and not IDLE_TIMEOUT_RANGE[0] <= idle <= IDLE_TIMEOUT_RANGE[1]:
            return _idle_timeout_error(idle)
        with self.clock.lock:
            record = self._record(req, cluster_id)
            if record is None:
                return emr_no_such_cluster(cluster_id)
            record.idle_timeout = idle
            self.lifecycle.schedule_idle_check(record)
        return AwsResponse.of_json({})

    @handles(EMR, "GetAutoTerminationPolicy")
    def _get_auto_termination_policy(self, req: AwsRequest) -> AwsResponse:
        cluster_id = req.params.get("ClusterId", "")
        with self.clock.lock:
            record = self._record(req, cluster_id)
            if record is None:
                return emr_no_such_cluster(cluster_id)
            if not record.idle_timeout:
                return AwsResponse.of_json({})
            return AwsResponse.of_json(
                {"AutoTerminationPolicy": {"IdleTimeout": record.idle_timeout}}
            )

    @handles(EMR, "RemoveAutoTerminationPolicy")
    def _remove_auto_termination_policy(self, req: AwsRequest) -> AwsResponse:
        cluster_id = req.params.get("ClusterId", "")
        with self.clock.lock:
            record = self._record(req, cluster_id)
            if record is None:
                return emr_no_such_cluster(cluster_id)
            record.idle_timeout = None
        return AwsResponse.of_json({})


def _idle_timeout_error(idle: object) -> AwsResponse:
    low, high = IDLE_TIMEOUT_RANGE
    return validation_error(
        f"AutoTerminationPolicy.IdleTimeout is {idle} seconds; it must be between {low} seconds "
        f"and {high} seconds (7 days). Pick an idle time in that range, e.g. 3600 for one hour."
    )
