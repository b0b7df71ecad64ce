"""How a sandbox EMR cluster moves through its states over time, as on AWS.

    STARTING -> BOOTSTRAPPING -> WAITING <-> RUNNING (while a step runs) -> TERMINATING -> TERMINATED
                      \\-> (the sandbox Livy failed to start) -> TERMINATING -> TERMINATED_WITH_ERRORS

Each move takes `lifecycle_seconds`. Steps run one at a time: PENDING -> RUNNING -> COMPLETED.
The state lives in moto's own objects (so moto's filters and paging see it); the reasons and
fleets live in a ClusterRecord. Every method here runs under the clock's lock.
"""

from __future__ import annotations

from moto.core.utils import utcnow

from .clock import LifecycleClock
from .emr_views import GROUP_STATE_FOR_CLUSTER, ClusterRecord
from .engine import Lifecycles, SparkEndpoint, start_engine_in_background

ENDED = ("TERMINATED", "TERMINATED_WITH_ERRORS")
SHUTTING_DOWN = ("TERMINATING", *ENDED)

# Messages AWS shows while a cluster is on its way; the Code appears only once it ends.
PROGRESS_MESSAGES = {
    "STARTING": "Provisioning Amazon EC2 capacity",
    "BOOTSTRAPPING": "Running bootstrap actions",
    "RUNNING": "Running step",
    "WAITING": "Cluster ready to run steps.",
}
USER_REQUEST = ("USER_REQUEST", "Terminated by user request")
STEPS_COMPLETED = ("ALL_STEPS_COMPLETED", "Steps completed")


