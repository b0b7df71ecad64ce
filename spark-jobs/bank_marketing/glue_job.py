"""AWS Glue job script for the bank_marketing job; add bank_marketing.zip as --extra-py-files.

Outside Glue it behaves like submit.py, so it can be tried locally.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "common"):
    if folder.is_dir() and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bank_marketing  # noqa: E402
from jobcommon.entry import glue_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(glue_main(bank_marketing, required=["input_uri", "output_uri"]))
