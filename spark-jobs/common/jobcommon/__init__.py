"""What every workload job shares: clear input errors, all-or-nothing output, Glue registration."""

from __future__ import annotations

from .errors import JobInputError

__all__ = ["JobInputError"]
