"""After attaching to EMR or Glue, plain cells run on the remote Spark.

An IPython input transformer (the documented hook for rewriting a cell before it runs) prefixes
each plain cell with `%%aws_spark`, whose cell form sends the body to the attached session. Cells
that start with a magic (`%…`, `%%…`) or a shell command (`!…`) stay in the kernel, because those
are kernel tools; `%%local` marks a plain Python cell that should run here. Silent or
history-less requests (the UI or an inspector probing the kernel) are never sent.
"""

from __future__ import annotations

from collections.abc import Callable

LOCAL_MARK = "%%local"
REMOTE_CELL_MAGIC = "%%aws_spark\n"


class CellRouter:
    """Installed once per shell; does nothing unless `is_remote()` says a remote Spark is attached.

    `%%local` is stripped even when nothing is attached, so a notebook written for a remote target
    still runs top to bottom in a plain kernel.
    """

    def __init__(self, is_remote: Callable[[], bool]) -> None:
        self._is_remote = is_remote

    def __call__(self, lines: list[str]) -> list[str]:
        index = _first_code_line(lines)
        if index is None:
            return lines
        first = lines[index].strip()
        if first == LOCAL_MARK or first.startswith(LOCAL_MARK + " "):
            return lines[:index] + lines[index + 1 :]
        if first.startswith(("%", "!")) or not self._is_remote():
            return lines
        return [REMOTE_CELL_MAGIC, *lines]


def is_tool_request(shell) -> bool:
    """True while the kernel runs a silent or history-less request: those come from tools (the
    UI, inspectors, debuggers) probing the kernel, not from the person's cells, so they stay here.
    """
    kernel = getattr(shell, "kernel", None)
    get_parent = getattr(kernel, "get_parent", None)
    if get_parent is None:
        return False
    try:
        parent = get_parent("shell") or {}
    except TypeError:  # older ipykernel: get_parent() without a channel
        parent = get_parent() or {}
    content = parent.get("content") or {}
    if parent.get("header", {}).get("msg_type") != "execute_request":
        return False
    return bool(content.get("silent")) or content.get("store_history") is False


def _first_code_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return None


def install(shell, router: CellRouter) -> None:
    """Add `router` to the shell's cleanup transformers once (re-loading the extension is safe)."""
    transformers = shell.input_transformers_cleanup
    for existing in list(transformers):
        if isinstance(existing, CellRouter):
            transformers.remove(existing)
    transformers.append(router)