class ClusterLifecycle(Lifecycles):
    def __init__(self, sandbox, clock: LifecycleClock, livy: SparkEndpoint | None) -> None:
        super().__init__(clock, livy)
        self.sandbox = sandbox
        self.records: dict[str, ClusterRecord] = {}

    def moto_cluster(self, record: ClusterRecord):
        """moto's cluster object, or None if it is gone (e.g. after a moto reset)."""
        from moto.emr.models import emr_backends

        cluster = emr_backends[self.sandbox.account_id][record.region].clusters.get(
            record.cluster_id
        )
        if cluster is None:
            self.records.pop(record.cluster_id, None)
        return cluster

    # -- start --------------------------------------------------------------------------------

    def start(self, record: ClusterRecord, cluster) -> None:
        """Undo moto's instant start (WAITING, or TERMINATED without steps) and begin at STARTING."""
        self.records[record.cluster_id] = record
        cluster.ready_datetime = None
        cluster.end_datetime = None
        for step in cluster.steps:
            step.state, step.start_date_time = "PENDING", None
        for group in cluster.instance_groups:
            group.ready_date_time = None
        self._move(record, cluster, "STARTING")
        self.clock.after(self.seconds, lambda: self._bootstrap(record))

    def _bootstrap(self, record: ClusterRecord) -> None:
        cluster = self.moto_cluster(record)
        if cluster is None or record.state != "STARTING":
            return
        self._move(record, cluster, "BOOTSTRAPPING")
        record.engine_starting = start_engine_in_background(
            self.livy,
            self.clock,
            record.cluster_id,
            lambda error: self._engine_started(record, error),
        )
        self.clock.after(self.seconds, lambda: self._bootstrap_time_passed(record))

    def _bootstrap_time_passed(self, record: ClusterRecord) -> None:
        record.bootstrap_waited = True
        if not record.engine_starting:
            self._become_ready(record)

    def _engine_started(self, record: ClusterRecord, error: str | None) -> None:
        record.engine_starting = False
        if self.stopped or record.state != "BOOTSTRAPPING":
            return
        if error is not None:
            self.terminate(record, "BOOTSTRAP_FAILURE", error, with_errors=True)
        elif record.bootstrap_waited:
            self._become_ready(record)

    def _become_ready(self, record: ClusterRecord) -> None:
        cluster = self.moto_cluster(record)
        if cluster is None or record.state != "BOOTSTRAPPING":
            return
        cluster.ready_datetime = utcnow()
        self._run_next_step_or_wait(record, cluster)

    # -- steps and idling ---------------------------------------------------------------------

    def steps_added(self, record: ClusterRecord, step_ids: list[str]) -> None:
        """moto starts a new step at once and marks the cluster RUNNING; queue it instead."""
        cluster = self.moto_cluster(record)
        if cluster is None:
            return
        for step in cluster.steps:
            if step.id in step_ids:
                step.state, step.start_date_time = "PENDING", None
        cluster.state = record.state
        if record.state == "WAITING":
            self._run_next_step_or_wait(record, cluster)

    def _run_next_step_or_wait(self, record: ClusterRecord, cluster) -> None:
        step = next((s for s in cluster.steps if s.state == "PENDING"), None)
        if step is not None:
            step.state, step.start_date_time = "RUNNING", utcnow()
            self._move(record, cluster, "RUNNING")
            self.clock.after(self.seconds, lambda: self._complete_step(record, step))
        elif record.terminate_after_steps and cluster.steps:
            self.terminate(record, *STEPS_COMPLETED)
        else:
            self._move(record, cluster, "WAITING")
            if any(s.state == "COMPLETED" for s in cluster.steps):
                record.reason = {"Message": "Cluster ready after last step completed."}
            record.idle_since = self.clock.now()
            self.schedule_idle_check(record)

    def _complete_step(self, record: ClusterRecord, step) -> None:
        cluster = self.moto_cluster(record)
        if cluster is None or step.state != "RUNNING":
            return
        step.state, step.end_date_time = "COMPLETED", utcnow()
        self._run_next_step_or_wait(record, cluster)

    def schedule_idle_check(self, record: ClusterRecord) -> None:
        if record.idle_timeout and record.idle_since is not None:
            due = record.idle_since + record.idle_timeout - self.clock.now()
            self.clock.after(due, lambda: self._check_idle(record))

    def _check_idle(self, record: ClusterRecord) -> None:
        if record.state != "WAITING" or not record.idle_timeout or record.idle_since is None:
            return
        if self.clock.now() >= record.idle_since + record.idle_timeout:
            message = (
                f"Cluster was terminated after being idle for {record.idle_timeout} seconds "
                "(auto-termination policy)."
            )
            self.terminate(record, "ALL_STEPS_COMPLETED", message)

    # -- termination --------------------------------------------------------------------------

    def terminate(self, record: ClusterRecord, code: str, message: str, with_errors=False) -> None:
        cluster = self.moto_cluster(record)
        if cluster is None or record.state in SHUTTING_DOWN:
            return
        for step in cluster.steps:
            if step.state in ("PENDING", "RUNNING"):
                step.state, step.end_date_time = "CANCELLED", utcnow()
        record.idle_since = None
        self._move(record, cluster, "TERMINATING")
        record.reason = {"Code": code, "Message": message}
        final = "TERMINATED_WITH_ERRORS" if with_errors else "TERMINATED"
        self.clock.after(self.seconds, lambda: self._finish_termination(record, final))

    def _finish_termination(self, record: ClusterRecord, final: str) -> None:
        cluster = self.moto_cluster(record)
        if cluster is None or record.state != "TERMINATING":
            return
        cluster.end_datetime = utcnow()
        self._move(record, cluster, final)

    # -- state --------------------------------------------------------------------------------

    def _move(self, record: ClusterRecord, cluster, state: str) -> None:
        """Set the cluster's state everywhere it is read, and let its groups and fleets follow."""
        record.state = cluster.state = state
        if state in PROGRESS_MESSAGES:
            record.reason = {"Message": PROGRESS_MESSAGES[state]}
        now = utcnow()
        for group in cluster.instance_groups:
            group.state = GROUP_STATE_FOR_CLUSTER[state]
            if group.state == "RUNNING" and group.ready_date_time is None:
                group.ready_date_time = now
            if group.state == "ENDED":
                group.end_date_time = now
        for fleet in record.fleets:
            fleet.follow(state)
