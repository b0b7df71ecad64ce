"""AWS Glue job script for the NO2 preparation job (Glue 5.0: Spark 3.5, Python 3.11).

Job parameters: --start-date, --end-date, --output-uri and --city or --bbox (see no2/params.py);
add no2.zip (python spark-jobs/package.py no2) as --extra-py-files. Outside Glue it behaves like
submit.py, so it can be tried locally.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "common"):
    if folder.is_dir() and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import no2  # noqa: E402
from jobcommon.entry import glue_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(glue_main(no2, required=["start_date", "end_date", "output_uri"]))
