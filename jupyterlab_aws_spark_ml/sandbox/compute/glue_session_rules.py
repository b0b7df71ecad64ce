"""What AWS refuses in a Glue CreateSession (moto accepts anything), and the role Glue must assume.

Rules from the Glue API model (botocore's glue service definition) and the Glue docs for
interactive sessions: Command.Name is glueetl or gluestreaming; Spark sessions take G.1X, G.2X,
G.4X or G.8X workers (G.025X only for streaming, Z.2X for Ray), at least 2 of them; MaxCapacity
and WorkerType/NumberOfWorkers exclude each other; Glue 2.0 or later.
"""

from __future__ import annotations

import json
import re

from ..aws_errors import invalid_input, model_constraint_error
from ..messages import AwsResponse

ROLE_PATTERN = r"arn:aws[^:]*:iam::[0-9]*:role/.+"
COMMAND_NAMES = ("glueetl", "gluestreaming")
WORKER_TYPES = {
    "glueetl": ("G.1X", "G.2X", "G.4X", "G.8X", "Z.2X"),
    "gluestreaming": ("G.025X", "G.1X", "G.2X", "G.4X", "G.8X"),
}
GLUE_VERSIONS = ("2.0", "3.0", "4.0", "5.0")
DPU_PER_WORKER = {"G.025X": 0.25, "G.1X": 1, "G.2X": 2, "G.4X": 4, "G.8X": 8, "Z.2X": 2}
MIN_WORKERS = 2
MAX_DEFAULT_ARGUMENTS = 75


def check_create_session(params: dict) -> AwsResponse | None:
    """An error answer for a CreateSession AWS would refuse, or None if it is fine."""
    session_id = params.get("Id") or ""
    if not 1 <= len(session_id) <= 255:
        return model_constraint_error(session_id, "id", "Member must have length between 1 and 255")
    role = params.get("Role") or ""
    if not re.fullmatch(ROLE_PATTERN, role):
        return model_constraint_error(
            role, "role", f"Member must satisfy regular expression pattern: {ROLE_PATTERN}"
        )
    command = params.get("Command") or {}
    name = command.get("Name")
    if name not in COMMAND_NAMES:
        return invalid_input(
            f"Command.Name is {name!r}; a session's command must be 'glueetl' (Spark) or "
            "'gluestreaming' (Spark Streaming). Set Command={'Name': 'glueetl', 'PythonVersion': '3'}."
        )
    if command.get("PythonVersion") not in (None, "3"):
        return invalid_input(
            f"Command.PythonVersion is {command['PythonVersion']!r}; Glue sessions run Python 3. "
            "Set PythonVersion to '3' or leave it out."
        )
    version = params.get("GlueVersion")
    if version is not None and version not in GLUE_VERSIONS:
        return invalid_input(
            f"GlueVersion is {version!r}; interactive sessions need Glue 2.0 or later "
            f"({', '.join(GLUE_VERSIONS)}). Glue 5.0 runs Spark 3.5, like this sandbox."
        )
    if len(params.get("DefaultArguments") or {}) > MAX_DEFAULT_ARGUMENTS:
        return model_constraint_error(
            "...",
            "defaultArguments",
            f"Member must have length less than or equal to {MAX_DEFAULT_ARGUMENTS}",
        )
    for field in ("Timeout", "IdleTimeout"):
        if field in params and params[field] < 1:
            return model_constraint_error(
                params[field],
                field[0].lower() + field[1:],
                "Member must have value greater than or equal to 1",
            )
    return _check_capacity(params, name)


def _check_capacity(params: dict, command_name: str) -> AwsResponse | None:
    worker_type, workers = params.get("WorkerType"), params.get("NumberOfWorkers")
    if params.get("MaxCapacity") is not None and (worker_type or workers is not None):
        return invalid_input(
            "MaxCapacity cannot be set together with WorkerType and NumberOfWorkers. "
            "Give either WorkerType and NumberOfWorkers (recommended), or MaxCapacity alone."
        )
    if (worker_type is None) != (workers is None):
        return invalid_input(
            "WorkerType and NumberOfWorkers go together: give both (e.g. WorkerType='G.1X', "
            "NumberOfWorkers=2) or neither."
        )
    if worker_type is None:
        return None
    allowed = WORKER_TYPES[command_name]
    if worker_type not in allowed:
        return invalid_input(
            f"WorkerType {worker_type!r} is not available for {command_name} sessions; "
            f"use one of {', '.join(allowed)}."
        )
    if workers < MIN_WORKERS:
        return invalid_input(
            f"NumberOfWorkers is {workers}; a session needs at least {MIN_WORKERS} workers "
            "(one driver and at least one executor)."
        )
    return None


def role_problem(iam_backend, role_arn: str, account_id: str) -> str | None:
    """Why Glue could not assume this role (the session then FAILS), or None if it can."""
    advice = (
        " Create the role with a trust policy for glue.amazonaws.com, or use the sandbox's "
        f"arn:aws:iam::{account_id}:role/AWSGlueServiceRole-sandbox."
    )
    try:
        role = iam_backend.get_role_by_arn(role_arn)
    except Exception:  # moto's NotFoundException
        return f"Glue could not assume the role {role_arn}: the role does not exist.{advice}"
    if not _trusts_glue(role.assume_role_policy_document):
        return (
            f"Glue could not assume the role {role_arn}: its trust policy does not allow "
            f"glue.amazonaws.com to call sts:AssumeRole.{advice}"
        )
    return None


def _trusts_glue(policy_document: str) -> bool:
    try:
        policy = json.loads(policy_document)
    except (TypeError, ValueError):
        return False
    statements = policy.get("Statement", [])
    for statement in statements if isinstance(statements, list) else [statements]:
        services = (statement.get("Principal") or {}).get("Service", [])
        services = [services] if isinstance(services, str) else services
        actions = statement.get("Action", [])
        actions = [actions] if isinstance(actions, str) else actions
        if (
            statement.get("Effect") == "Allow"
            and "glue.amazonaws.com" in services
            and any(a in ("sts:AssumeRole", "sts:*", "*") for a in actions)
        ):
            return True
    return False
