"""Sandbox component: Glue interactive sessions that provision, stop and time out like AWS's.

    CreateSession -> PROVISIONING -> READY -> (StopSession) STOPPING -> STOPPED
                          \\-> FAILED (Glue cannot assume the role, or the sandbox Livy failed)
                                 READY -> TIMEOUT (idle for IdleTimeout minutes)

moto keeps the session (and its state); this component moves the state over time, refuses the
CreateSession requests AWS refuses, and corrects moto's GetSession/ListSessions answers (moto
fills in ErrorMessage 'string', Progress 12.3 and MaxCapacity 123.0 for every session).
Idle time counts from READY or the last RunStatement, in real minutes, as on AWS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from moto.core.utils import utcnow

from ..gateway import after, handles
from ..messages import AwsRequest, AwsResponse
from .answers import corrected, epoch
from .clock import LifecycleClock
from .engine import Lifecycles, SparkEndpoint, start_engine_in_background
from .glue_session_rules import DPU_PER_WORKER, check_create_session, role_problem

GLUE = "glue"
DEFAULT_TIMEOUT_MINUTES = 2880  # Glue's default session Timeout (48 h); IdleTimeout defaults to it
ENDED = ("STOPPED", "FAILED", "TIMEOUT")


@dataclass
class SessionRecord:
    session_id: str
    region: str
    failure: str | None  # why the session will FAIL instead of becoming READY
    idle_minutes: int
    last_active: float = 0.0  # sandbox clock time of READY or the last statement
    provision_waited: bool = False
    engine_starting: bool = False
    completed_on: datetime | None = None


class GlueSessions(Lifecycles):
    """Sessions become READY once `livy` answers (without it, after the provisioning time)."""

    name = "glue-sessions"

    def __init__(self, clock: LifecycleClock, livy: SparkEndpoint | None = None) -> None:
        super().__init__(clock, livy)
        self.records: dict[str, SessionRecord] = {}

    def install(self, sandbox) -> None:
        self.sandbox = sandbox
        sandbox.registry.add_all(self)

    def _moto_session(self, record: SessionRecord):
        from moto.glue.models import glue_backends

        session = glue_backends[self.sandbox.account_id][record.region].sessions.get(
            record.session_id
        )
        if session is None:  # deleted, or moto was reset
            self.records.pop(record.session_id, None)
        return session

    # -- lifecycle ----------------------------------------------------------------------------

    @handles(GLUE, "CreateSession")
    def _check_create_session(self, req: AwsRequest) -> AwsResponse | None:
        return check_create_session(req.params)

    @after(GLUE, "CreateSession")
    def _session_created(self, req: AwsRequest, resp: AwsResponse) -> None:
        if resp.status != 200:
            return
        from moto.glue.models import glue_backends
        from moto.iam.models import iam_backends

        account = self.sandbox.account_id
        params = req.params
        record = SessionRecord(
            session_id=params["Id"],
            region=req.region,
            failure=role_problem(iam_backends[account]["aws"], params["Role"], account),
            idle_minutes=params.get("IdleTimeout")
            or params.get("Timeout")
            or DEFAULT_TIMEOUT_MINUTES,
        )
        with self.clock.lock:
            self.records[record.session_id] = record
            glue_backends[account][req.region].sessions[record.session_id].state = "PROVISIONING"
            if record.failure is None:
                record.engine_starting = start_engine_in_background(
                    self.livy,
                    self.clock,
                    record.session_id,
                    lambda error: self._engine_started(record, error),
                )
            self.clock.after(self.seconds, lambda: self._provision_time_passed(record))

    def _engine_started(self, record: SessionRecord, error: str | None) -> None:
        record.engine_starting = False
        if error is not None:
            record.failure = f"The session's Spark endpoint (sandbox Livy) did not start: {error}"
        if record.provision_waited:
            self._finish_provisioning(record)

    def _provision_time_passed(self, record: SessionRecord) -> None:
        record.provision_waited = True
        if not record.engine_starting:
            self._finish_provisioning(record)

    def _finish_provisioning(self, record: SessionRecord) -> None:
        session = self._moto_session(record)
        if self.stopped or session is None or session.state != "PROVISIONING":
            return
        if record.failure is not None:
            self._end(record, session, "FAILED")
            return
        session.state = "READY"
        record.last_active = self.clock.now()
        self._schedule_idle_check(record)

    def _schedule_idle_check(self, record: SessionRecord) -> None:
        due = record.last_active + record.idle_minutes * 60 - self.clock.now()
        self.clock.after(due, lambda: self._check_idle(record))

    def _check_idle(self, record: SessionRecord) -> None:
        session = self._moto_session(record)
        if session is None or session.state != "READY":
            return
        if self.clock.now() >= record.last_active + record.idle_minutes * 60:
            self._end(record, session, "TIMEOUT")
        else:  # a statement ran meanwhile; look again when the new idle time is up
            self._schedule_idle_check(record)

    @after(GLUE, "RunStatement")
    def _statement_run(self, req: AwsRequest, resp: AwsResponse) -> None:
        # Statements are answered by the engines; here they only count as activity.
        record = self.records.get(req.params.get("SessionId", ""))
        if record is not None and resp.status == 200:
            with self.clock.lock:
                record.last_active = self.clock.now()

    @after(GLUE, "StopSession")
    def _session_stopping(self, req: AwsRequest, resp: AwsResponse) -> None:
        record = self.records.get(req.params.get("Id", ""))
        if record is None or resp.status != 200:
            return

        def stopped() -> None:
            session = self._moto_session(record)
            if session is not None and session.state == "STOPPING":
                self._end(record, session, "STOPPED")

        self.clock.after(self.seconds, stopped)

    @after(GLUE, "DeleteSession")
    def _session_deleted(self, req: AwsRequest, resp: AwsResponse) -> None:
        if resp.status == 200:
            with self.clock.lock:
                self.records.pop(req.params.get("Id", ""), None)

    def _end(self, record: SessionRecord, session, state: str) -> None:
        session.state = state
        record.completed_on = utcnow()

    # -- reading ------------------------------------------------------------------------------

    @after(GLUE, "GetSession")
    def _correct_get_session(self, req: AwsRequest, resp: AwsResponse) -> AwsResponse | None:
        if resp.status != 200:
            return None
        body = resp.json()
        self._correct(body["Session"], req.region)
        return corrected(resp, body)

    @after(GLUE, "ListSessions")
    def _correct_list_sessions(self, req: AwsRequest, resp: AwsResponse) -> AwsResponse | None:
        if resp.status != 200:
            return None
        body = resp.json()
        for session in body.get("Sessions", []):
            self._correct(session, req.region)
        return corrected(resp, body)

    def _correct(self, view: dict, region: str) -> None:
        from moto.glue.models import glue_backends

        with self.clock.lock:
            session = glue_backends[self.sandbox.account_id][region].sessions.get(view["Id"])
            record = self.records.get(view["Id"])
            if session is None or record is None:
                return
            for made_up in ("ErrorMessage", "Progress", "MaxCapacity"):
                view.pop(made_up, None)
            view["Status"] = session.state
            if session.state == "FAILED":
                view["ErrorMessage"] = record.failure
            if session.worker_type and session.number_of_workers:
                view["WorkerType"] = session.worker_type
                view["NumberOfWorkers"] = session.number_of_workers
                view["MaxCapacity"] = float(
                    DPU_PER_WORKER[session.worker_type] * session.number_of_workers
                )
            elif session.max_capacity is not None:
                view["MaxCapacity"] = session.max_capacity
            view["IdleTimeout"] = record.idle_minutes
            if record.completed_on is not None:
                view["CompletedOn"] = epoch(record.completed_on)
