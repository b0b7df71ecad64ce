"""Fixtures of the proxy tests: a recording stand-in for AWS (see upstreams.py)."""

from __future__ import annotations

import pytest

from .upstreams import RecordingUpstream


@pytest.fixture
def upstream():
    """An 'AWS' that answers every request and remembers what it received."""
    server = RecordingUpstream()
    yield server
    server.stop()
