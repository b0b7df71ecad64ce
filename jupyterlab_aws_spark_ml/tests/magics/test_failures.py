"""Every connect failure says what is wrong and what to do, in the cell and in the UI's line."""

from __future__ import annotations

import json
import socket

import pytest

from .conftest import (
    create_glue_session,
    glue_session_state,
    provision_cluster,
    start_kernel,
    wait_for_cluster,
)
from .livy_auth_proxy import LivyAuthProxy
from .notebook_kernel import wait_for

PASSWORD = "s3cr3t-Pa55-do-not-print"


@pytest.fixture(scope="module")
def kernel(sandbox):
    kernel = start_kernel(sandbox)
    yield kernel
    kernel.close()


@pytest.fixture(scope="module")
def waiting_cluster(sandbox):
    cluster_id = provision_cluster(sandbox, "failures-test")
    wait_for_cluster(sandbox, cluster_id, "WAITING")
    return cluster_id


def failed(cell) -> dict:
    """The failed cell's structured event, checked to be the one line and the display data."""
    assert not cell.ok, "the connect cell should fail"
    assert cell.error["ename"] == "ConnectFailed"
    lines = [line for line in cell.stdout.splitlines() if line.startswith("AWS_SPARK_ML ")]
    assert len(lines) == 1
    assert cell.connection_event == cell.line_event
    event = cell.connection_event
    assert event["event"] == "failed"
    # The cell shows the fix, not a Python stack.
    assert f"Fix: {event['fix']}" in cell.error_text
    return event


def test_cluster_still_starting(kernel, sandbox):
    sandbox.lifecycle_seconds = 30  # keep it in STARTING long enough to look
    try:
        cluster_id = provision_cluster(sandbox, "too-early")
    finally:
        sandbox.lifecycle_seconds = 0.5
    event = failed(kernel.run(f"%aws_spark connect emr --cluster-id {cluster_id}"))
    assert event["reason"] == f"cluster {cluster_id} is STARTING; wait until WAITING"
    assert event["state"] == "STARTING" and event["target"] == "emr"
    sandbox.client("emr").terminate_job_flows(JobFlowIds=[cluster_id])


def test_cluster_terminated(kernel, sandbox):
    cluster_id = provision_cluster(sandbox, "gone")
    wait_for_cluster(sandbox, cluster_id, "WAITING")
    sandbox.client("emr").terminate_job_flows(JobFlowIds=[cluster_id])
    wait_for_cluster(sandbox, cluster_id, "TERMINATED")
    event = failed(kernel.run(f"%aws_spark connect emr --cluster-id {cluster_id}"))
    assert event["reason"] == f"cluster {cluster_id} is TERMINATED"
    assert "provision a new one" in event["fix"]


def test_unknown_cluster(kernel):
    event = failed(kernel.run("%aws_spark connect emr --cluster-id j-DOESNOTEXIST"))
    assert "j-DOESNOTEXIST" in event["reason"] and "--region" in event["fix"]


def test_livy_unreachable_names_host_port_and_security_group(kernel, waiting_cluster):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    event = failed(
        kernel.run(
            f"%aws_spark connect emr --cluster-id {waiting_cluster} --livy-port {closed_port}"
        )
    )
    assert f"127.0.0.1:{closed_port}" in event["reason"]
    assert event["fix"] == (
        f"check the cluster's security group allows port {closed_port} from this notebook, "
        "and that Livy is installed (Applications)"
    )


@pytest.mark.parametrize(
    ("challenge", "advice"),
    [('Basic realm="livy"', "--auth-type Basic_Access"), ("Negotiate", "--auth-type Kerberos")],
)
def test_401_says_which_auth_type_to_use(kernel, sandbox, waiting_cluster, challenge, advice):
    livy = sandbox.parts.livy.url
    with LivyAuthProxy(livy, "analyst", PASSWORD, challenge, sandbox.secret_access_key) as proxy:
        event = failed(
            kernel.run(
                f"%aws_spark connect emr --cluster-id {waiting_cluster} --livy-port {proxy.port}"
            )
        )
    assert "(401)" in event["reason"] and "--auth-type None" in event["reason"]
    assert advice in event["fix"]


