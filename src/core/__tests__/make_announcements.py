"""Writes announcements.json: what `announce()` really prints and displays, for kernelProtocol.spec.ts.

Run from the repository root after changing magics/announce.py:
    .venv/bin/python src/core/__tests__/make_announcements.py
"""

import contextlib
import io
import json
import pathlib
import sys
from unittest import mock

from jupyterlab_aws_spark_ml.magics.announce import CONNECTION_MIME_TYPE, ConnectFailed, announce

# One of each event the magic sends (magic.py, emr.py, glue.py), with text that needs escaping.
EVENTS = [
    {
        "event": "connected",
        "target": "emr",
        "id": "j-1ABCDEFGHIJK",
        "region": "eu-west-1",
        "livy": "http://127.0.0.1:8998",
        "authType": "None",
        "sessionId": 3,
        "sparkUi": "http://127.0.0.1:4040",
    },
    {
        "event": "connected",
        "target": "glue",
        "id": "my session/1",
        "region": "us-east-1",
        "glueVersion": "5.0",
        "sessionId": "my session/1",
        "sparkUi": None,
    },
    ConnectFailed(
        "emr", 'cluster j-1ABC is STARTING \u2026 "wait"', "wait until WAITING\nthen run it again"
    ).event(),
    {"event": "status", "target": None, "state": "disconnected"},
    {"event": "status", "target": "local", "id": "local", "state": "idle", "sparkUi": None},
    {"event": "disconnected", "target": "glue", "message": "Stopped Glue session my session/1."},
]


def main() -> None:
    displayed = []
    fake_display = mock.patch(
        "IPython.display.display", lambda obj, raw=False: displayed.append(obj)
    )
    cases = []
    for event in EVENTS:
        out = io.StringIO()
        displayed.clear()
        with fake_display, contextlib.redirect_stdout(out):
            announce(event)
        cases.append({"stdout": out.getvalue(), "display": displayed[0], "event": event})
    fixture = {
        "_generated_by": "src/core/__tests__/make_announcements.py from magics/announce.py",
        "mime": CONNECTION_MIME_TYPE,
        "cases": cases,
    }
    path = pathlib.Path(__file__).with_name("announcements.json")
    path.write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.write(f"wrote {len(cases)} announcements to {path.name}\n")


if __name__ == "__main__":
    main()
