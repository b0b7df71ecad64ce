"""Run clean-up when the Jupyter server stops.

A function-style server extension gets no stop hook (only `ExtensionApp`s do), so we chain onto
`ServerApp.cleanup_extensions`, which the server awaits while shutting down (and pytest-jupyter
awaits when a test's server is torn down).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable


def on_server_stop(server_app, callback: Callable[[], object]) -> None:
    """Call `callback` (plain or async) after the server's extensions have been cleaned up."""
    previous = server_app.cleanup_extensions

    async def cleanup_then(*args, **kwargs):
        try:
            await previous(*args, **kwargs)
        finally:
            result = callback()
            if inspect.isawaitable(result):
                await result

    server_app.cleanup_extensions = cleanup_then