def test_basic_access_with_secret_never_shows_the_password(kernel, sandbox, waiting_cluster):
    sandbox.client("secretsmanager").create_secret(
        Name="livy-ldap", SecretString=json.dumps({"password": PASSWORD})
    )
    sandbox.parts.livy.ensure_started()
    with LivyAuthProxy(
        sandbox.parts.livy.url, "analyst", PASSWORD, "Basic", sandbox.secret_access_key
    ) as proxy:
        connect = (
            f"%aws_spark connect emr --cluster-id {waiting_cluster} --livy-port {proxy.port} "
            "--auth-type Basic_Access --username analyst --secret-id livy-ldap"
        )
        cell = kernel.run(connect, timeout=300)
        assert cell.ok, cell.error_text + cell.stdout
        assert cell.connection_event["authType"] == "Basic_Access"
        count = kernel.run("spark.range(3).count()", timeout=120)
        assert count.stdout.strip().splitlines()[-1] == "3"
        gone = kernel.run("%aws_spark disconnect")
        assert gone.ok, gone.error_text
        assert set(proxy.seen_authorization) == {proxy.expected}  # every request authenticated
    for shown in (cell, count, gone):
        assert PASSWORD not in shown.stdout + shown.stderr + str(shown.displays)
        assert proxy.expected.split()[1] not in shown.stdout + shown.stderr + str(shown.displays)


def test_basic_access_wrong_password(kernel, sandbox, waiting_cluster, monkeypatch):
    livy = sandbox.parts.livy.url
    with LivyAuthProxy(
        livy, "analyst", PASSWORD, 'Basic realm="livy"', sandbox.secret_access_key
    ) as proxy:
        kernel.run("%%local\nimport os; os.environ['WRONG_PW'] = 'nope'")
        event = failed(
            kernel.run(
                f"%aws_spark connect emr --cluster-id {waiting_cluster} --livy-port {proxy.port} "
                "--auth-type Basic_Access --username analyst --password-env WRONG_PW"
            )
        )
    assert "check --username and the secret" in event["fix"]
    assert "nope" not in str(event)


def test_glue_session_still_provisioning(kernel, sandbox):
    sandbox.lifecycle_seconds = 30
    try:
        session_id = create_glue_session(sandbox, "too-early-glue")
    finally:
        sandbox.lifecycle_seconds = 0.5
    event = failed(kernel.run(f"%aws_spark connect glue --session-id {session_id}"))
    assert event["reason"] == f"Glue session {session_id} is PROVISIONING; wait until READY"


@pytest.mark.parametrize("end_state", ["STOPPED", "TIMEOUT"])
def test_ended_glue_session_cannot_be_restarted(kernel, sandbox, end_state):
    session_id = create_glue_session(sandbox, f"ended-{end_state.lower()}")
    wait_for(lambda: glue_session_state(sandbox, session_id) == "READY", 60, "READY")
    if end_state == "STOPPED":
        sandbox.client("glue").stop_session(Id=session_id)
        wait_for(lambda: glue_session_state(sandbox, session_id) == "STOPPED", 60, "STOPPED")
    else:  # a real idle timeout takes ≥ 1 minute; set moto's state as the lifecycle would
        from moto.glue.models import glue_backends

        backend = glue_backends[sandbox.account_id][sandbox.region]
        backend.sessions[session_id].state = "TIMEOUT"
    event = failed(kernel.run(f"%aws_spark connect glue --session-id {session_id}"))
    assert event["reason"] == f"Glue session {session_id} is {end_state}"
    assert event["fix"].startswith("Glue sessions cannot be restarted: create a new session")


def test_kerberos_without_a_ticket_says_kinit(kernel, sandbox, waiting_cluster):
    livy = sandbox.parts.livy.url
    with LivyAuthProxy(livy, "analyst", PASSWORD, "Negotiate", sandbox.secret_access_key) as proxy:
        event = failed(
            kernel.run(
                f"%aws_spark connect emr --cluster-id {waiting_cluster} --livy-port {proxy.port} "
                "--auth-type Kerberos"
            )
        )
    assert "kinit" in event["fix"]
