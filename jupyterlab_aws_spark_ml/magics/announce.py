"""The one structured line per connect that the notebook UI reads, and the failure it carries.

Every `%aws_spark connect …` ends with exactly one `AWS_SPARK_ML {json}` line on stdout, and the
same object as display data of MIME type `application/vnd.aws-spark-ml.connection+json`, so the UI
can read the outcome without parsing text. Nothing secret ever goes into it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

LINE_PREFIX = "AWS_SPARK_ML "
CONNECTION_MIME_TYPE = "application/vnd.aws-spark-ml.connection+json"


def announce(event: dict[str, Any]) -> None:
    """Print the structured line and publish it as display data."""
    payload = {k: v for k, v in event.items()}
    print(LINE_PREFIX + json.dumps(payload, separators=(",", ":"), default=str), flush=True)
    try:
        from IPython.display import display

        # Only the vendor MIME type: a text/plain fallback would show the line a second time.
        display({CONNECTION_MIME_TYPE: payload}, raw=True)
    except Exception:  # outside IPython there is nobody to publish to; the line is enough
        pass


def parse_line(text: str) -> dict[str, Any] | None:
    """The structured object in `text` (e.g. a cell's stdout), or None. Used by tests and bench."""
    for line in text.splitlines():
        if line.startswith(LINE_PREFIX):
            return json.loads(line[len(LINE_PREFIX) :])
    return None


class ConnectFailed(Exception):
    """A connect that cannot succeed: `reason` says what is wrong, `fix` what to do about it."""

    def __init__(self, target: str, reason: str, fix: str, **details: Any) -> None:
        super().__init__(f"{reason} {fix}")
        self.target = target
        self.reason = reason
        self.fix = fix
        self.details = details

    def event(self) -> dict[str, Any]:
        return {
            "event": "failed",
            "target": self.target,
            **self.details,
            "reason": self.reason,
            "fix": self.fix,
        }

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a Python traceback: the person needs the fix, not our stack.
        return [f"Could not connect to {self.target}: {self.reason}", f"Fix: {self.fix}"]


class RemoteStatementError(Exception):
    """A statement that failed on the remote Spark; raised so the cell (and nbclient) sees an error."""

    def __init__(self, target: str, ename: str, evalue: str, traceback: list[str]) -> None:
        super().__init__(f"{ename}: {evalue}")
        self.target = target
        self.ename = ename
        self.evalue = evalue
        self.remote_traceback = traceback

    def _render_traceback_(self) -> list[str]:
        lines = [f"Error on the attached Spark ({self.target}): {self.ename}: {self.evalue}"]
        lines += [line.rstrip("\n") for line in self.remote_traceback]
        return lines


class NotConnected(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} needs an attached Spark. Run `%aws_spark connect emr --cluster-id j-…`, "
            "`%aws_spark connect glue --session-id …` or `%aws_spark connect local` first."
        )

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


def warn(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class RemoteKeyboardInterrupt(KeyboardInterrupt):
    """An interrupted cell whose statement was cancelled on the attached Spark.

    Shown as one line: the kernel-side frames of the magic say nothing useful to the user."""

    def _render_traceback_(self) -> list[str]:
        return [f"KeyboardInterrupt: {self}"]
