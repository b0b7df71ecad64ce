"""Glue interactive sessions in the sandbox, as boto3 (and the Glue sessions kernel) sees them."""

from __future__ import annotations

import itertools

import pytest
from botocore.exceptions import ClientError

from .polling import GLUE_ROLE, along, session_state, watch

_ids = itertools.count()


def create_session(glue, role: str = GLUE_ROLE, **overrides) -> str:
    session_id = overrides.pop("Id", f"session-{next(_ids)}")
    request = {
        "Id": session_id,
        "Role": role,
        "Command": {"Name": "glueetl", "PythonVersion": "3"},
        "GlueVersion": "5.0",
        "WorkerType": "G.1X",
        "NumberOfWorkers": 2,
        "IdleTimeout": 30,
        **overrides,
    }
    glue.create_session(**request)
    return session_id


def watch_session(glue, session_id: str, *final: str) -> list[str]:
    return watch(lambda: session_state(glue, session_id), lambda s: s in final)


def session_ids(glue) -> list[str]:
    return glue.list_sessions()["Ids"]


def test_a_session_provisions_then_is_ready(glue):
    session_id = create_session(glue)
    first = glue.get_session(Id=session_id)["Session"]

    seen = watch_session(glue, session_id, "READY", "FAILED")

    assert first["Status"] == "PROVISIONING"
    assert along(seen, ["PROVISIONING", "READY"])
    ready = glue.get_session(Id=session_id)["Session"]
    assert "ErrorMessage" not in ready and "Progress" not in ready  # moto makes these up
    assert (ready["WorkerType"], ready["NumberOfWorkers"], ready["MaxCapacity"]) == ("G.1X", 2, 2.0)
    assert ready["IdleTimeout"] == 30
    listed = {s["Id"]: s for s in glue.list_sessions()["Sessions"]}
    assert listed[session_id]["Status"] == "READY"


def test_a_stopped_session_goes_through_stopping(glue):
    session_id = create_session(glue)
    watch_session(glue, session_id, "READY")

    glue.stop_session(Id=session_id)
    seen = watch_session(glue, session_id, "STOPPED")

    assert along(seen, ["STOPPING", "STOPPED"])
    assert "CompletedOn" in glue.get_session(Id=session_id)["Session"]
    with pytest.raises(ClientError) as again:
        glue.stop_session(Id=session_id)
    assert again.value.response["Error"]["Code"] == "IllegalSessionStateException"


@pytest.mark.parametrize(
    ("role", "why"),
    [
        ("arn:aws:iam::123456789012:role/NoSuchRole", "the role does not exist"),
        ("arn:aws:iam::123456789012:role/EMR_DefaultRole", "does not allow glue.amazonaws.com"),
    ],
)
def test_a_session_whose_role_glue_cannot_assume_fails(glue, role, why):
    session_id = create_session(glue, role=role)

    seen = watch_session(glue, session_id, "READY", "FAILED")

    assert along(seen, ["PROVISIONING", "FAILED"])
    failed = glue.get_session(Id=session_id)["Session"]
    assert why in failed["ErrorMessage"] and role in failed["ErrorMessage"]
    assert "CompletedOn" in failed


def test_a_session_can_be_deleted_in_any_state(glue):
    ready = create_session(glue)
    failed = create_session(glue, role="arn:aws:iam::123456789012:role/NoSuchRole")
    watch_session(glue, ready, "READY")
    watch_session(glue, failed, "FAILED")
    stopped = create_session(glue)
    watch_session(glue, stopped, "READY")
    glue.stop_session(Id=stopped)
    watch_session(glue, stopped, "STOPPED")
    provisioning = create_session(glue)

    for session_id in (provisioning, ready, failed, stopped):
        glue.delete_session(Id=session_id)

    for session_id in (provisioning, ready, failed, stopped):
        with pytest.raises(ClientError) as gone:
            glue.get_session(Id=session_id)
        assert gone.value.response["Error"]["Code"] == "EntityNotFoundException"
        assert session_id not in session_ids(glue)


def test_a_session_idle_past_its_idle_timeout_times_out(glue, sandbox):
    session_id = create_session(glue, IdleTimeout=5)
    watch_session(glue, session_id, "READY")

    sandbox.parts.clock.skip_ahead(5 * 60 + 1)  # five idle minutes, no waiting
    seen = watch_session(glue, session_id, "TIMEOUT")

    assert along(seen, ["READY", "TIMEOUT"])


@pytest.mark.parametrize(
    ("change", "error_code", "names"),
    [
        ({"Command": {"Name": "pythonshell"}}, "InvalidInputException", "Command.Name"),
        (
            {"Command": {"Name": "glueetl", "PythonVersion": "2"}},
            "InvalidInputException",
            "PythonVersion",
        ),
        ({"WorkerType": "Standard"}, "InvalidInputException", "WorkerType"),
        ({"NumberOfWorkers": 1}, "InvalidInputException", "NumberOfWorkers"),
        ({"MaxCapacity": 2.0}, "InvalidInputException", "MaxCapacity"),
        ({"GlueVersion": "1.0"}, "InvalidInputException", "GlueVersion"),
        ({"Role": "AWSGlueServiceRole-sandbox"}, "ValidationException", "'role'"),
        (
            {"DefaultArguments": {f"--k{n}": "v" for n in range(76)}},
            "ValidationException",
            "'defaultArguments'",
        ),
    ],
)
def test_a_session_aws_would_refuse_is_refused_and_not_created(glue, change, error_code, names):
    session_id = f"refused-{next(_ids)}"

    with pytest.raises(ClientError) as refused:
        create_session(glue, Id=session_id, **change)

    error = refused.value.response["Error"]
    assert error["Code"] == error_code
    assert names in error["Message"]
    assert session_id not in session_ids(glue)


def test_a_worker_type_without_a_worker_count_is_refused(glue):
    with pytest.raises(ClientError, match="WorkerType and NumberOfWorkers go together"):
        glue.create_session(
            Id="half-capacity",
            Role=GLUE_ROLE,
            Command={"Name": "glueetl"},
            WorkerType="G.2X",
        )
