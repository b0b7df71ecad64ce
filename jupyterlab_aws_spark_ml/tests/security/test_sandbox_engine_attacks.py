"""Attacks on the sandbox's Livy and inference servers: without the sandbox's password or token
nothing runs, and with it a web page still gets nothing."""

from __future__ import annotations

import base64
import json

import pytest

from jupyterlab_aws_spark_ml.tests.security.sandbox_attacks import EVIL, send

# --- Livy: the sandbox's password --------------------------------------------------------------


def basic(password: str, user: str = "sandbox") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_livy_without_password_is_401_with_a_basic_challenge(livy_port):
    body = json.dumps({"kind": "pyspark"}).encode()
    status, headers, answer = send(
        livy_port, "POST", "/sessions", {"Content-Type": "application/json"}, body
    )
    assert status == 401
    assert headers["WWW-Authenticate"] == 'Basic realm="sandbox livy"'
    assert b"password" in answer


@pytest.mark.parametrize(
    "authorization",
    ["Basic " + base64.b64encode(b"sandbox:guess").decode(), "Bearer x", "Basic !!!", "Basic "],
)
def test_livy_with_a_wrong_password_is_401(livy_port, authorization):
    status, _, _ = send(livy_port, "GET", "/sessions", {"Authorization": authorization})
    assert status == 401


def test_livy_statement_without_password_runs_nothing(livy_port):
    code = json.dumps({"code": "import os; os.system('touch /tmp/pwned')"}).encode()
    status, _, _ = send(livy_port, "POST", "/sessions/0/statements", {}, code)
    assert status == 401


def test_livy_with_the_password_answers(box, livy_port):
    status, _, answer = send(
        livy_port, "GET", "/sessions", {"Authorization": basic(box.secret_access_key, "anyone")}
    )
    assert status == 200 and json.loads(answer)["sessions"] == []


def test_livy_with_the_password_still_refuses_web_pages(box, livy_port):
    authorization = {"Authorization": basic(box.secret_access_key)}
    assert send(livy_port, "GET", "/sessions", {**authorization, "Origin": EVIL})[0] == 403
    assert send(livy_port, "GET", "/sessions", authorization, host="evil.example")[0] == 403


@pytest.mark.parametrize(
    "body", [b"null", b"[" * 10000, b"1" * 5000, b"\xff\xfe"], ids=["null", "deep", "huge", "utf8"]
)
def test_livy_malformed_json_is_400(box, livy_port, body):
    headers = {"Authorization": basic(box.secret_access_key)}
    assert send(livy_port, "POST", "/sessions", headers, body)[0] == 400


def test_kernels_get_the_livy_password_in_their_environment(box, livy_port):
    environment = box.environment()
    assert environment["AWS_SPARK_ML_LIVY_PORT"] == str(livy_port)
    assert environment["AWS_SPARK_ML_SANDBOX_LIVY_PASSWORD"] == box.secret_access_key


def test_magic_sends_the_password_only_to_the_sandbox_livy(box, livy_port, monkeypatch):
    from jupyterlab_aws_spark_ml.magics.livy_auth import sandbox_login

    for name, value in box.environment().items():
        monkeypatch.setenv(name, value)
    assert sandbox_login("127.0.0.1", livy_port) == ("sandbox", box.secret_access_key)
    assert sandbox_login("ec2-1-2-3-4.compute.amazonaws.com", livy_port) is None
    assert sandbox_login("127.0.0.1", livy_port + 1) is None


# --- inference servers: the sandbox's token ----------------------------------------------------


def test_inference_server_needs_the_token(inference):
    port, token = inference
    assert send(port, "GET", "/ping")[0] == 403
    assert send(port, "GET", "/ping", {"X-Sandbox-Token": "guess"})[0] == 403
    status, _, body = send(port, "POST", "/invocations", {"Content-Type": "text/csv"}, b"1,2\n")
    assert status == 403 and b"X-Sandbox-Token" in body
    assert send(port, "GET", "/ping", {"X-Sandbox-Token": token})[0] == 200
    status, _, body = send(
        port,
        "POST",
        "/invocations",
        {"Content-Type": "text/csv", "X-Sandbox-Token": token},
        b"1,2\n",
    )
    assert status == 200 and float(body) > 0


def test_inference_server_with_the_token_still_refuses_web_pages(inference):
    port, token = inference
    with_token = {"X-Sandbox-Token": token}
    assert send(port, "GET", "/ping", {**with_token, "Origin": EVIL})[0] == 403
    assert send(port, "GET", "/ping", with_token, host="evil.example")[0] == 403
