"""Helpers shared by the engine tests: a tiny Livy REST client and waiting on conditions."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request

FINAL_STATEMENT_STATES = ("available", "error", "cancelled")
DEMO_CSV_KEY = "engines-test/stations.csv"
DEMO_CSV = b"station,city,no2\nBOS-1,Boston,21.5\nBOS-2,Boston,18.0\nNYC-1,New York,30.25\n"
# Livy URL → its password (the sandbox Livy takes HTTP Basic with the sandbox's secret).
PASSWORDS: dict[str, str] = {}


def basic_auth(password: str) -> str:
    return "Basic " + base64.b64encode(f"sandbox:{password}".encode()).decode()


def livy(base: str, method: str, path: str, body: dict | None = None) -> dict:
    """Call the Livy REST API; on HTTP errors return {'status': code, **body}."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if base in PASSWORDS:
        headers["Authorization"] = basic_auth(PASSWORDS[base])
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        return {"status": error.code, **json.loads(error.read() or b"{}")}


def run_statement(base: str, session_id: int, code: str, kind: str | None = None, timeout=120):
    body = {"code": code, **({"kind": kind} if kind else {})}
    statement = livy(base, "POST", f"/sessions/{session_id}/statements", body)
    return wait_statement(base, session_id, statement["id"], timeout)


def wait_statement(base: str, session_id: int, statement_id: int, timeout: float = 120) -> dict:
    path = f"/sessions/{session_id}/statements/{statement_id}"
    found = {}

    def final() -> bool:
        found.update(livy(base, "GET", path))
        return found["state"] in FINAL_STATEMENT_STATES

    wait_until(final, timeout)
    return found


def wait_until(condition, timeout: float, interval: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)
