"""Lake Formation in the sandbox: permissions, LF-tags and admins over the seeded catalog."""

from __future__ import annotations


def components() -> list:
    return []
