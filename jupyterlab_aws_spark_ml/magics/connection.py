"""What every attached Spark offers the magics: run a statement, status, Spark UI, disconnect."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class StatementOutput:
    """One statement's result in notebook terms: a MIME type and its data."""

    mime_type: str  # text/plain, text/html, image/png (base64 or bytes) or application/json
    data: Any

    def show(self) -> None:
        """Show it like a local cell's output would be shown."""
        from IPython.display import HTML, JSON, Image, display

        if self.mime_type == "text/plain":
            text = str(self.data)
            if text:
                print(text.rstrip("\n"))
        elif self.mime_type == "text/html":
            display(HTML(self.data))
        elif self.mime_type == "image/png":
            data = self.data if isinstance(self.data, bytes) else base64.b64decode(self.data)
            display(Image(data=data, format="png"))
        elif self.mime_type == "application/json":
            display(JSON(self.data))
        else:
            display(self.data)

    @property
    def text(self) -> str:
        return self.data if isinstance(self.data, str) else str(self.data)


class Connection(Protocol):
    """An attached Spark. `run` raises RemoteStatementError for a failed statement, and on Ctrl-C
    cancels the remote statement before raising KeyboardInterrupt."""

    target: str  # 'emr', 'glue' or 'local'
    remote: bool  # False: cells run in the kernel itself

    def connected_event(self) -> dict[str, Any]: ...

    def run(self, code: str) -> StatementOutput: ...

    def spark_ui(self) -> str | None: ...

    def status(self) -> dict[str, Any]: ...

    def disconnect(self) -> str: ...

    def scratch_scheme(self) -> str:
        """URI scheme the remote Spark writes S3 with: 's3a' (open-source Spark) or 's3' (EMRFS)."""
        ...
