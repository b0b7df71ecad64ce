"""Kernel side of attach: `%load_ext jupyterlab_aws_spark_ml` gives the `%aws_spark` magic."""

from __future__ import annotations

from .announce import CONNECTION_MIME_TYPE, LINE_PREFIX, parse_line

__all__ = ["CONNECTION_MIME_TYPE", "LINE_PREFIX", "parse_line", "register"]


def register(ipython) -> None:
    """Register `%aws_spark` / `%%aws_spark` (and the cell routing) with this IPython shell."""
    from .magic import AwsSparkMagics

    ipython.register_magics(AwsSparkMagics(ipython))
