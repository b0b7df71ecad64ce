"""Real datasets shipped with the product, laid out in the sandbox's S3 and Glue catalog."""

from __future__ import annotations


def components() -> list:
    from .component import DatasetSeed

    return [DatasetSeed()]
